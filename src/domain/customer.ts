/** How Trellis decides that two registrations name the same customer. */

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'ltd', 'limited',
  'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'plc', 'pty', 'kk', 'oy', 'ab',
]);

/**
 * "The Acme Corp., Inc." → "acme"; "Société Générale S.A." → "societe generale";
 * "Johnson & Johnson" → "johnson and johnson". Legal suffixes are removed only at
 * the end and a leading "the" only at the start, so "Co-operative Bank" keeps its words.
 */
export function normalizeCompanyName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = folded.split(' ').filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
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

/** The customer as Trellis matches it. */
export interface CustomerKey {
  normalizedName: string;
  normalizedDomain: string | null;
}

export function customerKey(customer: { name: string; domain?: string | null | undefined }): CustomerKey {
  return {
    normalizedName: normalizeCompanyName(customer.name),
    normalizedDomain: customer.domain ? normalizeDomain(customer.domain) : null,
  };
}
