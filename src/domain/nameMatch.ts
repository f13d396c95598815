/** Whether two normalized company names name the same company, and by which measure. */
import { coreName, plainSpelling } from './customer';
import { osaDistance, type EditCosts } from './editDistance';
import { trigramSimilarity } from './trigram';

export const NAME_MEASURES = ['identical', 'core_name', 'acronym', 'edit_distance', 'trigram'] as const;
export type NameMeasure = (typeof NAME_MEASURES)[number];

export interface NameMatch {
  measure: NameMeasure;
  /** 0..1: 1 for identical names, 1 − edits/length for a typo, the similarity for trigrams. */
  strength: number;
}

/** Typos are told from other words only in names this long; shorter names must be spelled alike. */
const MIN_TYPO_LENGTH = 5;
/**
 * From this length any changed letter, and two letters swapped across a third ("Infenion"), is a
 * typo. In shorter names one changed letter makes another company as often as a typo (Bayer/Bauer,
 * Allianz/Alliant, and even a vowel: Equinix/Equinox, Genesys/Genesis), and a false alarm blocks an
 * honest partner, so those must be spelled alike but for a dropped, added or swapped letter.
 */
const MIN_SUBSTITUTION_LENGTH = 8;
/** Names longer than this are left to the trigram measure; their deletion keys would bloat the index. */
const MAX_KEYED_LENGTH = 40;

const compact = (name: string) => name.replace(/ /g, '');

/** Words that join others ("Procter and Gamble") and say nothing on their own. */
const JOINING_WORDS = new Set(['and', 'of', 'de', 'der', 'des', 'du', 'la', 'le', 'y', 'und', 'et']);

/** Acronyms are told from other short words only when formed from this many words or more ("IBM", not "GE"). */
const MIN_ACRONYM_WORDS = 3;
const ACRONYM_STRENGTH = 0.8;

/** "international business machines" → "ibm"; null for names of fewer words. Joining words ("and", "of") are skipped. */
function acronym(name: string): string | null {
  const words = name.split(' ').filter((w) => !JOINING_WORDS.has(w));
  return words.length >= MIN_ACRONYM_WORDS ? words.map((w) => [...w][0]).join('') : null;
}

/** The edits a typo may be, by the length of the shorter word: a changed letter costs two (a deletion and an insertion) where it is no typo. */
function typoCosts(shorter: number): Partial<EditCosts> {
  if (shorter >= MIN_SUBSTITUTION_LENGTH) return { swapAcrossOne: 1 };
  return { substitution: 2 };
}

/**
 * One swapped, dropped or added letter (in longer words also a changed one, or two swapped across
 * a third): the edit count, else null.
 */
export function typoDistance(a: string, b: string): number | null {
  const shorter = Math.min([...a].length, [...b].length);
  if (shorter < MIN_TYPO_LENGTH) return a === b ? 0 : null;
  const distance = osaDistance(a, b, typoCosts(shorter));
  return distance <= 1 ? distance : null;
}

/**
 * The words each name has that the other lacks once equal words and typo-close words are paired:
 * "deutsche bank" / "deutsche bahn" leave bank and bahn, so however similar they look, they differ;
 * "emirates" / "emirates nbd" leave nbd, a word that names another company (a bank of that group).
 */
