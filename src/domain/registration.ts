import { z } from 'zod';
import type { Crm } from './crm';
import { CountryCode, Region, WebDomain } from './partner';
import { fail, ok, type Result } from './result';

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected', 'won', 'lost', 'expired'] as const;
export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** How products are compared: "Analytics Suite" and "analytics suite " are one product. */
export const productKey = (name: string): string => name.trim().toLowerCase();

/** Each product once, as first written: people see the casing they typed, matching ignores it. */
export function distinctProducts(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) if (!byKey.has(productKey(name))) byKey.set(productKey(name), name.trim());
  return [...byKey.values()];
}

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
    message: 'must be a real calendar date',
  });

export const DealRegistrationInput = z
  .object({
    partnerId: z.uuid().describe('The partner registering the deal'),
    customer: z
      .object({
        name: z.string().trim().min(1).max(200).describe('The customer company’s name'),
        domain: WebDomain.optional(),
        country: CountryCode.optional(),
      })
      .strict()
      .describe('The customer the deal is with; matched against other registrations by CRM company, domain and name'),
    products: z
      .array(z.string().trim().min(1).max(120))
      .min(1)
      .max(50)
      .transform(distinctProducts)
      .describe('What is being sold; two registrations conflict only if their products overlap'),
    amount: z.number().nonnegative().max(1e13).multipleOf(0.01).describe('Expected deal value, in `currency`'),
    currency: z
      .string()
      .transform((v) => v.toUpperCase())
      .refine((v) => CURRENCIES.has(v), { message: 'must be an ISO 4217 currency code' })
      .describe('ISO 4217 currency code, e.g. EUR'),
    expectedCloseDate: IsoDate.describe('When the deal is expected to close, as YYYY-MM-DD'),
    region: Region.optional().describe('The deal’s sales region; the partner’s region when omitted'),
    notes: z.string().max(5000).optional().describe('Anything the deciding partner manager should know'),
  })
  .strict()
  .meta({
    examples: [
      {
        partnerId: '3f0c9a52-8a4e-4a8e-9d0b-6f1f2b7c4d10',
        customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
        products: ['Analytics Suite'],
        amount: 125000,
        currency: 'USD',
        expectedCloseDate: '2026-06-30',
      },
    ],
  });
export type DealRegistrationInput = z.infer<typeof DealRegistrationInput>;

/** The CRM deal a registration or co-sell request was made from: `hubspot:deal:<id>` or `salesforce:Opportunity:<id>`. */
export const CrmDealRef = z
  .string()
  .trim()
  .regex(/^(hubspot:deal:\d{1,20}|salesforce:Opportunity:[A-Za-z0-9]{15,18})$/, 'must be hubspot:deal:<id> or salesforce:Opportunity:<id>');

/** The deal id a reference names in one CRM, or null when it names another CRM's deal. */
export function dealIdIn(ref: string | null, crm: Crm): string | null {
  const prefix = crm === 'hubspot' ? 'hubspot:deal:' : 'salesforce:Opportunity:';
  return ref?.startsWith(prefix) ? ref.slice(prefix.length) : null;
}

export interface Decision {
  by: string;
  at: Date;
  reason: string | null;
}

export interface Override {
  by: string;
  at: Date;
  reason: string;
}

export interface DealRegistration {
  id: string;
  partnerId: string;
  accountId: string;
  customer: { name: string; domain: string | null; country: string | null };
  products: string[];
  amount: number;
  currency: string;
  expectedCloseDate: string;
  region: Region;
  notes: string | null;
  status: RegistrationStatus;
  submittedAt: Date;
  decision: Decision | null;
  override: Override | null;
  protectionExpiresAt: Date | null;
  closedAt: Date | null;
}

/** Pending, or approved and still inside its protection window: the registrations that claim a customer. */
export function isOpen(reg: Pick<DealRegistration, 'status' | 'protectionExpiresAt'>, now: Date): boolean {
  if (reg.status === 'pending') return true;
  return reg.status === 'approved' && reg.protectionExpiresAt !== null && reg.protectionExpiresAt > now;
}

const ALLOWED: Record<RegistrationStatus, RegistrationStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['won', 'lost', 'expired'],
  rejected: [],
  won: [],
  lost: [],
  expired: [],
};

function transition(reg: DealRegistration, to: RegistrationStatus): Result<RegistrationStatus> {
  if (ALLOWED[reg.status].includes(to)) return ok(to);
  const message = reg.status === to ? `the registration is already ${to}` : `${/^[aeiou]/.test(reg.status) ? 'an' : 'a'} ${reg.status} registration cannot become ${to}`;
  return fail('illegal_transition', message, { from: reg.status, to });
}

export interface ApprovalContext {
  actor: string;
  now: Date;
  protectionWindowDays: number;
  /** Conflicts with other partners' approved, still-protected registrations (from first_to_register). */
  blockingRegistrationIds: string[];
  overrideReason?: string | undefined;
}

export function approveRegistration(reg: DealRegistration, ctx: ApprovalContext): Result<DealRegistration> {
  const next = transition(reg, 'approved');
  if (!next.ok) return next;
  let override: Override | null = null;
  if (ctx.blockingRegistrationIds.length > 0) {
    if (!ctx.overrideReason) {
      return fail(
        'blocked_by_protected_registration',
        'another partner holds an approved, protected registration for this customer; approving needs a manager override with a reason',
        { blockingRegistrationIds: ctx.blockingRegistrationIds },
      );
    }
    override = { by: ctx.actor, at: ctx.now, reason: ctx.overrideReason };
  } else if (ctx.overrideReason) {
    return fail('override_not_allowed', 'nothing blocks this approval, so there is nothing to override');
  }
  return ok({
    ...reg,
    status: 'approved',
    decision: { by: ctx.actor, at: ctx.now, reason: null },
    override,
    protectionExpiresAt: new Date(ctx.now.getTime() + ctx.protectionWindowDays * 86_400_000),
  });
}

export function rejectRegistration(reg: DealRegistration, actor: string, reason: string, now: Date): Result<DealRegistration> {
  const next = transition(reg, 'rejected');
  if (!next.ok) return next;
  return ok({ ...reg, status: 'rejected', decision: { by: actor, at: now, reason } });
}

export function closeRegistration(reg: DealRegistration, outcome: 'won' | 'lost', now: Date): Result<DealRegistration> {
  const next = transition(reg, outcome);
  if (!next.ok) return next;
  return ok({ ...reg, status: outcome, closedAt: now });
}

/** An approved registration whose protection window has ended expires. */
export function expireRegistration(reg: DealRegistration, now: Date): Result<DealRegistration> {
  const next = transition(reg, 'expired');
  if (!next.ok) return next;
  if (reg.protectionExpiresAt === null || reg.protectionExpiresAt > now) {
    return fail('illegal_transition', 'the protection window has not ended yet', {
      protectionExpiresAt: reg.protectionExpiresAt?.toISOString() ?? null,
    });
  }
  return ok({ ...reg, status: 'expired', closedAt: now });
}
