import { PartnerInput, PartnerPatch, PartnerStatus, Region, Tier } from '../../domain/partner';
import { getPartner, listPartners } from '../../store/partners';
import type { Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';
import { changePartner, createPartner } from '../../usecases/partners';
import { defineRoute } from '../route';
import { ErrorBody, PartnerView, pageOf } from '../views';
import { IdParams, PageQuery, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};

export const partnerRoutes = (deps: Deps) => [
  defineRoute({
    method: 'post',
    path: '/api/v1/partners',
    permission: 'manage_partners',
    summary: 'Create a partner',
    tag: 'Partners',
    auth: 'tenant',
    idempotent: true,
    body: PartnerInput,
    responses: {
      201: { description: 'The partner', schema: PartnerView },
      409: { description: 'The tenant has a partner by that name or at that domain: `details` names the `field` and the `existingPartnerId`', schema: ErrorBody },
      ...errors,
    },
    async handle({ body, actor }) {
      return { status: 201, body: await createPartner(deps, actor, body) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners',
    summary: 'List partners, newest first',
    tag: 'Partners',
    auth: 'tenant',
    query: PageQuery.extend({ region: Region.optional(), tier: Tier.optional(), status: PartnerStatus.optional() }).strict(),
    responses: { 200: { description: 'A page of partners', schema: pageOf(PartnerView) }, ...errors },
    async handle({ query, actor }) {
      return { status: 200, body: pageOrBadCursor(await listPartners(deps.db, actor.tenantId, query)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:id',
    summary: 'Get a partner',
    tag: 'Partners',
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'The partner', schema: PartnerView }, 404: { description: 'No such partner', schema: ErrorBody }, ...errors },
    async handle({ params, actor }) {
      const partner = await getPartner(deps.db, actor.tenantId, params.id);
      if (!partner) throw notFound('partner');
      return { status: 200, body: partner };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/partners/:id',
    permission: 'manage_partners',
    summary: 'Change a partner',
    tag: 'Partners',
    auth: 'tenant',
    params: IdParams,
    body: PartnerPatch,
    responses: { 200: { description: 'The partner', schema: PartnerView }, 404: { description: 'No such partner', schema: ErrorBody }, ...errors },
    async handle({ params, body, actor }) {
      return { status: 200, body: await changePartner(deps, actor, params.id, body) };
    },
  }),
];

