import type { PreviewRecord } from './records';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface PreviewPage {
  record: PreviewRecord;
  records: { deals: { id: string; title: string }[]; companies: { id: string; title: string }[] };
  portalId: number;
  user: { id: number; email: string; firstName: string; lastName: string };
  people: { email: string; label: string }[];
  links: { label: string; url: string }[];
  /** The response's Content-Security-Policy nonce, which lets the page's one inline script run. */
  nonce: string;
}

const FIELDS: Record<PreviewRecord['objectType'], [string, string][]> = {
  deals: [['amount', 'Amount'], ['deal_currency_code', 'Currency'], ['closedate', 'Close date'], ['dealstage', 'Deal stage'], ['pipeline', 'Pipeline']],
  companies: [['domain', 'Company domain name'], ['country', 'Country/Region'], ['industry', 'Industry'], ['numberofemployees', 'Number of employees'], ['annualrevenue', 'Annual revenue']],
};

const CARDS: Record<PreviewRecord['objectType'], [string, string][]> = {
  deals: [['deal-registration', 'Deal registration'], ['co-sell', 'Co-sell']],
  companies: [['partner-health', 'Partner health'], ['deal-registration', 'Deal registration']],
};

function shown(key: string, value: string | null): string {
  if (!value) return '—';
  if (key === 'closedate') return esc(value.slice(0, 10));
  if (key === 'amount' || key === 'annualrevenue') return Number.isFinite(Number(value)) ? Number(value).toLocaleString('en-US') : esc(value);
  return esc(value);
}

/** A HubSpot record page (deal or company) with the Trellis cards in its right sidebar. */
export function renderPreviewPage(p: PreviewPage): string {
  const { record } = p;
  const company = record.associations['0-2'][0];
  const lineItems = record.associations['0-8'];
  const host = { record: { objectTypeId: record.objectTypeId, objectId: record.objectId, properties: record.properties, associations: record.associations }, user: p.user, portal: { id: p.portalId, timezone: 'UTC' } };
  const picker = (type: 'deals' | 'companies', label: string) =>
    `<optgroup label="${label}">${p.records[type]
      .map((r) => `<option value="${type}/${esc(r.id)}"${r.id === record.objectId && type === record.objectType ? ' selected' : ''}>${esc(r.title)}</option>`)
      .join('')}</optgroup>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(record.title)} · Trellis preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/preview/preview.css"></head>
<body>
<header class="topbar"><span class="brand">HubSpot <em>sandbox</em></span><span>Portal ${p.portalId}</span>
  <form class="switch" method="get" action="/preview">
    <label>Record <select name="record" onchange="this.form.submit()">${picker('deals', 'Deals')}${picker('companies', 'Companies')}</select></label>
    <label>Viewing as <select name="as" data-testid="viewer" onchange="this.form.submit()">${p.people
      .map((x) => `<option value="${esc(x.email)}"${x.email === p.user.email ? ' selected' : ''}>${esc(x.label)}</option>`)
      .join('')}</select></label>
  </form>
  <nav>${p.links.map((l) => `<a href="${esc(l.url)}" target="_blank" rel="noreferrer">${esc(l.label)}</a>`).join('')}</nav>
</header>
<main class="record">
  <aside class="left">
    <div class="avatar ${record.objectType}">${esc(record.title.slice(0, 1).toUpperCase())}</div>
    <h1 data-testid="record-title">${esc(record.title)}</h1>
    <p class="kind">${record.objectType === 'deals' ? 'Deal' : 'Company'} · record ${esc(record.objectId)}</p>
    <h2>About this ${record.objectType === 'deals' ? 'deal' : 'company'}</h2>
    <dl>${FIELDS[record.objectType].map(([key, label]) => `<dt>${label}</dt><dd>${shown(key, record.properties[key] ?? null)}</dd>`).join('')}</dl>
  </aside>
  <section class="middle">
    <div class="tabs"><span class="active">Overview</span><span>Activities</span></div>
    ${company ? `<div class="panel"><h2>Company</h2><p><strong>${esc(company.properties.name ?? '')}</strong> · ${esc(company.properties.domain ?? 'no domain')} · ${esc(company.properties.country ?? '')}</p></div>` : ''}
    ${record.objectType === 'deals' ? `<div class="panel"><h2>Line items</h2>${lineItems.length ? `<ul>${lineItems.map((l) => `<li>${esc(l.properties.name ?? '')}</li>`).join('')}</ul>` : '<p class="muted">No line items</p>'}</div>` : ''}
    <div class="panel muted">This is a preview of how the Trellis app cards look and behave on a HubSpot record. The cards on the right are the real card source, talking to the real card backend with signed requests.</div>
  </section>
  <aside class="sidebar">
    ${CARDS[record.objectType].map(([card, title]) => `<section class="card" data-testid="card-${card}"><header><span class="app">Trellis</span> ${title}</header><div class="card-body" data-card="${card}"></div></section>`).join('')}
  </aside>
</main>
<script nonce="${p.nonce}">window.__TRELLIS_PREVIEW__ = ${JSON.stringify(host).replace(/</g, '\\u003c')};</script>
<script src="/preview/app.js"></script>
</body></html>`;
}

