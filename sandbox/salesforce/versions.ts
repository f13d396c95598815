import type { NextFunction, Request, Response } from 'express';
import { notFound } from './errors';

const OLDEST = 31;
const NEWEST = 64;

/** Release name of an API version: three releases a year, v60.0 being Spring '24. */
function releaseLabel(major: number): string {
  const fromSpring24 = major - 60;
  const season = ((fromSpring24 % 3) + 3) % 3;
  const year = 24 + Math.floor(fromSpring24 / 3) + (season === 2 ? 1 : 0);
  return `${['Spring', 'Summer', 'Winter'][season]} '${year}`;
}

/** `GET /services/data`: every version this "instance" serves. */
export function listVersions(_req: Request, res: Response): void {
  const versions = [];
  for (let major = OLDEST; major <= NEWEST; major++) {
    versions.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  res.json(versions);
}

/** Accepts `v62.0`-style path versions the emulator serves; `res.locals.version` gets "62.0". */
export function requireVersion(req: Request, res: Response, next: NextFunction): void {
  const match = /^v(\d+)\.0$/.exec(String(req.params.version));
  const major = match ? Number(match[1]) : NaN;
  if (!(major >= OLDEST && major <= NEWEST)) throw notFound();
  res.locals.version = `${major}.0`;
  next();
}

export function apiMajor(version: string): number {
  return Number(version.split('.')[0]);
}
