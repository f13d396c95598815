/** How Trellis decides that two registrations name the same customer: the keys it compares. */
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';
import freeMailDomains from 'email-providers/all.json';
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { LEGAL_FORMS } from './legalForms';

/** Letters German and Nordic names are written with or without: both spellings fold to one form. */
const TRANSLITERATIONS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ı: 'i' };

/** Abbreviations written in company names, folded to the word they stand for. */
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international', inc: 'incorporated', corp: 'corporation', ltd: 'limited', svcs: 'services', svc: 'services',
  mfg: 'manufacturing', bros: 'brothers', natl: 'national', grp: 'group', hldgs: 'holdings', hldg: 'holding', mgmt: 'management',
  mgt: 'management', sys: 'systems', univ: 'university', dept: 'department', ctr: 'center', centre: 'center', inds: 'industries',
  assn: 'association', tech: 'technology', labs: 'laboratories', lab: 'laboratory',
};

/** Words that describe rather than name a company: "Cisco Systems" is Cisco. */
const DESCRIPTIVE_WORDS = new Set([
  'group', 'groupe', 'gruppe', 'grupo', 'gruppo', 'holding', 'holdings', 'international', 'internacional', 'internationale',
  'global', 'worldwide', 'systems', 'technologies', 'technology',
]);

/** Lower case, transliterated, accents removed, punctuation gone: the words of a name as they are compared. */
function foldWords(text: string): string[] {
  const folded = text
    .toLowerCase()
    .replace(/[äöüøåæœßłđı]/g, (c) => TRANSLITERATIONS[c]!)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[&+]/g, ' and ')
    // A web address written as the name ("Booking.com") names the company, not its top-level domain.
    .replace(/(\p{L})\.(?:com|net|org|io|eu|de|co)\b/gu, '$1')
    .replace(/['’.,]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words: string[] = [];
  let initials = false;
  // Initials written apart ("S A", "A/S") are one word, as written together ("SA", "AS").
  for (const word of folded.split(' ').filter(Boolean)) {
    const single = word.length === 1 && /\p{L}/u.test(word);
    if (single && initials) words[words.length - 1] += word;
    else words.push(ABBREVIATIONS[word] ?? word);
    initials = single;
  }
  return words;
}

const foldedForms = (forms: readonly string[] | undefined) => (forms ?? []).map((f) => foldWords(f)).filter((w) => w.length > 0);
const AFTER_FORMS = LEGAL_FORMS.flatMap((j) => foldedForms(j.after)).sort((a, b) => b.length - a.length);
const BEFORE_FORMS = LEGAL_FORMS.flatMap((j) => foldedForms(j.before)).sort((a, b) => b.length - a.length);
const WORD_ENDINGS_BEFORE = LEGAL_FORMS.flatMap((j) => (j.endingWordBefore ?? []).map((f) => foldWords(f).join('')));
/** Forms of two words or more are unmistakable anywhere in a name ("Cemex S.A.B. de C.V. Monterrey"). */
const INNER_FORMS = AFTER_FORMS.filter((f) => f.length >= 2);

const startsWith = (words: readonly string[], form: readonly string[], at: number) => form.every((w, i) => words[at + i] === w);

/** The name's words without the legal forms around and inside it; never all of them. */
function withoutLegalForms(words: readonly string[]): string[] {
  let rest = [...words];
  for (let changed = true; changed; ) {
    changed = false;
    const tail = AFTER_FORMS.find((f) => f.length < rest.length && startsWith(rest, f, rest.length - f.length));
    if (tail) {
      rest = rest.slice(0, rest.length - tail.length);
      if (rest.length > 1 && rest[rest.length - 1] === 'and') rest.pop();
      changed = true;
    }
    const head = (rest[0] === 'the' ? [['the']] : BEFORE_FORMS).find((f) => f.length < rest.length && startsWith(rest, f, 0));
    if (head) {
      rest = rest.slice(head.length);
      changed = true;
    } else if (rest.length > 1 && WORD_ENDINGS_BEFORE.some((ending) => rest[0]!.endsWith(ending))) {
      rest = rest.slice(1);
      changed = true;
    }
  }
  for (let i = 1; i < rest.length - 1; i++) {
    const inner = INNER_FORMS.find((f) => f.length < rest.length && startsWith(rest, f, i));
    if (inner) rest.splice(i, inner.length);
  }
  return rest;
}

/**
 * "The Acme Corp., Inc." → "acme"; "Siemens Aktiengesellschaft" → "siemens";
 * "Müller & Söhne GmbH" → "mueller and soehne"; "Grupo Bimbo, S.A.B. de C.V." → "grupo bimbo".
 * Legal forms of every jurisdiction in LEGAL_FORMS are removed at either end (multi-word ones
 * anywhere), abbreviations are written out, and umlauts and Nordic letters transliterated.
 */
export function normalizeCompanyName(name: string): string {
  return withoutLegalForms(foldWords(name)).join(' ');
}

/**
 * The name as it sounds rather than as it is spelled: transliterated letters taken back to the bare
 * letter ("waertsilae" → "wartsila", for "Wartsila" typed for "Wärtsilä") and "ph" written "f"
 * ("Vodaphone" for "Vodafone").
 */
export function plainSpelling(normalizedName: string): string {
  return normalizedName.replace(/([aou])e|(a)a/g, '$1$2').replace(/ph/g, 'f');
}

/** The name without descriptive words ("cisco systems" → "cisco"), or the name itself when nothing else is left. */
export function coreName(normalizedName: string): string {
  const words = normalizedName.split(' ').filter((w) => !DESCRIPTIVE_WORDS.has(w));
  return words.length > 0 ? words.join(' ') : normalizedName;
}

/**
 * "https://www.Acme.com/about?x" → "acme.com"; "jane@acme.com" → "acme.com".
 * Returns null for text that is not a domain.
 */
export function normalizeDomain(input: string): string | null {
  let value = input.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at >= 0 && !value.includes('://')) value = value.slice(at + 1);
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  value = value.split(/[/?#]/)[0] ?? '';
  value = value.replace(/^[^@]*@/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  if (value.startsWith('www.')) value = value.slice(4);
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  const labels = value.split('.');
  if (labels.length < 2 || !labels.every((l) => label.test(l))) return null;
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]!)) return null;
  return value;
}

