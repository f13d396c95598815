/** A product is covered when a specialty names it or a word of it ("analytics" covers "analytics suite"). */
export function covers(specialties: readonly string[], product: string): boolean {
  const p = product.toLowerCase();
  return specialties.some((s) => {
    const sp = s.toLowerCase();
    return p.includes(sp) || sp.includes(p);
  });
}
