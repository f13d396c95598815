/**
 * Trigram similarity computed the way PostgreSQL's pg_trgm does it: each word is
 * padded with two spaces before and one after, its distinct trigrams form a set,
 * and similarity is |A ∩ B| / |A ∪ B|. The database uses the same measure to
 * narrow candidates through its trigram index; the rule itself is decided here.
 */
export function trigrams(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  }
  return result;
}

export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const union = ta.size + tb.size - shared;
  // Two texts without a word share nothing to compare.
  return union === 0 ? 0 : shared / union;
}
