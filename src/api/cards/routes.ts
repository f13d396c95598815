import { z } from 'zod';
import { CO_SELL_ROLES } from '../../domain/coSell';
import { customerKey } from '../../domain/customer';
import { CountryCode, WebDomain } from '../../domain/partner';
import { earliestCloseDate } from '../../domain/rulesOfEngagement';
import { CrmDealRef, DealRegistrationInput, distinctProducts, type DealRegistration } from '../../domain/registration';
import { listConflictsShownOfRegistrations } from '../../store/conflicts';
import { latestDetailsRequests } from '../../store/detailsRequests';
import { getPartnersByIds, searchPartners } from '../../store/partners';
import { getRegistration, getRegistrationStatuses, listRegistrationsOfCustomer } from '../../store/registrations';
import { awaitingDecisionOf } from '../../usecases/approvers';
import { coSellOverview, requestCoSell } from '../../usecases/coSell';
import type { Actor, Deps } from '../../usecases/context';
import { approveDealRegistration, rejectDealRegistration } from '../../usecases/decideDealRegistration';
import { notFound } from '../../usecases/errors';
import { answerRegistrationDetails } from '../../usecases/registrationDetails';
import { partnerHealthOfCompany } from '../../usecases/partnerHealth';
import { checkDealRegistration, submitDealRegistration } from '../../usecases/submitDealRegistration';
import type { Metrics } from '../metrics';
import { defineRoute, type Authenticator } from '../route';
import { ErrorBody } from '../views';
import { IdParams } from '../routes/common';
import { cardPartnerHealth } from './partnerHealthView';
import { DetailsAnswer } from '../../domain/detailsRequest';
import { CheckReply, CoSellReply, EngagementReply, PartnerHealthReply, PartnerPickerReply, RecordRegistrationsReply, RegistrationReply } from './replies';
import { cardDryRunConflict, cardPartner, cardRegistration, otherRegistrationIdsOf, partnerIdsOf } from './views';
import { mostPressingFirst } from '../../domain/conflicts';

/** CRM fields arrive as empty strings when unset; an empty value means "not given". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

// Query schemas are not strict: HubSpot appends portalId, userId, userEmail and appId to every card request.
const CustomerQuery = z.object({
  name: z.string().trim().min(1).max(200),
  domain: optional(WebDomain),
  country: optional(CountryCode),
});

const errors = {
  400: { description: 'Invalid input; details name each field', schema: ErrorBody },
  401: { description: 'Not signed by the CRM, or Trellis is not installed for this account', schema: ErrorBody },
};

const RECORD_REGISTRATIONS_LIMIT = 20;
/** The picker lists this many matches and says how many more there are. */
const PARTNERS_SHOWN = 10;
/** A card has room for a few conflicts per registration; the rest are counted. */
const CONFLICTS_SHOWN = 10;

/**
 * The endpoints the CRM cards call, one set per CRM under `prefix`, each serving exactly
 * what a card shows. Decisions and writes go through the same use cases as the REST API, and
 * run once per idempotency key: `hubspot.fetch` retries a write after a 5xx or a timeout.
 */
