import type { Random } from '../shared/random';

/**
 * The demo's calendar: a year of history ending the day before the sandbox was seeded, so the
 * same seed gives the same history relative to "today" on every fresh start.
 */
export const HISTORY_DAYS = 365;
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `daysAgo` days before the start of `today` (UTC), `hour` hours into that day. */
export const daysAgo = (today: Date, days: number, hour = 0): Date =>
  new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * DAY_MS + hour * HOUR_MS);

export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR_MS);
export const addDays = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);
export const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

/** Somewhere in a working day (08:00–17:00 UTC): when people submit, decide and log in. */
export const workingHour = (random: Random): number => 8 + random() * 9;
