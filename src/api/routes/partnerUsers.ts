import { z } from 'zod';
import { PARTNER_ROLES } from '../../domain/partnerAccess';
import type { PartnerUser } from '../../store/partnerUsers';
import type { Deps } from '../../usecases/context';
import { changePartnerUserRole, invitePartnerUser, partnerTeam, removeFromPartner } from '../../usecases/partnerUsers';
import { defineRoute } from '../route';
import { ErrorBody, Timestamp } from '../views';
import { IdParams } from './common';

const PartnerRole = z.enum(PARTNER_ROLES).describe('partner_admin manages the team and may do everything; seller registers deals and answers leads; marketer requests marketing funds');

/** The languages the portal speaks; null lets the partner's country choose. */
const Locale = z
  .string()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as de or pt-BR')
  .nullable()
  .default(null)
  .describe("The portal's language for them, as a BCP 47 tag (de, pt-BR); null lets the partner's country choose");

export const Invitation = z
  .object({
    email: z.email().max(254).describe('Where the invitation goes; they sign in with this address'),
    displayName: z.string().trim().min(1).max(200).nullable().default(null).describe('Their name as the vendor and their colleagues see it'),
    role: PartnerRole,
    locale: Locale,
  })
  .strict()
  .meta({ examples: [{ email: 'lena@alpha-partners.de', displayName: 'Lena Vogel', role: 'partner_admin', locale: 'de' }] });

const RoleChange = z.object({ role: PartnerRole }).strict().meta({ examples: [{ role: 'seller' }] });

const MemberParams = IdParams.extend({ userId: z.uuid().describe("The partner user's id") }).strict();

const PartnerUserView = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(PARTNER_ROLES),
  locale: z.string().nullable(),
  invitedBy: z.string(),
  invitedAt: Timestamp,
  firstSignedInAt: Timestamp.nullable().describe('When they first signed in; null while the invitation is unanswered'),
  lastSignedInAt: Timestamp.nullable(),
});

const view = (u: PartnerUser): z.infer<typeof PartnerUserView> => ({
  id: u.id,
  partnerId: u.partnerId,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  locale: u.locale,
  invitedBy: u.invitedBy,
  invitedAt: u.invitedAt.toISOString(),
  firstSignedInAt: u.firstSignedInAt?.toISOString() ?? null,
  lastSignedInAt: u.lastSignedInAt?.toISOString() ?? null,
});

const errors = {
  401: { description: 'Missing, invalid, revoked or expired API key', schema: ErrorBody },
  403: { description: "Only admins and the partner's managers manage its portal users", schema: ErrorBody },
  404: { description: 'No such partner, or no such user of it', schema: ErrorBody },
};
const tag = 'Partner users';

/** The people of a partner organisation who use the portal, managed from the vendor's side. */
export const partnerUserRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:id/users',
    summary: "The partner's portal users, admins first",
    tag,
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'Its users', schema: z.object({ data: z.array(PartnerUserView) }) }, ...errors },
    async handle({ actor, params }) {
      return { status: 200, body: { data: (await partnerTeam(deps, { vendor: actor }, params.id)).map(view) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:id/users',
    summary: 'Invite a person of the partner to its portal; they get a link by email that signs them in the first time (good for 7 days)',
    tag,
    auth: 'tenant',
    params: IdParams,
    body: Invitation,
    idempotent: true,
    responses: {
      201: { description: 'The invited user', schema: PartnerUserView },
      400: { description: 'Invalid invitation', schema: ErrorBody },
      409: { description: "The email already has access to this program's portal", schema: ErrorBody },
      ...errors,
    },
    async handle({ actor, params, body }) {
      return { status: 201, body: view((await invitePartnerUser(deps, { vendor: actor }, params.id, body)).user) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/partners/:id/users/:userId',
    summary: "Change a partner user's role; their sessions end so it applies at once",
    tag,
    auth: 'tenant',
    params: MemberParams,
    body: RoleChange,
    responses: { 200: { description: 'The user', schema: PartnerUserView }, ...errors },
    async handle({ actor, params, body }) {
      return { status: 200, body: view(await changePartnerUserRole(deps, { vendor: actor }, params.id, params.userId, body.role)) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/partners/:id/users/:userId',
    summary: 'Remove a partner user: their sessions and unused links end at once',
    tag,
    auth: 'tenant',
    params: MemberParams,
    responses: { 200: { description: 'The removed user', schema: PartnerUserView }, ...errors },
    async handle({ actor, params }) {
      return { status: 200, body: view(await removeFromPartner(deps, { vendor: actor }, params.id, params.userId)) };
    },
  }),
];