function unpairedWords(a: string, b: string): { left: string[]; right: string[] } {
  const left = a.split(' ').filter((w) => !JOINING_WORDS.has(w));
  const right = b.split(' ').filter((w) => !JOINING_WORDS.has(w));
  for (const exact of [true, false]) {
    for (let i = left.length - 1; i >= 0; i--) {
      const j = right.findIndex((w) => (exact ? w === left[i] : typoDistance(w, left[i]!) !== null));
      if (j >= 0) {
        left.splice(i, 1);
        right.splice(j, 1);
      }
    }
  }
  return { left, right };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The strongest measure by which two normalized names match at `threshold` or above, or null. */
export function compareNames(a: string, b: string, threshold: number): NameMatch | null {
  if (compact(a) === compact(b)) return { measure: 'identical', strength: 1 };
  if (compact(plainSpelling(a)) === compact(plainSpelling(b))) return { measure: 'identical', strength: 1 };
  const coreA = coreName(a);
  const coreB = coreName(b);
  // "Cisco" is "Cisco Systems"; but "United Technologies" is not "United Group".
  if ((coreA === a || coreB === b) && compact(coreA) === compact(coreB)) return { measure: 'core_name', strength: 1 };
  // "IBM" is International Business Machines; the short name must be the acronym in full.
  if ((!a.includes(' ') && acronym(b) === a) || (!b.includes(' ') && acronym(a) === b)) return ACRONYM_STRENGTH >= threshold ? { measure: 'acronym', strength: ACRONYM_STRENGTH } : null;
  const unpaired = unpairedWords(coreA, coreB);
  const differ = unpaired.left.length > 0 && unpaired.right.length > 0;
  const typo = typoDistance(compact(a), compact(b));
  const sameWordCount = a.split(' ').length === b.split(' ').length;
  if (typo !== null && !(sameWordCount && differ)) {
    const strength = round(1 - typo / Math.max([...compact(a)].length, [...compact(b)].length));
    if (strength >= threshold) return { measure: 'edit_distance', strength };
  }
  // Similar spelling counts only between names whose every word has its counterpart: a word one
  // name adds ("Deutsche Wohnen Service") names a subsidiary or another company of the family.
  if (unpaired.left.length > 0 || unpaired.right.length > 0) return null;
  const trigram = round(trigramSimilarity(a, b));
  return trigram >= threshold ? { measure: 'trigram', strength: trigram } : null;
}

/**
 * The string and, when it is long enough to tell a typo, each way of deleting one letter from it
 * (two strings one dropped, added, changed or swapped letter apart share one of these) and, when it
 * is long enough for two letters swapped across a third, each such pair of letters out of
 * alphabetical order put in order: the string with the pair in order is then a key of both.
 */
function typoKeys(text: string): string[] {
  const letters = [...text];
  if (letters.length < MIN_TYPO_LENGTH || letters.length > MAX_KEYED_LENGTH) return [text];
  const join = (parts: string[]) => parts.join('');
  const deletions = letters.map((_, i) => join(letters.slice(0, i)) + join(letters.slice(i + 1)));
  if (letters.length < MIN_SUBSTITUTION_LENGTH) return [text, ...deletions];
  const swapsInOrder = letters.slice(2).flatMap((last, i) => {
    const first = letters[i]!;
    return first > last ? [join(letters.slice(0, i)) + last + letters[i + 1]! + first + join(letters.slice(i + 3))] : [];
  });
  return [text, ...deletions, ...swapsInOrder];
}

/** The words similar spelling is judged on: the core name's, without joining words. */
const comparedWords = (normalizedName: string) => coreName(normalizedName).split(' ').filter((w) => w && !JOINING_WORDS.has(w));

/** A word's keys, marked "~" so that they meet only other words' keys. */
const wordKeys = (word: string) => typoKeys(word).map((k) => `~${k}`);

/**
 * The keys a name is searched by: every name one edit away, with the same core, spelled plainly or
 * written as its acronym shares one with it. They are each of those forms without spaces, with its
 * one-letter deletions (two strings one edit apart always share such a deletion), and (marked "=")
 * the acronym of a long name or a one-word name itself.
 */
export function nameKeys(normalizedName: string): string[] {
  const keys = new Set<string>();
  const forms = [normalizedName, coreName(normalizedName), plainSpelling(normalizedName)];
  for (const name of new Set(forms.map(compact))) for (const key of typoKeys(name)) keys.add(key);
  // Acronym keys are marked so that two long names with the same initials do not meet through them.
  const initials = normalizedName.includes(' ') ? acronym(normalizedName) : normalizedName;
  if (initials) keys.add(`=${initials}`);
  return [...keys];
}

/** The keys the store indexes a name under: its name keys and the keys of each of its words. */
export function indexedKeys(normalizedName: string): string[] {
  return [...new Set([...nameKeys(normalizedName), ...comparedWords(normalizedName).flatMap(wordKeys)])];
}

/** How many of a name's words the search asks a counterpart for: the longest, which are the rarest. */
const SEARCHED_WORDS = 3;

/**
 * For the candidate search: one key set per word of the name (its longest words), each of which a
 * name must share a key with to be spelled like it word for word (the only way `compareNames`
 * matches by trigrams). Empty when the name has no word to compare.
 */
export function wordKeySets(normalizedName: string): string[][] {
  const words = [...new Set(comparedWords(normalizedName))].sort((a, b) => [...b].length - [...a].length);
  return words.slice(0, SEARCHED_WORDS).map(wordKeys);
}
