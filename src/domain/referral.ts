import { z } from 'zod';
import { CountryCode, Region, WebDomain } from './partner';
import { fail, ok, type Result } from './result';
import type { RoutableLead } from './routingRules';

/**
 * new: no eligible partner when it arrived. assigned: waiting for its partner to accept.
 * declined: its partner said no and nobody else was eligible. accepted → converted | lost.
 * A decline routes the referral on at once, so it usually goes assigned → declined → assigned in one step.
 */
export const REFERRAL_STATUSES = ['new', 'assigned', 'accepted', 'declined', 'converted', 'lost'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

/** The statuses in which a referral takes up one of its partner's capacity. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['assigned', 'accepted'];

/** The products a lead is about, lower-cased and each once. */
export const LeadProducts = z
  .array(z.string().trim().min(1).max(120))
  .max(50)
  .default([])
  .transform((list) => [...new Set(list.map((p) => p.toLowerCase()))])
  .describe('What the lead wants; partners with matching expertise rank higher');

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const ReferralInput = z
  .object({
    company: z
      .object({
        name: z.string().trim().min(1).max(200).describe('The company’s name'),
        domain: WebDomain.optional(),
        country: CountryCode.optional(),
      })
      .strict()
      .describe('The company the lead is from'),
    region: Region.optional().describe('Sales region; defaults to the region of the company’s country'),
    products: LeadProducts,
    contactEmail: z.email().optional().describe('Whom the partner should contact'),
    estimatedValue: z
      .object({
        amount: z.number().nonnegative().max(1e13).multipleOf(0.01).describe('Estimated deal value, in `currency`'),
        currency: z
          .string()
          .transform((v) => v.toUpperCase())
          .refine((v) => CURRENCIES.has(v), { message: 'must be an ISO 4217 currency code' })
          .describe('ISO 4217 currency code, e.g. EUR'),
      })
      .strict()
      .optional()
      .describe('What the lead may be worth'),
    source: z.string().trim().min(1).max(80).optional().describe('Where the lead came from, e.g. "webinar" or "website"'),
  })
  .strict()
  .meta({
    examples: [
      {
        company: { name: 'Initech', domain: 'initech.com', country: 'DE' },
        products: ['Analytics Suite'],
        contactEmail: 'buyer@initech.com',
        estimatedValue: { amount: 80000, currency: 'EUR' },
        source: 'webinar',
      },
    ],
  });
export type ReferralInput = z.infer<typeof ReferralInput>;

export interface Referral {
  id: string;
  company: { name: string; domain: string | null; country: string | null };
  region: Region | null;
  products: string[];
  contactEmail: string | null;
  estimatedValue: { amount: number; currency: string } | null;
  source: string | null;
  status: ReferralStatus;
  partnerId: string | null;
  /** Why nobody holds it, while it is `new` or `declined`. */
  unassignedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

const ALLOWED: Record<ReferralStatus, ReferralStatus[]> = {
  new: ['assigned'],
  assigned: ['accepted', 'declined'],
  declined: ['assigned'],
  accepted: ['converted', 'lost'],
  converted: [],
  lost: [],
};

function transition(ref: Referral, to: ReferralStatus): Result<ReferralStatus> {
  if (ALLOWED[ref.status].includes(to)) return ok(to);
  return fail('illegal_transition', `a referral that is ${ref.status} cannot become ${to}`, { from: ref.status, to });
}

/** Hands a waiting (new or declined) referral to a partner, or, when routing found nobody, records why it still waits. */
export function routeReferral(ref: Referral, route: { partnerId: string } | { unassignedReason: string }, now: Date): Result<Referral> {
  const next = transition(ref, 'assigned');
  if (!next.ok) return next;
  if ('partnerId' in route) return ok({ ...ref, status: 'assigned', partnerId: route.partnerId, unassignedReason: null, updatedAt: now });
  return ok({ ...ref, unassignedReason: route.unassignedReason, updatedAt: now });
}

export function acceptReferral(ref: Referral, now: Date): Result<Referral> {
  const next = transition(ref, 'accepted');
  if (!next.ok) return next;
  return ok({ ...ref, status: 'accepted', updatedAt: now });
}

/** The partner gives the referral back; the caller routes it on to someone else. */
export function declineReferral(ref: Referral, now: Date): Result<Referral> {
  const next = transition(ref, 'declined');
  if (!next.ok) return next;
  return ok({ ...ref, status: 'declined', partnerId: null, updatedAt: now });
}

export function closeReferral(ref: Referral, outcome: 'converted' | 'lost', now: Date): Result<Referral> {
  const next = transition(ref, outcome);
  if (!next.ok) return next;
  return ok({ ...ref, status: outcome, closedAt: now, updatedAt: now });
}

export const leadOfReferral = (ref: Referral): RoutableLead => ({ region: ref.region, country: ref.company.country, products: ref.products });