/**
 * The organisation a domain belongs to: "eu.acme.co.uk" → "acme.co.uk". Private suffixes of the
 * public suffix list count, so "a.github.io" and "b.github.io" stay two organisations.
 */
export function registrableDomain(normalizedDomain: string): string {
  return getDomain(normalizedDomain, { allowPrivateDomains: true }) ?? normalizedDomain;
}

/** The name an organisation's domain is registered under: "siemens.de" and "siemens.com" → "siemens". */
export function domainLabel(registrable: string): string {
  return getDomainWithoutSuffix(registrable, { allowPrivateDomains: true }) ?? registrable;
}

const FREE_MAIL = new Set<string>(freeMailDomains);
// Built once: the package's own isDisposableEmailDomain builds this set anew on every call.
const DISPOSABLE = disposableEmailBlocklistSet();

/** A free or throwaway mail domain says nothing about which company someone works for. */
export function isFreeMailDomain(normalizedDomain: string, extra: readonly string[] = []): boolean {
  const domain = registrableDomain(normalizedDomain);
  return (
    FREE_MAIL.has(normalizedDomain) ||
    FREE_MAIL.has(domain) ||
    DISPOSABLE.has(normalizedDomain) ||
    DISPOSABLE.has(domain) ||
    extra.some((d) => d === normalizedDomain || d === domain)
  );
}

/** The customer as Trellis matches it. */
export interface CustomerKey {
  normalizedName: string;
  /** Null when none was given, or when it is a free or throwaway mail domain. */
  normalizedDomain: string | null;
}

export function customerKey(
  customer: { name: string; domain?: string | null | undefined },
  extraFreeMailDomains: readonly string[] = [],
): CustomerKey {
  const domain = customer.domain ? normalizeDomain(customer.domain) : null;
  return {
    normalizedName: normalizeCompanyName(customer.name),
    normalizedDomain: domain && !isFreeMailDomain(domain, extraFreeMailDomains) ? domain : null,
  };
}
