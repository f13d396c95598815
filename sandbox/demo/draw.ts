import type { Random } from '../shared/random';

/** Seeded draws the demo's generators share. */
export const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
export const roundTo = (value: number, step: number) => Math.round(value / step) * step;
/** An integer from `min` to `max`, both included. */
export const between = (random: Random, [min, max]: readonly [number, number]) => min + Math.floor(random() * (max - min + 1));
