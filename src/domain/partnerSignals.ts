import { z } from 'zod';

/** Signals about a partner recorded from outside Trellis: the LMS, PSAT surveys, the help desk, the partner portal. */
const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const at = (what: string) => Instant.describe(`${what}, as an ISO 8601 date and time with its offset`);
const Email = z.email().optional();

export const CertificationInput = z
  .object({
    name: z.string().trim().min(1).max(200).describe('The course or exam passed'),
    holderEmail: Email.describe('Who at the partner holds it'),
    issuedAt: at('When it was issued'),
    expiresAt: Instant.nullable().default(null).describe('When it lapses; omitted or null for certifications that never expire'),
  })
  .strict()
  .refine((c) => c.expiresAt === null || c.expiresAt > c.issuedAt, { path: ['expiresAt'], message: 'must be after issuedAt' })
  .meta({ examples: [{ name: 'Analytics Suite Certified Architect', holderEmail: 'ana@northwind.io', issuedAt: '2026-02-01T00:00:00Z', expiresAt: '2028-02-01T00:00:00Z' }] });
export type CertificationInput = z.infer<typeof CertificationInput>;

export const SatisfactionInput = z
  .object({
    score: z.number().int().min(1).max(5).describe('PSAT, 1 (very dissatisfied) to 5 (very satisfied)'),
    respondentEmail: Email.describe('Who answered the survey'),
    comment: z.string().trim().max(2000).optional().describe('What they wrote, if anything'),
    respondedAt: at('When they answered'),
  })
  .strict()
  .meta({ examples: [{ score: 4, respondentEmail: 'buyer@globex.com', comment: 'Quick and knowledgeable', respondedAt: '2026-03-01T10:00:00Z' }] });
export type SatisfactionInput = z.infer<typeof SatisfactionInput>;

export const SupportCaseInput = z
  .object({
    externalId: z.string().trim().min(1).max(200).describe('The help desk’s id; recording it again updates the case, e.g. when it closes'),
    subject: z.string().trim().max(500).optional().describe('What the case is about'),
    openedAt: at('When the case was opened'),
    closedAt: Instant.nullable().default(null).describe('When it was closed; omitted or null while open'),
  })
  .strict()
  .refine((c) => c.closedAt === null || c.closedAt >= c.openedAt, { path: ['closedAt'], message: 'must not be before openedAt' })
  .meta({ examples: [{ externalId: 'ZD-48213', subject: 'Sync stops after upgrade', openedAt: '2026-02-27T08:30:00Z', closedAt: null }] });
export type SupportCaseInput = z.infer<typeof SupportCaseInput>;

export const ACTIVITY_KINDS = ['portal_login', 'portal_action', 'api_call'] as const;

export const ActivityInput = z
  .object({
    kind: z.enum(ACTIVITY_KINDS).describe('What the partner did'),
    occurredAt: at('When'),
  })
  .strict()
  .meta({ examples: [{ kind: 'portal_login', occurredAt: '2026-03-01T09:15:00Z' }] });
export type ActivityInput = z.infer<typeof ActivityInput>;
