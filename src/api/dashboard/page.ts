import { REGIONS, TIERS } from '../../domain/partner';
import { ATTRIBUTION_MODELS } from '../../domain/attribution';
import { BASE_STYLE, escapeHtml as e, signedInHeader, type SignedInLine } from '../pages/layout';

const MODEL_LABELS: Record<(typeof ATTRIBUTION_MODELS)[number], string> = {
  first: 'First touch',
  last: 'Last touch',
  linear: 'Linear',
  time_decay: 'Time decay (7-day half-life)',
};

/** Periods over deal close dates, resolved to from/to by the script on the viewer's today. */
const PERIODS: Array<[string, string]> = [
  ['year', 'Past and next 6 months'],
  ['past90', 'Last 90 days'],
  ['past365', 'Last 12 months'],
  ['next180', 'Next 6 months'],
  ['all', 'All time'],
];

const STYLE = `
main.dashboard { max-width: 1240px; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-end; }
.filters label { margin: 0 0 4px; font-size: 13px; }
.filters select { min-width: 170px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 20px; }
.grid section { margin: 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fbfcfd; }
.kpi .value { font-size: 24px; font-weight: 600; }
.kpi .label { color: var(--muted); font-size: 13px; }
.tabs { display: inline-flex; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; margin-bottom: 10px; }
.tabs button { background: #fff; color: var(--ink); border: 0; border-radius: 0; padding: 5px 12px; }
.tabs button[aria-pressed="true"] { background: var(--accent); color: #fff; }
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.empty { color: var(--muted); padding: 24px 0; text-align: center; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg .muted { fill: var(--muted); }
.legend { display: flex; gap: 14px; font-size: 13px; color: var(--muted); margin-top: 6px; flex-wrap: wrap; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: middle; }
.movers { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.movers ol, .risk { margin: 0; padding: 0; list-style: none; }
.movers li, .risk li { display: flex; justify-content: space-between; gap: 8px; padding: 6px 0; border-top: 1px solid var(--line); }
.up { color: var(--accent); } .down { color: var(--warn); }
.risk li strong { white-space: nowrap; }
.notice.warn { background: #fffbe6; }
svg .drill { cursor: pointer; }
svg .drill:hover rect { opacity: 0.8; }
svg .drill:focus { outline: none; }
svg .drill:focus rect { stroke: var(--ink); stroke-width: 2; }
`;

/** The partner manager's dashboard: filters and empty chart frames; the script fills them from the analytics API. */
export function renderDashboardPage(tenantName: string, signedIn: SignedInLine): string {
  const options = (values: readonly string[], all: string, label: (v: string) => string = (v) => v) =>
    `<option value="">${e(all)}</option>${values.map((v) => `<option value="${e(v)}">${e(label(v))}</option>`).join('')}`;
  const panel = (id: string, title: string, extra = '') =>
    `<section data-testid="${id}"><div class="head"><h2>${e(title)}</h2>${extra}</div><div class="body" data-body><p class="empty">Loading…</p></div></section>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner dashboard · Trellis</title><style>${BASE_STYLE}${STYLE}</style></head>
<body><header><strong>Trellis</strong><span class="muted">Partner dashboard · ${e(tenantName)}</span>${signedInHeader(signedIn)}</header>
<main class="dashboard">
<div id="notice" role="status"></div>
<section>
  <form class="filters" data-testid="filters" onsubmit="return false">
    <div><label for="f-region">Region</label><select id="f-region" name="region">${options(REGIONS, 'All regions')}</select></div>
    <div><label for="f-tier">Tier</label><select id="f-tier" name="tier">${options(TIERS, 'All tiers', (t) => t[0]!.toUpperCase() + t.slice(1))}</select></div>
    <div><label for="f-period">Deals closing</label><select id="f-period" name="period">${PERIODS.map(([v, l]) => `<option value="${v}">${e(l)}</option>`).join('')}</select></div>
    <div><label for="f-currency">Currency</label><select id="f-currency" name="currency"><option value="">All currencies</option></select></div>
  </form>
</section>
<section data-testid="kpis"><div class="kpis" data-body></div></section>
<div class="grid">
${panel('pipeline', 'Open pipeline touched by partners', '<div class="tabs" role="group" aria-label="Group pipeline by"><button type="button" data-group="partner" aria-pressed="true">Partner</button><button type="button" data-group="region" aria-pressed="false">Region</button><button type="button" data-group="tier" aria-pressed="false">Tier</button></div>')}
${panel('attribution', 'Won revenue by partner', `<select id="f-model" aria-label="Attribution model" data-testid="model">${ATTRIBUTION_MODELS.map((m) => `<option value="${m}"${m === 'linear' ? ' selected' : ''}>${e(MODEL_LABELS[m])}</option>`).join('')}</select>`)}
${panel('health', 'Partner health')}
${panel('velocity', 'Deal registrations per week')}
${panel('movers', 'Health movers')}
${panel('at-risk', 'Partners at risk')}
</div>
<p class="muted">Figures come from the CRM deals Trellis reads from your connected CRMs every few minutes, the partner touchpoints on them (registrations, co-selling, referrals) and the partner health scores. Amounts are never added up across currencies: with deals in several, each figure is shown per currency. Click a bar or a partner (or focus it and press Enter) to open the partner and the deals behind the figure.</p>
</main>
<script src="/dashboard/app.js" defer></script>
</body></html>`;
}
