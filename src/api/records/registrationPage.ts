import { listConflictsOfRegistration } from '../../store/conflicts';
import { getPartner, getPartnersByIds } from '../../store/partners';
import { getRegistration } from '../../store/registrations';
import { crmRecordLinks } from '../../usecases/crmRecordLinks';
import { escapeHtml as e, htmlPage } from '../pages/layout';
import type { RecordPageContext } from './context';
import { crmLinks, day, decision, evidence, link, money, partnerLink, pill, protection, section, table } from './parts';
import { recordPaths } from '../../domain/recordPaths';

/** A deal registration as a manager reviews it: the deal, the decision, the protection window and every conflict; null when the tenant has no such registration. */
export async function registrationPage(ctx: RecordPageContext, id: string): Promise<string | null> {
  const { db, clock } = ctx.deps;
  const tenantId = ctx.tenant.id;
  const r = await getRegistration(db, tenantId, id);
  if (!r) return null;
  const [partner, conflicts, ownLinks, partnerLinks] = await Promise.all([
    getPartner(db, tenantId, r.partnerId),
    listConflictsOfRegistration(db, tenantId, id),
    crmRecordLinks(db, ctx.web, tenantId, 'registration', [id]),
    crmRecordLinks(db, ctx.web, tenantId, 'partner', [r.partnerId]),
  ]);
  // Each conflict's other side: the registration this one collided with, or the one that collided with it.
  const sides = conflicts.map((c) => (c.registrationId === id ? { c, registrationId: c.conflictingRegistrationId, partnerId: c.conflictingPartnerId } : { c, registrationId: c.registrationId, partnerId: c.partnerId }));
  const others = new Map((await getPartnersByIds(db, tenantId, [...new Set(sides.map((s) => s.partnerId))])).map((p) => [p.id, p]));

  const customer = [e(r.customer.name), r.customer.domain && `(${e(r.customer.domain)})`, r.customer.country && `· ${e(r.customer.country)}`].filter(Boolean).join(' ');
  const deal = table([
    ['Partner', partner ? `${partnerLink(partner)} <span class="muted">${e(partner.tier)} · ${e(partner.region)}</span>` : '<span class="muted">A removed partner</span>'],
    ['Customer', customer],
    ['Products', e(r.products.join(', '))],
    ['Amount', e(money(r.amount, r.currency))],
    ['Region', e(r.region)],
    ['Expected close', e(r.expectedCloseDate)],
    ['Submitted', day(r.submittedAt)],
    ['Status', pill(r.status)],
    ['Decision', decision(r)],
    ['Protection window', protection(r, clock.now())],
    ...(r.notes ? ([['Notes', e(r.notes)]] as [string, string][]) : []),
    ['In the CRM', crmLinks([...ownLinks.get(id)!, ...partnerLinks.get(r.partnerId)!])],
  ]);
  const conflictRows = sides.map(({ c, registrationId, partnerId }) => {
    const other = others.get(partnerId);
    const against = `${other ? partnerLink(other) : 'A removed partner'} · ${link(recordPaths.registration(registrationId), 'their registration')}`;
    return `<tr><td>${link(recordPaths.conflict(c.id), c.kind === 'cross_region' ? 'Cross-region conflict' : 'Conflict')}<br>${pill(c.status)}</td><td>${against}<br>${evidence(c)}</td></tr>`;
  });
  const conflictList = conflictRows.length > 0 ? `<table>${conflictRows.join('')}</table>` : '<p class="muted">No conflicts with other partners’ registrations.</p>';
  return htmlPage(
    `Registration: ${r.customer.name}`,
    `<section><h1>${e(r.customer.name)} <span class="muted">registered by ${e(partner?.name ?? 'a removed partner')}</span></h1>${deal}</section>${section(`Conflicts (${conflicts.length})`, conflictList)}`,
    ctx.signedIn,
  );
}
