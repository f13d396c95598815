import { fixedClock } from '../../src/domain/clock';
import { PartnerInput } from '../../src/domain/partner';
import { ActivityInput, CertificationInput, SatisfactionInput, SupportCaseInput } from '../../src/domain/partnerSignals';
import { ReferralInput } from '../../src/domain/referral';
import { DealRegistrationInput } from '../../src/domain/registration';
import { getTenant } from '../../src/store/tenants';
import { findVendorUserByEmail } from '../../src/store/vendorUsers';
import { userActor } from '../../src/usecases/actors';
import { requestCoSell } from '../../src/usecases/coSell';
import type { Actor, Deps } from '../../src/usecases/context';
import { approveDealRegistration, closeDealRegistration, rejectDealRegistration } from '../../src/usecases/decideDealRegistration';
import { evaluatePartnerHealth } from '../../src/usecases/evaluatePartnerHealth';
import { expireDueRegistrations } from '../../src/usecases/expireRegistrations';
import { flagOverdueApprovals } from '../../src/usecases/flagOverdueApprovals';
import { recordActivities, recordCertification, recordSatisfaction, recordSupportCase } from '../../src/usecases/partnerSignals';
import { createPartner } from '../../src/usecases/partners';
import { acceptAssignedReferral, closeAcceptedReferral, createReferral, declineAssignedReferral } from '../../src/usecases/referrals';
import { submitDealRegistration } from '../../src/usecases/submitDealRegistration';
import type { DemoData } from './data';
import { TRAITS } from './profiles';
import { DEMO_SALES_REPS } from './team';
import { daysAgo, HISTORY_DAYS } from './timeline';
import { principalFor } from '../../src/domain/access';

/** Health is evaluated every four weeks of the year, the last one four weeks ago; the scheduler takes over from today. */
const EVALUATION_EVERY_DAYS = 28;

interface Step {
  at: Date;
  run(): Promise<unknown>;
}

export interface ReplayedHistory {
  partners: number;
  registrations: number;
  conflicts: number;
}

/**
 * Replays the demo company's year through Trellis's own use cases, in the order it happened,
 * with the clock set to each moment: partners join, register deals, get decisions and close
 * them; the LMS, surveys, help desk and portal report signals; the channel team co-sells and
 * routes referrals; and health is evaluated (and due registrations expired) every four weeks,
 * so snapshots and trends have a past; approvals past their SLA are flagged at the end. Every
 * rule applies as it would have then: conflicts are found against the registrations of the
 * moment, approvals blocked by the protections of the moment.
 *
 * The sandbox holds the demo tenant only, so the schedulers' all-tenant use cases (health,
 * expiry, the approval SLA) are run as they are.
 */
export function replayHistory(base: Omit<Deps, 'clock'>, tenantId: string, data: DemoData, today: Date): Promise<ReplayedHistory> {
  // One transaction for the year: the app's schedulers, running on today's clock meanwhile, never
  // see half of it (an expiry sweep would expire a registration the replay is about to close),
  // and a start interrupted half-way leaves nothing behind, so the next start seeds afresh.
  return base.db.transaction((tx) => replay({ ...base, db: { query: (sql, params) => tx.query(sql, params), transaction: (work) => work(tx), close: async () => undefined } }, tenantId, data, today));
}

