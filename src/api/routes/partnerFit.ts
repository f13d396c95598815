import { z } from 'zod';
import { IdealPartnerProfile } from '../../domain/idealPartnerProfile';
import type { Deps } from '../../usecases/context';
import { notFound } from '../../usecases/errors';
import { fitOfPartner, loadIdealPartnerProfile, rankPartnerFit, type FitOfPartner } from '../../usecases/partnerFit';
import { replacePolicy } from '../../usecases/tenantPolicies';
import { defineRoute } from '../route';
import { ErrorBody, PartnerView, pageOf } from '../views';
import { IdParams, PageQuery, pageOrBadCursor } from './common';

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Missing or invalid API key', schema: ErrorBody },
};
const noProfile = { 404: { description: 'No ideal partner profile yet (or no such partner)', schema: ErrorBody } };
const tag = 'Partner fit';

const FitView = z.object({ partner: PartnerView, score: z.number().int().nullable(), reasons: z.array(z.string()) });
const fitView = (f: FitOfPartner) => ({ partner: f.partner, score: f.score, reasons: f.reasons });

const IdealPartnerProfileBody = IdealPartnerProfile.meta({
  examples: [
    {
      regions: ['EMEA', 'NA'],
      specialties: ['data migration', 'analytics'],
      employeeCount: { min: 20, max: 500 },
      performance: { minRegistrationsLast90: 3, minWinRate: 0.4, minCurrentCertifications: 2 },
      weights: { region: 20, specialties: 35, size: 15, performance: 30 },
    },
  ],
});

export const partnerFitRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/ideal-partner-profile',
    summary: "The tenant's ideal partner profile",
    tag,
    auth: 'tenant',
    responses: { 200: { description: 'The profile', schema: IdealPartnerProfile }, 404: { description: 'No profile yet', schema: ErrorBody }, ...errors },
    async handle({ actor }) {
      const profile = await loadIdealPartnerProfile(deps.db, actor.tenantId);
      if (!profile) throw notFound('ideal partner profile');
      return { status: 200, body: profile };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/ideal-partner-profile',
    summary: 'Describe the best partners: regions, specialties, size and performance',
    tag,
    auth: 'tenant',
    body: IdealPartnerProfileBody,
    responses: { 200: { description: 'The profile', schema: IdealPartnerProfile }, ...errors },
    async handle({ body, actor }) {
      return { status: 200, body: await replacePolicy(deps, actor, 'ideal_partner_profile', body) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:id/fit',
    summary: 'How well a partner or prospect fits the ideal partner profile, with reasons',
    tag,
    auth: 'tenant',
    params: IdParams,
    responses: { 200: { description: 'The fit', schema: FitView }, ...noProfile, ...errors },
    async handle({ params, actor }) {
      return { status: 200, body: fitView(await fitOfPartner(deps, actor, params.id)) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partner-fit',
    summary: 'Partners and prospects ranked by fit, best first',
    tag,
    auth: 'tenant',
    query: PageQuery.strict(),
    responses: { 200: { description: 'A page of fits', schema: pageOf(FitView) }, ...noProfile, ...errors },
    async handle({ query, actor }) {
      const page = pageOrBadCursor(await rankPartnerFit(deps, actor, query));
      return { status: 200, body: { data: page.data.map(fitView), nextCursor: page.nextCursor } };
    },
  }),
];
