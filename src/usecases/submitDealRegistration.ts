import { randomUUID } from 'node:crypto';
import { conflictsToRecord, type ChannelConflict } from '../domain/conflicts';
import type { Region } from '../domain/partner';
import { customerKey, type CustomerKey } from '../domain/customer';
import type { DealRegistration, DealRegistrationInput } from '../domain/registration';
import { admitRegistration } from '../domain/rulesOfEngagement';
import type { Queryable } from '../store/db';
import { findOrCreateAccount } from '../store/accounts';
import { getCrmDealState } from '../store/crmDeals';
import { insertConflicts, type StoredConflict } from '../store/conflicts';
import { appendOutboxEvent, appendOutboxEvents, recordAudit } from '../store/outbox';
import { getPartner } from '../store/partners';
import { crmCompanyOfDeal, findConflictCandidates, insertRegistration } from '../store/registrations';
import { lockTenantRegistrations } from '../store/tenantLock';
import type { Actor, Deps } from './context';
import { AppError, fromDomainFailure, validationError } from './errors';
import { findChannelConflicts } from './findChannelConflicts';

async function detect(tx: Queryable, actor: Actor, input: Submission, now: Date) {
  const partner = await getPartner(tx, actor.tenantId, input.partnerId);
  if (!partner) throw validationError('Unknown partner', [{ path: ['partnerId'], message: 'no partner with this id' }]);
  if (partner.status === 'churned') {
    throw validationError('Partner cannot register deals', [{ path: ['partnerId'], message: 'this partner has churned' }]);
  }
  const region = input.region ?? partner.region;
  const customer = customerKey(input.customer, actor.settings.extraFreeMailDomains);
  const submission = { partnerId: partner.id, customer, products: input.products, region };
  const conflicts = await findChannelConflicts(tx, actor, submission, now, input.crmDealRef);
  return { region, customer, conflicts };
}

/** Refuses, with the rule's own explanation, a registration the rules of engagement do not admit. */
async function admit(tx: Queryable, actor: Actor, input: Submission, partnerId: string, region: Region, customer: CustomerKey, now: Date): Promise<void> {
  const crmDeal = input.crmDealRef ? await getCrmDealState(tx, actor.tenantId, input.crmDealRef) : null;
  const crmCompany = input.crmDealRef ? await crmCompanyOfDeal(tx, actor.tenantId, input.crmDealRef) : null;
  const submission = { partnerId, customer: { ...customer, crmCompany }, products: input.products, region, expectedCloseDate: input.expectedCloseDate };
  const ownRegistrations = await findConflictCandidates(tx, actor.tenantId, {
    customer: submission.customer,
    products: input.products,
    partnerId,
    of: 'same_partner',
    now,
  });
  const admitted = admitRegistration(submission, { crmDeal, ownRegistrations }, actor.settings, now);
  if (admitted.ok) return;
  const { code, message } = admitted.error;
  // A rule about one field the submitter can correct is reported at that field, as input errors are.
  if (code === 'close_date_in_past') throw new AppError(code, message, 'validation_error', [{ path: ['expectedCloseDate'], message }]);
  throw fromDomainFailure(admitted.error);
}

/** The dry run: what submitting would report, with nothing written. */
export async function checkDealRegistration(deps: Deps, actor: Actor, input: Submission): Promise<ChannelConflict[]> {
  return deps.db.transaction(async (tx) => (await detect(tx, actor, input, deps.clock.now())).conflicts);
}

export interface Submitted {
  registration: DealRegistration;
  conflicts: StoredConflict[];
}

/** A registration as submitted, with the CRM deal it was made from when a rep registered it on a deal record. */
export type Submission = DealRegistrationInput & { crmDealRef?: string | undefined };

export async function submitDealRegistration(deps: Deps, actor: Actor, input: Submission): Promise<Submitted> {
  return deps.db.transaction(async (tx) => {
    await lockTenantRegistrations(tx, actor.tenantId);
    const now = deps.clock.now();
    const { region, customer, conflicts } = await detect(tx, actor, input, now);
    await admit(tx, actor, input, input.partnerId, region, customer, now);
    const accountId = await findOrCreateAccount(tx, actor.tenantId, {
      ...customer,
      name: input.customer.name,
      domain: input.customer.domain ?? null,
      country: input.customer.country ?? null,
    });
    const registration: DealRegistration = {
      id: randomUUID(),
      partnerId: input.partnerId,
      accountId,
      customer: { name: input.customer.name, domain: input.customer.domain ?? null, country: input.customer.country ?? null },
      products: input.products,
      amount: input.amount,
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate,
      region,
      notes: input.notes ?? null,
      status: 'pending',
      submittedAt: now,
      decision: null,
      override: null,
      protectionExpiresAt: null,
      closedAt: null,
    };
    await insertRegistration(tx, actor.tenantId, registration, input.crmDealRef ?? null);
    const stored = await insertConflicts(tx, actor.tenantId, registration, conflictsToRecord(conflicts), now);
    await appendOutboxEvent(tx, actor.tenantId, 'deal_registration.submitted', registration.id, {
      registrationId: registration.id,
      partnerId: registration.partnerId,
      origin: 'trellis',
    });
    await appendOutboxEvents(
      tx,
      actor.tenantId,
      'channel_conflict.detected',
      stored.map((c) => ({
        aggregateId: c.id,
        payload: { conflictId: c.id, registrationId: c.registrationId, conflictingRegistrationId: c.conflictingRegistrationId, kind: c.kind, origin: 'trellis' },
      })),
    );
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'deal_registration.submitted',
      entityType: 'deal_registration',
      entityId: registration.id,
      details: { conflicts: stored.map((c) => c.id), conflictsFound: conflicts.length },
    });
    return { registration, conflicts: stored };
  });
}
