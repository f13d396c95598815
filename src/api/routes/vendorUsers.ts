import { z } from 'zod';
import { ROLES } from '../../domain/access';
import { Region, Tier } from '../../domain/partner';
import { listVendorUsers, type VendorUser } from '../../store/vendorUsers';
import type { Deps } from '../../usecases/context';
import { addVendorUser, changeVendorUser, removeUser } from '../../usecases/vendorUsers';
import { defineRoute } from '../route';
import { ErrorBody, Timestamp } from '../views';
import { IdParams } from './common';

/** The partners a partner manager answers for; all empty (the default) means every partner. */
const ScopeInput = z
  .object({
    partnerIds: z.array(z.uuid()).max(500).default([]).describe('These partners'),
    regions: z.array(Region).default([]).describe('Partners in these regions'),
    tiers: z.array(Tier).default([]).describe('Partners in these tiers'),
  })
  .strict()
  .describe('The partners a partner manager answers for: any partner one of the lists names; all empty means every partner');

const UserInput = z
  .object({
    email: z.email().max(254).describe('What they sign in with'),
    displayName: z.string().trim().min(1).max(200).nullable().default(null).describe('Their name as others see it'),
    role: z.enum(ROLES).describe('What they may do'),
    scope: ScopeInput.default({ partnerIds: [], regions: [], tiers: [] }),
  })
  .strict()
  .meta({ examples: [{ email: 'maria@vendor.com', displayName: 'Maria Garcia', role: 'partner_manager', scope: { regions: ['EMEA'] } }] });

const UserChange = z
  .object({ role: z.enum(ROLES).describe('What they may do'), scope: ScopeInput.default({ partnerIds: [], regions: [], tiers: [] }) })
  .strict()
  .meta({ examples: [{ role: 'partner_manager', scope: { tiers: ['gold', 'platinum'] } }] });

const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES),
  scope: z.object({ partnerIds: z.array(z.uuid()), regions: z.array(Region), tiers: z.array(Tier) }),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
});

const userView = (u: VendorUser): z.infer<typeof UserView> => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  scope: { partnerIds: [...u.scope.partnerIds], regions: [...u.scope.regions], tiers: [...u.scope.tiers] },
  createdBy: u.createdBy,
  createdAt: u.createdAt.toISOString(),
});

const errors = {
  401: { description: 'Missing, invalid, revoked or expired API key', schema: ErrorBody },
  403: { description: 'Only admins manage users', schema: ErrorBody },
};
const tag = 'Users';

/** The workspace's people and their roles; every route is for admins. */
export const vendorUserRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/users',
    permission: 'administer',
    summary: "The workspace's users and their roles",
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'Admins first, then by email', schema: z.object({ data: z.array(UserView) }) }, ...errors },
    async handle({ actor }) {
      return { status: 200, body: { data: (await listVendorUsers(deps.db, actor.tenantId)).map(userView) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/users',
    summary: 'Add a person with a role; they sign in with this email through the CRM, Slack or single sign-on',
    tag,
    auth: 'tenant',
    body: UserInput,
    idempotent: true,
    responses: {
      201: { description: 'The user', schema: UserView },
      400: { description: 'Invalid user', schema: ErrorBody },
      409: { description: 'The email is already a user', schema: ErrorBody },
      ...errors,
    },
    async handle({ actor, body }) {
      return { status: 201, body: userView(await addVendorUser(deps, actor, body)) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/users/:id',
    summary: "Change a user's role and partner scope; their sessions end so it applies at once",
    tag,
    auth: 'tenant',
    params: IdParams,
    body: UserChange,
    responses: {
      200: { description: 'The user', schema: UserView },
      404: { description: 'No such user', schema: ErrorBody },
      409: { description: 'It would leave the workspace without an admin', schema: ErrorBody },
      ...errors,
    },
    async handle({ actor, params, body }) {
      return { status: 200, body: userView(await changeVendorUser(deps, actor, params.id, body)) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/users/:id',
    summary: 'Remove a user: their sessions end at once',
    tag,
    auth: 'tenant',
    params: IdParams,
    responses: {
      200: { description: 'The removed user', schema: UserView },
      404: { description: 'No such user', schema: ErrorBody },
      409: { description: 'It would leave the workspace without an admin', schema: ErrorBody },
      ...errors,
    },
    async handle({ actor, params }) {
      return { status: 200, body: userView(await removeUser(deps, actor, params.id)) };
    },
  }),
];
