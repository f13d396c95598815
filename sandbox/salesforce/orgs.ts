import { z } from 'zod';
import { KEY_PREFIX, makeId, normalizeId } from './ids';
import { deriveFields } from './records/derivedFields';
import { formatDateTime } from './records/values';
import { standardObjects } from './schema/standardObjects';
import { EDITIONS, type Edition, type EmulatorState, type Org, type StoredRecord } from './state';

const UserInput = z
  .object({
    username: z.string().min(3),
    firstName: z.string().optional(),
    lastName: z.string().min(1),
    email: z.email(),
    /** The org's first user is a System Administrator unless said otherwise; the others are Standard Users. */
    profile: z.enum(['System Administrator', 'Standard User']).optional(),
    /** Whether the user has verified their email address (OpenID Connect's `email_verified`). */
    emailVerified: z.boolean().default(true),
  })
  .strict();

export const OrgInput = z
  .object({
    /** A fixed org id, so a persisted or reset emulator keeps the ids tests and demos know. */
    id: z.string().refine((v) => normalizeId(v)?.startsWith(KEY_PREFIX.organization), 'an 18-character 00D… id').optional(),
    name: z.string().min(1),
    edition: z.enum(EDITIONS).default('Enterprise'),
    licences: z.number().int().min(1).default(10),
    /** Overrides the edition's daily API allocation. */
    dailyApiLimit: z.number().int().min(1).optional(),
    users: z.array(UserInput).min(1).optional(),
    /** A sandbox: its users log in at test.salesforce.com or its My Domain, never login.salesforce.com [sf-ep]. */
    sandbox: z.boolean().default(false),
    /** The My Domain name: `acme` serves acme.my.salesforce.com; a sandbox's `acme--uat` serves acme--uat.sandbox.my.salesforce.com. */
    myDomain: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'a My Domain name (lower-case letters, digits, hyphens)').optional(),
    /** Setup → State and Country/Territory Picklists [sf-scp]: adds BillingCountryCode and BillingStateCode to Account. */
    stateCountryPicklists: z.boolean().default(false),
    /** The app policy "Refresh token rotation": each refresh returns a new refresh token and retires the one used. */
    refreshTokenRotation: z.boolean().default(false),
  })
  .strict();
export type OrgInput = z.input<typeof OrgInput>;

/** Daily API requests by edition (Developer Limits Quick Reference): base plus per-licence allocation. */
function defaultApiLimit(edition: Edition, licences: number): number {
  if (edition === 'Developer') return 15_000;
  return 100_000 + licences * (edition === 'Unlimited' || edition === 'Performance' ? 5_000 : 1_000);
}

export function createOrg(state: EmulatorState, rawInput: unknown, now: number): Org {
  const input = OrgInput.parse(rawInput);
  const id = input.id ? normalizeId(input.id)! : makeId(KEY_PREFIX.organization, ++state.sequence);
  const org: Org = {
    id,
    name: input.name,
    edition: input.edition,
    licences: input.licences,
    dailyApiLimit: input.dailyApiLimit ?? defaultApiLimit(input.edition, input.licences),
    sandbox: input.sandbox,
    ...(input.myDomain ? { myDomain: input.myDomain } : {}),
    refreshTokenRotation: input.refreshTokenRotation,
    objects: Object.fromEntries(standardObjects({ stateCountryPicklists: input.stateCountryPicklists }).map((o) => [o.name, o])),
    records: {},
    outboundMessages: [],
    apiUsage: {},
    customObjectCount: 0,
    changeEventMembers: [],
  };
  const slug = input.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const users: z.infer<typeof UserInput>[] = input.users ?? [{ username: `admin@${slug}.example.com`, firstName: 'Admin', lastName: 'User', email: `admin@${slug}.example.com`, emailVerified: true }];
  const stamp = formatDateTime(now);
  const table: Record<string, StoredRecord> = (org.records.User = {});
  const profiles = createProfiles(state, org, stamp);
  let firstUserId: string | undefined;
  for (const user of users) {
    const userId = makeId(KEY_PREFIX.user, ++state.sequence);
    const profileName: 'System Administrator' | 'Standard User' = user.profile ?? (firstUserId ? 'Standard User' : 'System Administrator');
    firstUserId ??= userId;
    if (!user.emailVerified) (org.unverifiedEmailUserIds ??= []).push(userId);
    const record: StoredRecord = {
      Id: userId,
      IsDeleted: false,
      Username: user.username,
      FirstName: user.firstName ?? null,
      LastName: user.lastName,
      Email: user.email,
      IsActive: true,
      ProfileId: profiles[profileName],
      CreatedDate: stamp,
      CreatedById: firstUserId,
      LastModifiedDate: stamp,
      LastModifiedById: firstUserId,
      SystemModstamp: stamp,
    };
    deriveFields('User', record, new Set());
    table[userId] = record;
  }
  state.orgs[id] = org;
  return org;
}

/** The two standard profiles every org has, by name; their audit fields name no user (they come with the org). */
function createProfiles(state: EmulatorState, org: Org, stamp: string): Record<'System Administrator' | 'Standard User', string> {
  const table: Record<string, StoredRecord> = (org.records.Profile = {});
  const make = (name: string, modifyAllData: boolean) => {
    const id = makeId(KEY_PREFIX.profile, ++state.sequence);
    table[id] = { Id: id, IsDeleted: false, Name: name, PermissionsModifyAllData: modifyAllData, CreatedDate: stamp, CreatedById: null, LastModifiedDate: stamp, LastModifiedById: null, SystemModstamp: stamp };
    return id;
  };
  return { 'System Administrator': make('System Administrator', true), 'Standard User': make('Standard User', false) };
}

/** The org's first user: the administrator who installs packages and edits records in the UI. */
export function adminUserId(org: Org): string {
  return Object.keys(org.records.User ?? {})[0]!;
}
