import { z } from 'zod';

/** Signals about a partner recorded from outside Trellis: the LMS, PSAT surveys, the help desk, the partner portal. */
const Instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const Email = z.email().optional();

export const CertificationInput = z
  .object({
    /** The course or exam passed. */
    name: z.string().trim().min(1).max(200),
    holderEmail: Email,
    issuedAt: Instant,
    /** Omitted or null for certifications that never expire. */
    expiresAt: Instant.nullable().default(null),
  })
  .strict()
  .refine((c) => c.expiresAt === null || c.expiresAt > c.issuedAt, { path: ['expiresAt'], message: 'must be after issuedAt' });
export type CertificationInput = z.infer<typeof CertificationInput>;

export const SatisfactionInput = z
  .object({
    /** PSAT, 1 (very dissatisfied) to 5 (very satisfied). */
    score: z.number().int().min(1).max(5),
    respondentEmail: Email,
    comment: z.string().trim().max(2000).optional(),
    respondedAt: Instant,
  })
  .strict();
export type SatisfactionInput = z.infer<typeof SatisfactionInput>;

export const SupportCaseInput = z
  .object({
    /** The help desk's id; recording it again updates the case, e.g. when it closes. */
    externalId: z.string().trim().min(1).max(200),
    subject: z.string().trim().max(500).optional(),
    openedAt: Instant,
    closedAt: Instant.nullable().default(null),
  })
  .strict()
  .refine((c) => c.closedAt === null || c.closedAt >= c.openedAt, { path: ['closedAt'], message: 'must not be before openedAt' });
export type SupportCaseInput = z.infer<typeof SupportCaseInput>;

export const ACTIVITY_KINDS = ['portal_login', 'portal_action', 'api_call'] as const;

export const ActivityInput = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    occurredAt: Instant,
  })
  .strict();
export type ActivityInput = z.infer<typeof ActivityInput>;