async function replay(base: Omit<Deps, 'clock'>, tenantId: string, data: DemoData, today: Date): Promise<ReplayedHistory> {
  const tenant = await getTenant(base.db, tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const clock = fixedClock(today);
  const deps: Deps = { ...base, clock };
  const as = (name: string): Actor => ({ tenantId, settings: tenant.settings, name, principal: principalFor('admin') });
  // Deals are registered by the sales reps, from the CRM card, in turn: the audit log names the rep,
  // so "Ask for details" on any of them mails a person.
  const reps = await Promise.all(
    DEMO_SALES_REPS.map(async (email) => {
      const user = await findVendorUserByEmail(base.db, tenantId, email);
      if (!user) throw new Error(`the demo team has no ${email}: add the team before replaying the year`);
      return userActor(tenant, user);
    }),
  );
  const partnerIds: string[] = [];
  const registrationIds: string[] = [];
  let conflicts = 0;
  const steps: Step[] = [];
  const at = (instant: string | Date, run: () => Promise<unknown>) => steps.push({ at: new Date(instant), run });

  data.partners.forEach(({ profile, ...partner }, i) =>
    at(daysAgo(today, TRAITS[profile].joinedDaysAgo), async () => (partnerIds[i] = (await createPartner(deps, as(partner.managerEmail), PartnerInput.parse(partner))).id)),
  );
  data.registrations.forEach((r, i) => {
    const manager = as(data.partners[r.partner]!.managerEmail);
    at(r.submittedAt, async () => {
      const input = DealRegistrationInput.parse({ partnerId: partnerIds[r.partner], customer: r.customer, products: r.products, amount: r.amount, currency: 'USD', expectedCloseDate: r.expectedCloseDate });
      const submitted = await submitDealRegistration(deps, reps[i % reps.length]!, input);
      registrationIds[i] = submitted.registration.id;
      conflicts += submitted.conflicts.length;
    });
    const decision = r.decision;
    if (decision) at(r.decidedAt!, () => (decision.kind === 'approve' ? approveDealRegistration(deps, manager, registrationIds[i]!) : rejectDealRegistration(deps, manager, registrationIds[i]!, decision.reason)));
    if (r.outcome) at(r.closedAt!, () => closeDealRegistration(deps, manager, registrationIds[i]!, r.outcome!));
  });
  replaySignals(data, at, (i) => partnerIds[i]!, deps, as, today);
  replayReferrals(data, at, deps, as);
  for (let day = HISTORY_DAYS - EVALUATION_EVERY_DAYS; day >= EVALUATION_EVERY_DAYS; day -= EVALUATION_EVERY_DAYS) {
    at(daysAgo(today, day), async () => {
      await expireDueRegistrations(deps);
      await evaluatePartnerHealth(deps);
    });
  }
  // The approval SLA sweep runs every quarter hour; its latest run flags what has waited too long, so
  // "approval overdue" is in Slack from the start rather than after the scheduler's first run.
  at(today, () => flagOverdueApprovals(deps));

  // A stable sort: what happens at the same instant keeps the order it was listed in.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) {
    clock.set(step.at);
    await step.run();
  }
  return { partners: partnerIds.length, registrations: registrationIds.length, conflicts };
}

type At = (instant: string | Date, run: () => Promise<unknown>) => void;

/**
 * Signals carry their own instants and health reads only those before the moment it is evaluated
 * at, so they are recorded as the feeds would deliver them: a partner's portal and API activity in
 * one batch when the partner joins, a support case once in its latest state. Co-selling is requested by the channel team then.
 */
function replaySignals(data: DemoData, at: At, partnerId: (i: number) => string, deps: Deps, as: (name: string) => Actor, today: Date): void {
  const { activity, certifications, satisfaction, supportCases, coSell } = data.signals;
  data.partners.forEach((p, i) => {
    const own = activity.filter((a) => a.partner === i).map(({ partner: _partner, ...a }) => ActivityInput.parse(a));
    // Listed after the partner joins at the same instant, so it comes after.
    at(daysAgo(today, TRAITS[p.profile].joinedDaysAgo), () => recordActivities(deps, as('partner-portal'), partnerId(i), own));
  });
  for (const { partner, ...c } of certifications) at(c.issuedAt, () => recordCertification(deps, as('lms'), partnerId(partner), CertificationInput.parse(c)));
  for (const { partner, ...s } of satisfaction) at(s.respondedAt, () => recordSatisfaction(deps, as('psat-survey'), partnerId(partner), SatisfactionInput.parse(s)));
  for (const { partner, ...c } of supportCases) at(c.openedAt, () => recordSupportCase(deps, as('helpdesk'), partnerId(partner), SupportCaseInput.parse(c)));
  for (const e of coSell) {
    const customer = data.customers[e.customer]!;
    const manager = as(data.partners[e.partner]!.managerEmail);
    at(e.requestedAt, () => requestCoSell(deps, manager, { partnerId: partnerId(e.partner), customer: { name: customer.name, domain: customer.domain, country: customer.country }, role: e.role, note: e.note }));
  }
}

/** Leads are routed the moment they arrive; the partner holding one takes it on or declines it, and reports how it ended. */
function replayReferrals(data: DemoData, at: At, deps: Deps, as: (name: string) => Actor): void {
  for (const lead of data.signals.referrals) {
    let id: string | null = null;
    let held = false;
    at(lead.createdAt, async () => {
      const referral = await createReferral(deps, as('marketing'), ReferralInput.parse({ company: lead.company, products: lead.products, estimatedValue: lead.estimatedValue, source: lead.source }));
      id = referral.id;
      held = referral.status === 'assigned';
    });
    const { response, outcome } = lead;
    if (response) {
      at(response.at, async () => {
        if (!held) return;
        if (response.accepts) await acceptAssignedReferral(deps, as('partner-portal'), id!);
        else await declineAssignedReferral(deps, as('partner-portal'), id!, 'No capacity for a new project this quarter.');
        held = response.accepts;
      });
    }
    if (outcome) at(outcome.at, async () => held && closeAcceptedReferral(deps, as('partner-portal'), id!, outcome.kind));
  }
}
