import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { seededRandom, type Random } from './random';

/**
 * What an emulator may do wrong, on purpose. Set through each emulator's
 * `PUT /_admin/faults`; every draw comes from one seeded source so a run repeats.
 */
export const FaultSettings = z
  .object({
    seed: z.number().int().default(1),
    /** Extra latency added to every API response, uniformly drawn in [min, max] ms. */
    latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }).default({ min: 0, max: 0 }),
    /** Share of API requests answered with a 5xx. */
    serverErrorRate: z.number().min(0).max(1).default(0),
    /** Share of API requests that start a 429 burst; a burst refuses the next `rateLimitBurstLength` requests. */
    rateLimitBurstRate: z.number().min(0).max(1).default(0),
    rateLimitBurstLength: z.number().int().min(1).default(5),
    webhooks: z
      .object({
        /** Share of deliveries sent twice. */
        duplicateRate: z.number().min(0).max(1).default(0),
        /** Share of deliveries held back so a later one overtakes them. */
        reorderRate: z.number().min(0).max(1).default(0),
        /** Extra delay before a delivery, uniformly drawn in [0, maxDelayMs]. */
        maxDelayMs: z.number().int().min(0).default(0),
        /** Share of delivery attempts lost in transit (the platform then retries them). */
        dropRate: z.number().min(0).max(1).default(0),
      })
      .default({ duplicateRate: 0, reorderRate: 0, maxDelayMs: 0, dropRate: 0 }),
  })
  .strict();
export type FaultSettings = z.infer<typeof FaultSettings>;

export type ApiFault = { kind: 'none' } | { kind: 'server_error' } | { kind: 'rate_limited' };

export class FaultInjector {
  private current: FaultSettings = FaultSettings.parse({});
  private random: Random = seededRandom(1);
  private burstLeft = 0;

  get settings(): FaultSettings {
    return this.current;
  }

  /** Replace the settings; the random source restarts from the seed so runs repeat. */
  configure(input: unknown): FaultSettings {
    this.current = FaultSettings.parse(input);
    this.random = seededRandom(this.current.seed);
    this.burstLeft = 0;
    return this.current;
  }

  chance(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }

  between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** Decide the fate of one API request. */
  drawApiFault(): ApiFault {
    if (this.burstLeft > 0) {
      this.burstLeft -= 1;
      return { kind: 'rate_limited' };
    }
    if (this.chance(this.current.rateLimitBurstRate)) {
      this.burstLeft = this.current.rateLimitBurstLength - 1;
      return { kind: 'rate_limited' };
    }
    if (this.chance(this.current.serverErrorRate)) return { kind: 'server_error' };
    return { kind: 'none' };
  }

  latency(): number {
    const { min, max } = this.current.latencyMs;
    return max > 0 ? this.between(min, Math.max(min, max)) : 0;
  }
}

export interface FaultResponders {
  serverError(res: Response): void;
  rateLimited(res: Response): void;
}

/** Express middleware applying latency, 5xx and 429 bursts to the API routes it guards. */
export function faultMiddleware(faults: FaultInjector, respond: FaultResponders) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    const wait = faults.latency();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const fault = faults.drawApiFault();
    if (fault.kind === 'server_error') return respond.serverError(res);
    if (fault.kind === 'rate_limited') return respond.rateLimited(res);
    next();
  };
}
