import { z } from 'zod';
import { COUNTRY_CODES } from './countries';
import { normalizeDomain } from './customer';

export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const;
export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const;
export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'at_risk', 'churned'] as const;

/** Partners in business — not prospects, not churned: health is scored and tiers recalculated for them. */
export const IN_BUSINESS_STATUSES = ['onboarding', 'active', 'at_risk'] as const satisfies readonly (typeof PARTNER_STATUSES)[number][];

export const Tier = z.enum(TIERS).describe('Partner tier');
export const Region = z.enum(REGIONS).describe('Sales region');
export const PartnerStatus = z.enum(PARTNER_STATUSES).describe('Where the partner stands in its lifecycle');
export type Tier = z.infer<typeof Tier>;
export type Region = z.infer<typeof Region>;
export type PartnerStatus = z.infer<typeof PartnerStatus>;

export const CountryCode = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .refine((v) => COUNTRY_CODES.has(v), { message: 'must be an ISO 3166-1 alpha-2 country code' })
  .describe('ISO 3166-1 alpha-2 country code, e.g. DE');

/** A web domain as people type it ("https://www.Acme.com/about"), kept as typed and checked to normalize. */
export const WebDomain = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine((v) => normalizeDomain(v) !== null, { message: 'must be a domain such as acme.com' })
  .describe('Web domain, as typed or as a URL (https://www.acme.com/about); matched by its registrable domain');

const Specialties = z.array(z.string().trim().min(1).max(80)).max(50).describe('What the partner is good at (e.g. data migration); matched against referrals and the ideal partner profile');
/** Headcount, for matching the ideal partner profile's size. */
const EmployeeCount = z.number().int().min(0).max(10_000_000).describe('Headcount');

export const PartnerInput = z
  .object({
    name: z.string().trim().min(1).max(200).describe('The partner company’s name; unique in the tenant, ignoring case'),
    domain: WebDomain.optional(),
    tier: Tier.default('registered'),
    region: Region,
    country: CountryCode,
    specialties: Specialties.default([]),
    status: PartnerStatus.default('prospect'),
    managerEmail: z.email().optional().describe('The partner manager who looks after this partner'),
    employeeCount: EmployeeCount.optional(),
  })
  .strict()
  .meta({ examples: [{ name: 'Northwind Integrators', domain: 'northwind.io', tier: 'gold', region: 'EMEA', country: 'DE', specialties: ['data migration'], status: 'active', managerEmail: 'pm@vendor.com' }] });
export type PartnerInput = z.infer<typeof PartnerInput>;

export const PartnerPatch = z
  .object({
    name: z.string().trim().min(1).max(200).describe('The partner company’s name'),
    domain: WebDomain.nullable().describe('Web domain, as typed or as a URL; null removes it'),
    tier: Tier,
    region: Region,
    country: CountryCode,
    specialties: Specialties,
    status: PartnerStatus,
    managerEmail: z.email().nullable().describe('The partner manager who looks after this partner; null for none'),
    employeeCount: EmployeeCount.nullable().describe('Headcount; null when unknown'),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'at least one field must be given' })
  .meta({ examples: [{ tier: 'platinum', status: 'active' }] });
export type PartnerPatch = z.infer<typeof PartnerPatch>;

export interface Partner {
  id: string;
  name: string;
  domain: string | null;
  tier: Tier;
  region: Region;
  country: string;
  specialties: string[];
  status: PartnerStatus;
  managerEmail: string | null;
  employeeCount: number | null;
  createdAt: Date;
  updatedAt: Date;
}
