import type { NameMeasure } from '../../domain/nameMatch';
import type { ConflictEvidence } from '../../domain/conflicts';
import type { Partner } from '../../domain/partner';
import type { DealRegistration } from '../../domain/registration';
import type { StoredConflict } from '../../store/conflicts';
import type { CrmRecordLink } from '../../usecases/crmRecordLinks';
import { escapeHtml as e } from '../pages/layout';
import { recordPaths } from '../../domain/recordPaths';

/** The building blocks the registration, conflict and partner pages share; every value is escaped here. */

export const link = (href: string, text: string) => `<a href="${e(href)}">${e(text)}</a>`;

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(amount);

export const day = (d: Date) => d.toISOString().slice(0, 10);

export const pill = (text: string) => `<span class="pill ${e(text)}">${e(text.replace(/_/g, ' '))}</span>`;

/** A two-column table; values are HTML the caller has escaped, so links and pills can be values. */
export const table = (rows: [string, string][]) => `<table>${rows.map(([label, html]) => `<tr><th>${e(label)}</th><td>${html}</td></tr>`).join('')}</table>`;

export const section = (title: string, html: string) => `<section><h2>${e(title)}</h2>${html}</section>`;

export const partnerLink = (p: Pick<Partner, 'id' | 'name'>) => link(recordPaths.partner(p.id), p.name);

export function crmLinks(links: CrmRecordLink[]): string {
  if (links.length === 0) return '<span class="muted">Not linked to a CRM record</span>';
  return links.map((l) => `<a href="${e(l.url)}" target="_blank" rel="noopener">${e(l.label)}</a>`).join(' · ');
}

/** Who decided, when and why; the override when one was recorded. */
export function decision(r: DealRegistration): string {
  if (!r.decision) return '<span class="muted">Not decided yet</span>';
  const why = r.decision.reason ? `: ${e(r.decision.reason)}` : '';
  const override = r.override ? `<br>Override by ${e(r.override.by)} on ${day(r.override.at)}: ${e(r.override.reason)}` : '';
  return `${e(r.status)} by ${e(r.decision.by)} on ${day(r.decision.at)}${why}${override}`;
}

export function protection(r: DealRegistration, now: Date): string {
  if (!r.protectionExpiresAt) return '<span class="muted">None (protection starts on approval)</span>';
  const days = Math.ceil((r.protectionExpiresAt.getTime() - now.getTime()) / 86_400_000);
  return `Until ${day(r.protectionExpiresAt)}${r.status === 'approved' && days > 0 ? ` (${days} days left)` : ''}`;
}

/** How a name measure reads beside the names it matched. */
const NAME_MEASURE_LABELS: Record<NameMeasure, string> = {
  identical: 'the same name',
  core_name: 'the same name without descriptive words',
  acronym: 'an acronym',
  edit_distance: 'one typo apart',
  trigram: 'trigram similarity',
};

export function evidence(c: Pick<StoredConflict, 'kind' | 'score'> & { evidence: ConflictEvidence }): string {
  const v = c.evidence;
  const match =
    v.matchedOn === 'crm_company'
      ? `Same CRM company record (${e(v.crmCompany ?? '')})`
      : v.matchedOn === 'domain'
        ? `Same domain (${e(v.customer.normalizedDomain ?? '')})`
        : `Similar names: ${e(v.customer.normalizedName)} / ${e(v.existingCustomer.normalizedName)} (${Math.round((v.nameStrength ?? v.nameSimilarity) * 100)}%${v.nameMeasure ? `, ${NAME_MEASURE_LABELS[v.nameMeasure]}` : ''})`;
  return [
    match,
    `Overlapping products: ${e(v.overlappingProducts.join(', ') || 'none')}`,
    `Regions: ${e(v.regions.existing)} (earlier) / ${e(v.regions.submitted)} (newer)${c.kind === 'cross_region' ? ', cross-region' : ''}`,
    `Earlier registration was ${e(v.existingStatus)} · score ${e(c.score)}`,
  ].join('<br>');
}

export const RESOLUTIONS: Record<NonNullable<StoredConflict['resolution']>, string> = {
  existing_wins: 'The earlier registration won',
  new_wins: 'The newer registration won',
  not_a_conflict: 'Not a conflict',
};
