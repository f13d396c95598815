import { z } from 'zod';

export const RULES_OF_ENGAGEMENT = ['first_to_register', 'manager_decides'] as const;

const fields = {
  rulesOfEngagement: z.enum(RULES_OF_ENGAGEMENT),
  protectionWindowDays: z.number().int().min(1).max(730),
  /** Trigram similarity of normalized names at or above which two customers are the same. */
  nameMatchThreshold: z.number().min(0.3).max(1),
  /** Registrations pending longer than this are flagged to the partner managers in Slack. */
  approvalSlaHours: z.number().int().min(1).max(720),
  /**
   * What a signed-in CRM user who is not a Trellis user may do from the cards. The CRM vouches for
   * them as a member of the account; deciding always needs a Trellis user with the role for it.
   */
  crmUserDefaultRole: z.enum(['sales_rep', 'viewer']),
  /**
   * How many days in the past a registration's expected close date may lie: a deal that slipped
   * a few days is still registrable, one that closed long ago is not. 0 accepts today onwards.
   */
  closeDateGraceDays: z
    .number({ error: 'give a whole number of days' })
    .int('give a whole number of days')
    .min(0, 'cannot be negative; 0 accepts close dates from today on')
    .max(90, 'at most 90 days: an older close date is a deal already decided'),
  /**
   * A new partner has little data to judge yet: for this many days from its first health evaluation
   * its score never puts it at risk (nor floods Slack the day Trellis is installed).
   */
  healthGraceDays: z
    .number({ error: 'give a whole number of days' })
    .int('give a whole number of days')
    .min(0, 'cannot be negative; 0 judges a partner from the day it joins')
    .max(365, 'at most 365 days'),
  /**
   * Mail domains, beyond the maintained free-mail and throwaway lists, that say nothing about a
   * customer (a regional provider, say): they never make two registrations one customer.
   */
  extraFreeMailDomains: z
    .array(z.string().trim().toLowerCase().regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'must be a domain such as mail.example'))
    .max(500)
    .transform((list) => [...new Set(list)]),
};

/** Per-tenant rules; every field has a default so a new tenant works at once. */
export const TenantSettings = z
  .object({
    rulesOfEngagement: fields.rulesOfEngagement.default('first_to_register'),
    protectionWindowDays: fields.protectionWindowDays.default(90),
    nameMatchThreshold: fields.nameMatchThreshold.default(0.6),
    approvalSlaHours: fields.approvalSlaHours.default(48),
    crmUserDefaultRole: fields.crmUserDefaultRole.default('sales_rep'),
    closeDateGraceDays: fields.closeDateGraceDays.default(0),
    healthGraceDays: fields.healthGraceDays.default(60),
    extraFreeMailDomains: fields.extraFreeMailDomains.default([]),
  })
  .strict();
export type TenantSettings = z.infer<typeof TenantSettings>;

/** A change names only what changes; nothing is filled in. */
export const TenantSettingsPatch = z
  .object(fields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'at least one setting must be given' });
