import { getPartner } from '../store/partners';
import { getRegistration } from '../store/registrations';
import type { Actor, Deps } from './context';
import { approveDealRegistration, rejectDealRegistration } from './decideDealRegistration';
import { forbidden, notFound } from './errors';

/** Whether a person (by email) manages the partner: the partner's manager decides its registrations. */
export const managesPartner = (email: string, partner: { managerEmail: string | null }): boolean =>
  partner.managerEmail !== null && partner.managerEmail.toLowerCase() === email.toLowerCase();

async function requirePartnerManager(deps: Deps, actor: Actor, registrationId: string): Promise<void> {
  const registration = await getRegistration(deps.db, actor.tenantId, registrationId);
  if (!registration) throw notFound('deal registration');
  const partner = await getPartner(deps.db, actor.tenantId, registration.partnerId);
  if (!partner || !managesPartner(actor.name, partner)) {
    throw forbidden("Only the partner's manager can approve or reject its deal registrations");
  }
}

/** Decisions made from inside a CRM record, where the person is known but holds no API key: only partner managers decide. */
export async function approveAsPartnerManager(deps: Deps, actor: Actor, registrationId: string, overrideReason?: string) {
  await requirePartnerManager(deps, actor, registrationId);
  return approveDealRegistration(deps, actor, registrationId, overrideReason);
}

export async function rejectAsPartnerManager(deps: Deps, actor: Actor, registrationId: string, reason: string) {
  await requirePartnerManager(deps, actor, registrationId);
  return rejectDealRegistration(deps, actor, registrationId, reason);
}
