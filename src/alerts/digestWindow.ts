/** The fixed window of `windowMs` a moment falls in: bursts are counted and digested per window. */
export function digestWindowOf(at: Date, windowMs: number): { start: Date; end: Date } {
  const start = Math.floor(at.getTime() / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}
