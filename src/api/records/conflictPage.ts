import type { DealRegistration } from '../../domain/registration';
import { getConflict } from '../../store/conflicts';
import { getPartnersByIds } from '../../store/partners';
import { getRegistration } from '../../store/registrations';
import { crmRecordLinks, type CrmRecordLink } from '../../usecases/crmRecordLinks';
import type { Partner } from '../../domain/partner';
import { escapeHtml as e, htmlPage } from '../pages/layout';
import type { RecordPageContext } from './context';
import { crmLinks, day, decision, evidence, link, money, partnerLink, pill, RESOLUTIONS, section, table } from './parts';
import { recordPaths } from '../../domain/recordPaths';

function side(title: string, r: DealRegistration | null, partner: Partner | undefined, links: CrmRecordLink[]): string {
  if (!r) return section(title, '<p class="muted">This registration no longer exists.</p>');
  return section(
    title,
    table([
      ['Registration', link(recordPaths.registration(r.id), `${r.customer.name} (${r.customer.domain ?? 'no domain'})`)],
      ['Partner', partner ? `${partnerLink(partner)} <span class="muted">${e(partner.tier)} · ${e(partner.region)}</span>` : '<span class="muted">A removed partner</span>'],
      ['Amount', e(money(r.amount, r.currency))],
      ['Products', e(r.products.join(', '))],
      ['Submitted', day(r.submittedAt)],
      ['Status', pill(r.status)],
      ['Decision', decision(r)],
      ['In the CRM', crmLinks(links)],
    ]),
  );
}

/** Two partners claiming one customer: both registrations, the evidence, and how it was resolved; null when the tenant has no such conflict. */
export async function conflictPage(ctx: RecordPageContext, id: string): Promise<string | null> {
  const { db } = ctx.deps;
  const tenantId = ctx.tenant.id;
  const c = await getConflict(db, tenantId, id);
  if (!c) return null;
  const [earlier, newer, partners, links] = await Promise.all([
    getRegistration(db, tenantId, c.conflictingRegistrationId),
    getRegistration(db, tenantId, c.registrationId),
    getPartnersByIds(db, tenantId, [c.conflictingPartnerId, c.partnerId]),
    crmRecordLinks(db, ctx.web, tenantId, 'registration', [c.conflictingRegistrationId, c.registrationId]),
  ]);
  const partner = new Map(partners.map((p) => [p.id, p]));
  const resolution =
    c.status === 'resolved' && c.resolution
      ? table([
          ['Outcome', e(RESOLUTIONS[c.resolution])],
          ['Resolved by', `${e(c.resolvedBy ?? 'unknown')}${c.resolvedAt ? ` on ${day(c.resolvedAt)}` : ''}`],
          ...(c.resolutionNote ? ([['Note', e(c.resolutionNote)]] as [string, string][]) : []),
        ])
      : '<p>Open: a manager decides which registration keeps the customer (from Slack, the CRM card or the API).</p>';
  const kind = c.kind === 'cross_region' ? 'Cross-region channel conflict' : 'Channel conflict';
  const customer = newer?.customer.name ?? earlier?.customer.name ?? 'a customer';
  return htmlPage(
    `${kind}: ${customer}`,
    `<section><h1>${e(kind)} on ${e(customer)} ${pill(c.status)}</h1>${table([
      ['Detected', day(c.detectedAt)],
      ['Evidence', evidence(c)],
    ])}</section>${side('Earlier registration', earlier, partner.get(c.conflictingPartnerId), links.get(c.conflictingRegistrationId)!)}${side('Newer registration', newer, partner.get(c.partnerId), links.get(c.registrationId)!)}${section('Resolution', resolution)}`,
    ctx.signedIn,
  );
}
