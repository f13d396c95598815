import { z } from 'zod';

export const RULES_OF_ENGAGEMENT = ['first_to_register', 'manager_decides'] as const;

const fields = {
  rulesOfEngagement: z.enum(RULES_OF_ENGAGEMENT).describe('first_to_register: an approved registration protects the customer; manager_decides: a partner manager decides each conflict'),
  protectionWindowDays: z
    .number({ error: 'give a whole number of days' })
    .int('give a whole number of days')
    .min(1, 'at least 1 day: an approved registration protects its customer for a while')
    .max(730, 'at most 730 days (two years)')
    .describe('How many days an approved registration protects its customer'),
  nameMatchThreshold: z
    .number({ error: 'give a number between 0.3 and 1' })
    .min(0.3, 'at least 0.3: below it, unrelated names would count as one customer')
    .max(1, 'at most 1 (the same name)')
    .describe('How strongly two names must match (1 identical; a typo scores 1 − edits/length; similar spelling its trigram similarity) for two customers to be the same'),
  approvalSlaHours: z
    .number({ error: 'give a whole number of hours' })
    .int('give a whole number of hours')
    .min(1, 'at least 1 hour')
    .max(720, 'at most 720 hours (30 days)')
    .describe('Registrations pending longer than this are flagged to the partner managers in Slack'),
  // The CRM vouches for them as a member of the account; deciding always needs a Trellis user with the role for it.
  crmUserDefaultRole: z.enum(['sales_rep', 'viewer']).describe('What a signed-in CRM user who is not a Trellis user may do from the cards'),
  closeDateGraceDays: z
    .number({ error: 'give a whole number of days' })
    .int('give a whole number of days')
    .min(0, 'cannot be negative; 0 accepts close dates from today on')
    .max(90, 'at most 90 days: an older close date is a deal already decided')
    .describe('How many days in the past an expected close date may lie: a deal that slipped a few days is still registrable; 0 accepts today onwards'),
  healthGraceDays: z
    .number({ error: 'give a whole number of days' })
    .int('give a whole number of days')
    .min(0, 'cannot be negative; 0 judges a partner from the day it joins')
    .max(365, 'at most 365 days')
    .describe("For this many days from a partner's first health evaluation its score never puts it at risk: a new partner has little data to judge yet"),
  extraFreeMailDomains: z
    .array(z.string().trim().toLowerCase().regex(/^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/, 'must be a domain such as mail.example'))
    .max(500)
    .transform((list) => [...new Set(list)])
    .describe('Mail domains, beyond the maintained free-mail and throwaway lists, that say nothing about a customer (a regional provider, say): they never make two registrations one customer'),
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
  .refine((p) => Object.keys(p).length > 0, { message: 'at least one setting must be given' })
  .meta({ examples: [{ rulesOfEngagement: 'first_to_register', protectionWindowDays: 120 }] });
