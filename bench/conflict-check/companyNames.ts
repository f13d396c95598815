import { normalizeCompanyName, normalizeDomain } from '../../src/domain/customer';
import type { Random } from '../support/random';

/**
 * Plausible customer companies for the benchmark: invented brand words, founders' surnames,
 * places and industries, with the legal suffixes, diacritics and domain spellings people
 * really type, so normalization and trigram matching see realistic text.
 */

const ONSETS = ['b', 'br', 'c', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'kr', 'l', 'm', 'n', 'p', 'pr', 'qu', 'r', 's', 'sk', 'st', 't', 'tr', 'v', 'w', 'x', 'z', 'sh', 'th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ia', 'eo', 'ai', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'x', 'l', 's', 'm', 'nt', 'st', 'k', 'v'];
const ENDINGS = ['', '', 'a', 'o', 'ia', 'ex', 'ix', 'on', 'us', 'ent', 'era', 'ify', 'ly', 'io'];

const SURNAMES = [
  'Smith', 'Johnson', 'Hartley', 'Moss', 'Müller', 'García', 'Nguyen', 'Okafor', 'Tanaka', 'Kowalski', 'Rossi', 'Dubois',
  'Lindqvist', 'Patel', 'Schmidt', "O'Brien", 'Fischer', 'Novák', 'Silva', 'Ivanova', 'Kim', 'Chen', 'Haddad', 'Mensah',
  'Andersen', 'Jansen', 'Moreau', 'Bianchi', 'Sánchez', 'Yilmaz', 'Costa', 'Weber', 'Becker', 'Wagner', 'Hughes', 'Walsh',
  'Byrne', 'Murphy', 'Fraser', 'Campbell', 'Sato', 'Suzuki', 'Watanabe', 'Singh', 'Kapoor', 'Das', 'Mendes', 'Pereira',
  'Lefèvre', 'Łukasz', 'Horvat', 'Dvořák', 'Nieminen', 'Virtanen', 'Eriksson', 'Berg', 'Holm', 'Baker', 'Carter', 'Fowler',
];
const PLACES = [
  'Pacific', 'Atlantic', 'Northern', 'Southern', 'Summit', 'Harbor', 'Cascade', 'Alpine', 'Meridian', 'Riverside', 'Lakeshore',
  'Golden Gate', 'Silver Creek', 'Blue Ridge', 'Bay Area', 'Highland', 'Coastal', 'Prairie', 'Granite', 'Redwood', 'Evergreen',
  'Great Lakes', 'Rocky Mountain', 'Gulf Coast', 'Hudson', 'Thames', 'Rhine', 'Nordic', 'Baltic', 'Iberian', 'Andean',
  'Sahara', 'Mekong', 'Yangtze', 'Danube', 'Oakridge', 'Maplewood', 'Pinecrest', 'Westfield', 'Eastgate', 'Southbank',
];
const ADJECTIVES = [
  'Bright', 'Global', 'United', 'Advanced', 'First', 'Premier', 'Integrated', 'Strategic', 'Dynamic', 'Modern', 'Precision',
  'Applied', 'Digital', 'Smart', 'Rapid', 'Prime', 'Allied', 'Quantum', 'Vertex', 'Apex', 'General', 'National', 'American',
  'Deutsche', 'Royal', 'Continental', 'Consolidated', 'Universal', 'Standard', 'Pioneer', 'Liberty', 'Crown', 'Sterling',
];
const INDUSTRIES = [
  'Logistics', 'Analytics', 'Foods', 'Pharmaceuticals', 'Motors', 'Mills', 'Airlines', 'Express', 'Bank', 'Telekom', 'Insurance',
  'Energy', 'Solar', 'Robotics', 'Software', 'Systems', 'Networks', 'Health', 'Medical', 'Biotech', 'Capital', 'Partners',
  'Holdings', 'Group', 'Retail', 'Textiles', 'Steel', 'Chemicals', 'Consulting', 'Media', 'Telecom', 'Semiconductors',
  'Aerospace', 'Shipping', 'Construction', 'Realty', 'Labs', 'Beverages', 'Apparel', 'Mining', 'Dynamics', 'Security',
  'Technologies', 'Instruments', 'Materials', 'Devices', 'Brands', 'Industries', 'Ventures', 'Solutions', 'Outfitters',
];
const LEGAL_FORMS = [
  '', '', '', 'Inc', 'Inc.', ', Inc.', 'Corp', 'Corp.', 'Corporation', 'Co.', 'Company', 'LLC', 'Ltd', 'Ltd.', 'Limited',
  'GmbH', 'AG', 'SA', 'S.A.', 'SAS', 'BV', 'NV', 'PLC', 'Pty Ltd', 'KK', 'Oy', 'AB',
];
const TLDS = ['com', 'com', 'com', 'com', 'io', 'net', 'co', 'de', 'fr', 'co.uk', 'com.au', 'co.jp', 'com.br', 'nl', 'se', 'in', 'mx'];

