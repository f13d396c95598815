import { IdealPartnerProfile, partnerFit, type PartnerFit } from '../domain/idealPartnerProfile';
import { IN_BUSINESS_STATUSES, type Partner } from '../domain/partner';
import type { Queryable } from '../store/db';
import { rankedPage, type Page } from '../store/pagination';
import { loadPartnerPerformance } from '../store/partnerPerformance';
import { getPartner, listPartnersByStatus } from '../store/partners';
import { countCurrentCertifications } from '../store/partnerSignals';
import { loadPolicy } from '../store/tenantPolicies';
import type { Actor, Deps } from './context';
import { notFound } from './errors';

export const loadIdealPartnerProfile = (q: Queryable, tenantId: string) => loadPolicy(q, tenantId, 'ideal_partner_profile', IdealPartnerProfile);

async function requireProfile(q: Queryable, tenantId: string): Promise<IdealPartnerProfile> {
  const profile = await loadIdealPartnerProfile(q, tenantId);
  if (!profile) throw notFound('ideal partner profile');
  return profile;
}

export interface FitOfPartner extends PartnerFit {
  partner: Partner;
}

async function fitsOf(q: Queryable, tenantId: string, profile: IdealPartnerProfile, partners: Partner[], now: Date): Promise<FitOfPartner[]> {
  const ids = partners.map((p) => p.id);
  const [performance, certifications] = await Promise.all([loadPartnerPerformance(q, tenantId, ids, now), countCurrentCertifications(q, tenantId, ids, now)]);
  return partners.map((partner) => {
    const p = performance.get(partner.id);
    const certs = certifications.get(partner.id) ?? 0;
    // A track record is a registration ever or a current certification; prospects usually have neither.
    const record = p || certs > 0 ? { submittedLast90: p?.submittedLast90 ?? 0, won: p?.won ?? 0, lost: p?.lost ?? 0, currentCertifications: certs } : null;
    const facts = { region: partner.region, specialties: partner.specialties, employeeCount: partner.employeeCount, performance: record };
    return { partner, ...partnerFit(profile, facts) };
  });
}

export async function fitOfPartner(deps: Deps, actor: Actor, partnerId: string): Promise<FitOfPartner> {
  const profile = await requireProfile(deps.db, actor.tenantId);
  const partner = await getPartner(deps.db, actor.tenantId, partnerId);
  if (!partner) throw notFound('partner');
  return (await fitsOf(deps.db, actor.tenantId, profile, [partner], deps.clock.now()))[0]!;
}

/** Every partner and prospect (not churned) by fit, best first; partners with no score last. Null when the cursor is not ours. */
export async function rankPartnerFit(deps: Deps, actor: Actor, page: { limit: number; cursor?: string | undefined }): Promise<Page<FitOfPartner> | null> {
  const profile = await requireProfile(deps.db, actor.tenantId);
  const partners = await listPartnersByStatus(deps.db, actor.tenantId, ['prospect', ...IN_BUSINESS_STATUSES]);
  const fits = await fitsOf(deps.db, actor.tenantId, profile, partners, deps.clock.now());
  return rankedPage(fits, (f) => ({ rank: f.score ?? -1, id: f.partner.id }), page.limit, page.cursor);
}
