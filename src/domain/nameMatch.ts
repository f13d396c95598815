/** Whether two normalized company names name the same company, and by which measure. */
import { coreName, withoutTransliterations } from './customer';
import { osaDistance } from './editDistance';
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
/** Below this length a changed letter makes another word more often than a typo (Bayer/Bauer). */
const MIN_SUBSTITUTION_LENGTH = 8;
/** Names longer than this are left to the trigram measure; their deletion keys would bloat the index. */
const MAX_KEYED_LENGTH = 40;

const compact = (name: string) => name.replace(/ /g, '');

/** Acronyms are told from other short words only when formed from this many words or more ("IBM", not "GE"). */
const MIN_ACRONYM_WORDS = 3;
const ACRONYM_STRENGTH = 0.8;

/** "international business machines" → "ibm"; null for names of fewer words. Joining words ("and", "of") are skipped. */
function acronym(name: string): string | null {
  const words = name.split(' ').filter((w) => !['and', 'of', 'de', 'der', 'des', 'du', 'la', 'le', 'y', 'und', 'et'].includes(w));
  return words.length >= MIN_ACRONYM_WORDS ? words.map((w) => [...w][0]).join('') : null;
}

/** One swapped, dropped, added (or, in longer words, changed) letter: the edit count, else null. */
export function typoDistance(a: string, b: string): number | null {
  const shorter = Math.min([...a].length, [...b].length);
  if (shorter < MIN_TYPO_LENGTH) return a === b ? 0 : null;
  const distance = osaDistance(a, b, shorter >= MIN_SUBSTITUTION_LENGTH ? 1 : 2);
  return distance <= 1 ? distance : null;
}

/**
 * Whether each name still has a word the other lacks once equal words and typo-close words are
 * paired: "deutsche bank" / "deutsche bahn" do (bank, bahn), so however similar they look, they differ.
 */
function differInAWord(a: string, b: string): boolean {
  const left = a.split(' ');
  const right = b.split(' ');
  for (const exact of [true, false]) {
    for (let i = left.length - 1; i >= 0; i--) {
      const j = right.findIndex((w) => (exact ? w === left[i] : typoDistance(w, left[i]!) !== null));
      if (j >= 0) {
        left.splice(i, 1);
        right.splice(j, 1);
      }
    }
  }
  return left.length > 0 && right.length > 0;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** The strongest measure by which two normalized names match at `threshold` or above, or null. */
export function compareNames(a: string, b: string, threshold: number): NameMatch | null {
  if (compact(a) === compact(b)) return { measure: 'identical', strength: 1 };
  if (compact(withoutTransliterations(a)) === compact(withoutTransliterations(b))) return { measure: 'identical', strength: 1 };
  const coreA = coreName(a);
  const coreB = coreName(b);
  // "Cisco" is "Cisco Systems"; but "United Technologies" is not "United Group".
  if ((coreA === a || coreB === b) && compact(coreA) === compact(coreB)) return { measure: 'core_name', strength: 1 };
  // "IBM" is International Business Machines; the short name must be the acronym in full.
  if ((!a.includes(' ') && acronym(b) === a) || (!b.includes(' ') && acronym(a) === b)) return ACRONYM_STRENGTH >= threshold ? { measure: 'acronym', strength: ACRONYM_STRENGTH } : null;
  const differ = differInAWord(coreA, coreB);
  const typo = typoDistance(compact(a), compact(b));
  const sameWordCount = a.split(' ').length === b.split(' ').length;
  if (typo !== null && !(sameWordCount && differ)) {
    const strength = round(1 - typo / Math.max([...compact(a)].length, [...compact(b)].length));
    if (strength >= threshold) return { measure: 'edit_distance', strength };
  }
  const trigram = round(trigramSimilarity(a, b));
  if (trigram >= threshold && !differ) return { measure: 'trigram', strength: trigram };
  return null;
}

/**
 * The keys under which the store indexes a name so that every name one edit away, with the same
 * core, spelled without transliterations or written as its acronym shares a key with it: each of
 * those forms without spaces, each with one letter deleted, and (marked "=") the acronym of a long
 * name or a one-word name itself. Two strings one edit apart always share such a deletion.
 */
export function typoKeys(normalizedName: string): string[] {
  const keys = new Set<string>();
  const forms = [normalizedName, coreName(normalizedName), withoutTransliterations(normalizedName)];
  for (const name of new Set(forms.map(compact))) {
    const letters = [...name];
    keys.add(name);
    if (letters.length < MIN_TYPO_LENGTH || letters.length > MAX_KEYED_LENGTH) continue;
    for (let i = 0; i < letters.length; i++) keys.add(letters.slice(0, i).join('') + letters.slice(i + 1).join(''));
  }
  // Acronym keys are marked so that two long names with the same initials do not meet through them.
  const initials = normalizedName.includes(' ') ? acronym(normalizedName) : normalizedName;
  if (initials) keys.add(`=${initials}`);
  return [...keys];
}