function brandWord(random: Random): string {
  let word = '';
  const syllables = 2 + random.int(2);
  for (let i = 0; i < syllables; i++) word += random.pick(ONSETS) + random.pick(VOWELS) + (i === syllables - 1 ? random.pick(CODAS) : '');
  word += random.pick(ENDINGS);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function withLegalForm(base: string, random: Random): string {
  const form = random.pick(LEGAL_FORMS);
  if (!form) return base;
  return form.startsWith(',') ? `${base}${form}` : `${base} ${form}`;
}

/** One company name as a CRM user would type it. */
export function companyName(random: Random): string {
  const roll = random.next();
  let base: string;
  if (roll < 0.35) base = `${brandWord(random)} ${random.pick(INDUSTRIES)}`;
  else if (roll < 0.55) base = brandWord(random);
  else if (roll < 0.67) base = `${random.pick(PLACES)} ${random.pick(INDUSTRIES)}`;
  else if (roll < 0.8) base = `${random.pick(ADJECTIVES)} ${brandWord(random)} ${random.pick(INDUSTRIES)}`;
  else if (roll < 0.9) base = `${random.pick(SURNAMES)} ${random.next() < 0.5 ? '&' : 'and'} ${random.pick(SURNAMES)}`;
  else base = `${random.pick(SURNAMES)} ${random.pick(INDUSTRIES)}`;
  if (random.next() < 0.04) base = `The ${base}`;
  return withLegalForm(base, random);
}

/** A domain written the way it arrives (scheme, www., case, path), or null when the customer has none on file. */
export function typedDomain(name: string, random: Random, taken: Set<string>): { typed: string; normalized: string } | null {
  if (random.next() < 0.15) return null;
  const label = normalizeCompanyName(name).replace(/ and /g, '').replace(/[^a-z0-9]/g, '').slice(0, 40) || 'company';
  for (let attempt = 0; ; attempt++) {
    const host = `${label}${attempt === 0 ? '' : attempt + 1}.${random.pick(TLDS)}`;
    const normalized = normalizeDomain(host);
    if (!normalized || taken.has(normalized)) continue;
    taken.add(normalized);
    const style = random.int(4);
    const typed = style === 0 ? host : style === 1 ? `www.${host}` : style === 2 ? `https://www.${host}/` : `https://${host.toUpperCase()}/about`;
    return { typed, normalized };
  }
}

/** One slip of the keyboard inside a longer word: a dropped, doubled, swapped or wrong letter, or two letters swapped across a third. */
export function misspell(name: string, random: Random): string {
  const words = name.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^\p{L}{5,}$/u.test(w));
  if (candidates.length === 0) return name;
  const { w, i } = random.pick(candidates);
  const at = 1 + random.int(w.length - 2);
  const kind = random.int(5);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const typo =
    kind === 0
      ? w.slice(0, at) + w.slice(at + 1)
      : kind === 1
        ? w.slice(0, at) + w[at] + w.slice(at)
        : kind === 2
          ? w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1)
          : kind === 3
            ? w.slice(0, at) + random.pick([...letters]) + w.slice(at + 1)
            : w.slice(0, at - 1) + w[at + 1] + w[at] + w[at - 1] + w.slice(at + 2);
  words[i] = typo;
  return words.join(' ');
}

/**
 * A different company that shares most of the name: the industry word is swapped
 * (General Motors / General Mills), or a single-word brand gains one (Zentrova / Zentrova Labs).
 */
export function lookAlike(name: string, random: Random): string {
  const words = name.split(' ');
  const industryAt = words.findIndex((w) => INDUSTRIES.includes(w));
  if (industryAt >= 0) {
    words[industryAt] = random.pick(INDUSTRIES.filter((w) => w !== words[industryAt]));
    return words.join(' ');
  }
  return `${words[0]} ${random.pick(INDUSTRIES)}`;
}
