/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … capped at 5 minutes, each drawn at random below its cap. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = Math.min(300_000, 500 * 2 ** Math.min(attempts, 20));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