export const PREVIEW_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 "Lexend Deca",-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#33475b;background:#f5f8fa}
.topbar{display:flex;gap:16px;align-items:center;background:#2d3e50;color:#fff;padding:8px 16px;font-size:13px;flex-wrap:wrap}
.topbar .brand{font-weight:600;font-size:15px}.topbar em{color:#ff7a59;font-style:normal}
.topbar .switch{display:flex;gap:12px;margin-left:auto}.topbar select{font:inherit;padding:3px 6px;border-radius:3px;border:0;max-width:260px}
.topbar nav a{color:#7fd1de;margin-left:12px}
.record{display:grid;grid-template-columns:280px 1fr 400px;gap:16px;padding:16px;align-items:start}
.left,.panel,.card{background:#fff;border:1px solid #cbd6e2;border-radius:4px}.left{padding:20px}
.avatar{width:56px;height:56px;border-radius:50%;display:grid;place-items:center;font-size:24px;color:#fff;background:#ff7a59}.avatar.companies{background:#00a4bd;border-radius:6px}
.left h1{font-size:20px;margin:12px 0 2px}.kind{color:#7c98b6;margin:0 0 16px}.left h2,.panel h2{font-size:14px;text-transform:uppercase;letter-spacing:.04em;color:#516f90;margin:16px 0 8px}
.left dt{font-size:12px;color:#7c98b6;margin-top:10px}.left dd{margin:0;font-weight:500}
.tabs{display:flex;gap:20px;border-bottom:1px solid #cbd6e2;margin-bottom:12px}.tabs span{padding:8px 0;color:#516f90}.tabs .active{border-bottom:3px solid #33475b;color:#33475b;font-weight:600}
.panel{padding:14px 18px;margin-bottom:12px}.muted{color:#7c98b6}
.card{margin-bottom:16px;overflow:hidden}.card header{padding:10px 16px;border-bottom:1px solid #eaf0f6;font-weight:600;background:#f5f8fa}.card .app{background:#00bda5;color:#fff;border-radius:3px;padding:1px 6px;font-size:11px;margin-right:6px}
.card-body{padding:14px 16px}
.hs-text{margin:0}.hs-micro{font-size:12px;color:#7c98b6}.hs-demibold,.hs-bold{font-weight:600}.hs-heading{font-size:15px;margin:0;font-weight:600}
.hs-flex{display:flex}.hs-column{flex-direction:column}.hs-row{flex-direction:row}.hs-wrap{flex-wrap:wrap}
.hs-gap-xs{gap:4px}.hs-gap-sm{gap:8px}.hs-gap-md{gap:16px}.hs-gap-lg{gap:24px}.hs-justify-between{justify-content:space-between}.hs-justify-center{justify-content:center}.hs-justify-end{justify-content:flex-end}.hs-align-center{align-items:center}
.hs-row>.hs-field{flex:1}
.hs-divider{border:0;border-top:1px solid #eaf0f6;margin:4px 0;width:100%}
.hs-tile{border:1px solid #cbd6e2;border-radius:4px;padding:12px}.hs-compact{padding:8px 10px}
.hs-list{margin:4px 0;padding-left:18px}.hs-list-inline-divided{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:0}.hs-list-inline-divided li{display:flex;align-items:baseline}.hs-list-divider{white-space:pre;color:#7c98b6}
.hs-button{font:inherit;font-weight:600;border-radius:3px;padding:7px 14px;cursor:pointer;border:1px solid #425b76;background:#fff;color:#425b76}
.hs-button-primary{background:#425b76;color:#fff}.hs-button-destructive{background:#f2545b;border-color:#f2545b;color:#fff}.hs-button-transparent{border-color:transparent;color:#0091ae}
.hs-button-sm,.hs-button-xs{padding:4px 10px;font-size:12px}.hs-button:disabled{opacity:.45;cursor:not-allowed}.hs-button-row{display:flex;gap:8px}
.hs-tag{display:inline-block;border-radius:3px;padding:1px 8px;font-size:12px;background:#eaf0f6;border:1px solid #cbd6e2;text-transform:capitalize}
.hs-tag-success{background:#e5f8f6;border-color:#7fded2}.hs-tag-warning{background:#fef8f0;border-color:#fae0b5}.hs-tag-danger{background:#fde8e9;border-color:#f8a9ad}.hs-tag-info{background:#e5f5f8;border-color:#7fd1de}
.hs-status{display:inline-flex;align-items:center;gap:6px;font-size:13px;font-weight:600;white-space:nowrap}.hs-dot{width:9px;height:9px;border-radius:50%;background:#7c98b6}
.hs-status-success .hs-dot{background:#00bda5}.hs-status-warning .hs-dot{background:#f5c26b}.hs-status-danger .hs-dot{background:#f2545b}.hs-status-info .hs-dot{background:#00a4bd}
.hs-alert{border-left:4px solid #00a4bd;background:#e5f5f8;padding:10px 12px;border-radius:3px}.hs-alert-title{display:block;margin-bottom:4px}
.hs-alert-success{border-color:#00bda5;background:#e5f8f6}.hs-alert-warning{border-color:#f5c26b;background:#fef8f0}.hs-alert-danger{border-color:#f2545b;background:#fde8e9}
.hs-spinner{display:flex;gap:10px;align-items:center;justify-content:center;padding:24px;color:#516f90}.hs-spinner-wheel{width:20px;height:20px;border:3px solid #cbd6e2;border-top-color:#ff7a59;border-radius:50%;animation:spin .8s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.hs-empty,.hs-error{text-align:center;padding:12px 8px;display:flex;flex-direction:column;gap:8px;align-items:center}
.hs-empty-art{width:64px;height:48px;border-radius:6px;background:linear-gradient(135deg,#eaf0f6 40%,#cbd6e2)}.hs-error-art{width:40px;height:40px;border-radius:50%;background:#fde8e9;color:#f2545b;font-weight:700;display:grid;place-items:center}
.hs-dl{margin:0;display:grid;gap:8px}.hs-dl-row{grid-template-columns:repeat(2,1fr)}.hs-dl dt{font-size:12px;color:#7c98b6}.hs-dl dd{margin:0;font-weight:500}
.hs-progress{height:8px;background:#eaf0f6;border-radius:4px;overflow:hidden}.hs-progress-fill{height:100%;background:#00bda5}.hs-progress-warning{background:#f5c26b}.hs-progress-danger{background:#f2545b}
.hs-stats{display:flex;gap:12px}.hs-stat{flex:1;border:1px solid #eaf0f6;border-radius:4px;padding:8px 10px}.hs-stat-label{font-size:12px;color:#7c98b6}.hs-stat-number{font-size:24px;font-weight:600}
.hs-trend{font-size:12px}.hs-trend-green{color:#00a38d}.hs-trend-red{color:#d94c53}
.hs-field{display:flex;flex-direction:column;gap:3px}.hs-label{font-weight:600;font-size:13px}.hs-required{color:#f2545b;margin-left:2px}
.hs-input{font:inherit;border:1px solid #cbd6e2;border-radius:3px;padding:7px 10px;background:#f5f8fa;color:#33475b;width:100%}.hs-input:focus{outline:2px solid #00a4bd;background:#fff}
.hs-field-error .hs-input{border-color:#f2545b}.hs-validation-error{color:#d94c53;font-size:12px}.hs-validation{color:#00a38d;font-size:12px}
.hs-listbox{list-style:none;margin:0;padding:4px 0;border:1px solid #cbd6e2;border-radius:3px;background:#fff;max-height:240px;overflow:auto}.hs-listbox li{padding:6px 10px;cursor:pointer}.hs-listbox li:hover,.hs-listbox li[aria-selected=true]{background:#e5f5f8}
.hs-accordion-title{font:inherit;font-weight:600;background:none;border:0;padding:4px 0;color:#0091ae;cursor:pointer}.hs-accordion-body{padding-top:8px}
`;
