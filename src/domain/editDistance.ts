/** What the edits of `osaDistance` cost beyond the plain ones (insertions, deletions, neighbouring swaps: 1 each). */
export interface EditCosts {
  /** A changed letter; 2 counts it as a deletion plus an insertion. */
  substitution: number;
  /** Two letters swapped across a third ("infenion" for "infineon"); Infinity leaves it out. */
  swapAcrossOne: number;
}

const PLAIN: EditCosts = { substitution: 1, swapAcrossOne: Infinity };

/**
 * Optimal string alignment distance (restricted Damerau–Levenshtein): the fewest insertions,
 * deletions, substitutions and swaps of two neighbouring letters that turn `a` into `b`, no
 * letter edited twice. `costs` can make a changed letter dearer (in short words one changed letter
 * is more often another word than a typo) and count a swap across one letter as one edit.
 */
export function osaDistance(a: string, b: string, costs: Partial<EditCosts> = {}): number {
  const { substitution, swapAcrossOne } = { ...PLAIN, ...costs };
  const x = [...a];
  const y = [...b];
  // rows[i][j] = distance between the first i letters of x and the first j letters of y.
  const rows: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 0; j <= y.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= y.length; j++) {
      const same = x[i - 1] === y[j - 1];
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (same ? 0 : substitution));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      if (i > 2 && j > 2 && x[i - 1] === y[j - 3] && x[i - 2] === y[j - 2] && x[i - 3] === y[j - 1]) {
        best = Math.min(best, rows[i - 3]![j - 3]! + swapAcrossOne);
      }
      row[j] = best;
    }
  }
  return rows[x.length]![y.length]!;
}