export function cardRoutes(deps: Deps, metrics: Metrics, crm: 'hubspot' | 'salesforce', auth: Authenticator) {
  const prefix = `/api/cards/${crm}`;
  const tag = 'CRM cards';

  /** `forThisDeal` says which were made from the deal the card is shown on. */
  const registrationsView = async <R extends DealRegistration>(actor: Actor, regs: readonly R[], forThisDeal: (reg: R) => boolean) => {
    const { shown, totals } = await listConflictsShownOfRegistrations(deps.db, actor.tenantId, regs.map((r) => r.id), CONFLICTS_SHOWN);
    const conflicts = regs.map((r) => shown.get(r.id)!);
    const [partnerList, statuses, awaiting, details] = await Promise.all([
      getPartnersByIds(deps.db, actor.tenantId, partnerIdsOf(regs, conflicts.flat())),
      getRegistrationStatuses(deps.db, actor.tenantId, otherRegistrationIdsOf(regs, conflicts)),
      awaitingDecisionOf(deps.db, actor.tenantId, regs),
      latestDetailsRequests(deps.db, actor.tenantId, regs.map((r) => r.id)),
    ]);
    const partners = new Map(partnerList.map((p) => [p.id, p]));
    const now = deps.clock.now();
    return regs.map((r, i) =>
      cardRegistration(r, awaiting.get(r.id), { shown: conflicts[i]!, total: totals.get(r.id)! }, partners, statuses, actor.principal, now, forThisDeal(r), details.get(r.id)),
    );
  };

  const oneRegistration = async (actor: Actor, id: string, forThisDeal = false) => {
    const reg = await getRegistration(deps.db, actor.tenantId, id);
    if (!reg) throw notFound('deal registration');
    return (await registrationsView(actor, [reg], () => forThisDeal))[0]!;
  };

  return [
    defineRoute({
      method: 'get',
      path: `${prefix}/partners`,
      summary: 'Partner picker: partners whose name or domain contains the text',
      tag,
      auth,
      query: z.object({ q: z.string().trim().max(100).default('') }),
      responses: { 200: { description: 'Matching partners', schema: PartnerPickerReply }, ...errors },
      async handle({ query, actor }) {
        const { partners, total } = await searchPartners(deps.db, actor.tenantId, query.q, PARTNERS_SHOWN);
        return { status: 200, body: { partners: partners.map(cardPartner), total } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${prefix}/registrations`,
      summary: "The deal registrations naming the record's customer, with conflicts and what the viewer may do",
      tag,
      auth,
      // On a deal record the card names the deal, whose own registrations come first.
      query: CustomerQuery.extend({ crmDealRef: optional(CrmDealRef) }),
      responses: { 200: { description: "Registrations: those made from the card's deal first, then newest first", schema: RecordRegistrationsReply }, ...errors },
      async handle({ query, actor }) {
        const thisDeal = query.crmDealRef ?? null;
        const regs = await listRegistrationsOfCustomer(deps.db, actor.tenantId, customerKey(query), RECORD_REGISTRATIONS_LIMIT, thisDeal);
        return {
          status: 200,
          body: {
            viewer: { name: actor.name },
            rules: {
              rulesOfEngagement: actor.settings.rulesOfEngagement,
              protectionWindowDays: actor.settings.protectionWindowDays,
              // The form's date picker starts here; earlier dates are refused.
              earliestCloseDate: earliestCloseDate(deps.clock.now(), actor.settings.closeDateGraceDays),
            },
            registrations: await registrationsView(actor, regs, (r) => thisDeal !== null && r.crmDealRef === thisDeal),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/registrations/check`,
      permission: 'read',
      summary: 'Live conflict check before submitting; creates nothing',
      tag,
      auth,
      body: DealRegistrationInput,
      responses: { 200: { description: 'Conflicts the registration would have', schema: CheckReply }, ...errors },
      async handle({ body, actor }) {
        const conflicts = await checkDealRegistration(deps, actor, body);
        const shown = mostPressingFirst(conflicts).slice(0, CONFLICTS_SHOWN);
        const partners = new Map((await getPartnersByIds(deps.db, actor.tenantId, shown.map((c) => c.partnerId))).map((p) => [p.id, p]));
        return {
          status: 200,
          body: { conflictCount: conflicts.length, conflicts: shown.map((c) => cardDryRunConflict(c, partners)) },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/registrations`,
      permission: 'register_deals',
      summary: 'Register the deal for a partner',
      tag,
      auth,
      idempotent: true,
      // On a deal record the card names the deal, so the registration is linked to it in the CRM.
      body: DealRegistrationInput.extend({ crmDealRef: CrmDealRef.optional() }),
      responses: {
        201: { description: 'The registration with its conflicts', schema: RegistrationReply },
        409: {
          description:
            'Refused by the rules of engagement: the CRM deal is already closed (`deal_already_closed`), or the partner already holds an open registration of this customer for these products (`duplicate_registration`, with `details.existingRegistrationId`)',
          schema: ErrorBody,
        },
        ...errors,
      },
      async handle({ body, actor }) {
        const { registration, conflicts } = await submitDealRegistration(deps, actor, body);
        for (const c of conflicts) metrics.conflictsDetected.inc({ kind: c.kind });
        return { status: 201, body: { registration: await oneRegistration(actor, registration.id, body.crmDealRef !== undefined) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/registrations/:id/approve`,
      permission: 'decide',
      summary: "Approve (partner managers); a conflict with a protected registration needs an override reason",
      tag,
      auth,
      idempotent: true,
      params: IdParams,
      body: z.object({ override: z.object({ reason: z.string().trim().min(1).max(2000) }).strict().optional() }).strict().default({}),
      responses: {
        200: { description: 'The registration after the decision', schema: RegistrationReply },
        403: { description: 'The viewer does not manage this partner', schema: ErrorBody },
        409: { description: 'Blocked by a protected registration, or not pending', schema: ErrorBody },
        ...errors,
      },
      async handle({ params, body, actor }) {
        await approveDealRegistration(deps, actor, params.id, body.override?.reason);
        return { status: 200, body: { registration: await oneRegistration(actor, params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/registrations/:id/reject`,
      permission: 'decide',
      summary: 'Reject with a reason (partner managers)',
      tag,
      auth,
      idempotent: true,
      params: IdParams,
      body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
      responses: {
        200: { description: 'The registration after the decision', schema: RegistrationReply },
        403: { description: 'The viewer does not manage this partner', schema: ErrorBody },
        409: { description: 'Not pending', schema: ErrorBody },
        ...errors,
      },
      async handle({ params, body, actor }) {
        await rejectDealRegistration(deps, actor, params.id, body.reason);
        return { status: 200, body: { registration: await oneRegistration(actor, params.id) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/registrations/:id/details-answer`,
      // Who may answer is decided with the question: the submitter, or whoever may register deals for the partner.
      permission: 'read',
      summary: "Answer the approver's open question about a registration, as the emailed link would",
      tag,
      auth,
      idempotent: true,
      params: IdParams,
      body: z.object({ answer: DetailsAnswer }).strict(),
      responses: {
        200: { description: 'The registration with its answered question', schema: RegistrationReply },
        403: { description: 'The viewer neither submitted the registration nor may register deals for its partner', schema: ErrorBody },
        404: { description: 'No such registration, or no question was asked about it', schema: ErrorBody },
        409: { description: 'The question was already answered', schema: ErrorBody },
        ...errors,
      },
      async handle({ params, body, actor }) {
        await answerRegistrationDetails(deps, actor, params.id, body.answer);
        return { status: 200, body: { registration: await oneRegistration(actor, params.id) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${prefix}/co-sell`,
      summary: 'Suggested co-selling partners for a deal, and the engagements already requested on its customer',
      tag,
      auth,
      query: CustomerQuery.extend({
        products: z
          .string()
          .max(2000)
          .default('')
          // Kept as the deal names them: the reasons quote them, and expertise matching ignores case.
          .transform((v) => distinctProducts(v.split(',').filter((p) => p.trim() !== ''))),
      }),
      responses: { 200: { description: 'Ranked suggestions with reasons, and engagements', schema: CoSellReply }, ...errors },
      async handle({ query, actor }) {
        const overview = await coSellOverview(deps, actor, { customer: query, products: query.products }, 5);
        return {
          status: 200,
          body: {
            suggestions: overview.suggestions.map((s) => ({ partner: cardPartner(s.partner), score: s.score, reasons: s.reasons.map((r) => r.detail) })),
            engagements: overview.engagements.map((e) => ({
              id: e.id,
              partner: e.partner ? cardPartner(e.partner) : null,
              role: e.role,
              status: e.status,
              requestedBy: e.requestedBy,
              requestedAt: e.createdAt.toISOString(),
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${prefix}/co-sell`,
      permission: 'register_deals',
      summary: 'Ask a partner to co-sell this deal',
      tag,
      auth,
      idempotent: true,
      body: z
        .object({
          partnerId: z.uuid(),
          customer: z.object({ name: z.string().trim().min(1).max(200), domain: optional(WebDomain), country: optional(CountryCode) }).strict(),
          role: z.enum(CO_SELL_ROLES).default('co_sell'),
          crmDealRef: CrmDealRef.optional(),
          note: z.string().trim().max(2000).optional(),
        })
        .strict(),
      responses: {
        201: { description: 'The engagement', schema: EngagementReply },
        409: { description: 'The partner already has an open engagement in this role', schema: ErrorBody },
        ...errors,
      },
      async handle({ body, actor }) {
        const e = await requestCoSell(deps, actor, body);
        return { status: 201, body: { engagement: { id: e.id, role: e.role, status: e.status, requestedAt: e.createdAt.toISOString() } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${prefix}/partner-health`,
      summary: 'Health of the partner a company record stands for, matched on its domain',
      tag,
      auth,
      query: z.object({ domain: optional(WebDomain) }),
      responses: { 200: { description: 'The partner, its health by component, pipeline and current certifications; partner null when the company is not a partner', schema: PartnerHealthReply }, ...errors },
      async handle({ query, actor }) {
        const report = query.domain ? await partnerHealthOfCompany(deps, actor, query.domain) : null;
        return { status: 200, body: report ? cardPartnerHealth(report, deps.clock.now()) : { partner: null } };
      },
    }),
  ];
}
