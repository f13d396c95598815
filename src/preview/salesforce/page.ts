import { escapeHtml as esc } from '../../api/pages/layout';
import type { Viewer } from '../people';
import type { PageObject } from './org';
import type { PageRecord } from './records';

/** Where an admin puts the Trellis components with the Lightning App Builder: each only on objects its js-meta.xml targets. */
const COMPONENTS: Record<PageObject, { tag: string; title: string }[]> = {
  Opportunity: [
    { tag: 'c-trellis-deal-registration', title: 'Deal registration' },
    { tag: 'c-trellis-co-sell', title: 'Co-sell' },
  ],
  Account: [
    { tag: 'c-trellis-partner-health', title: 'Partner health' },
    { tag: 'c-trellis-deal-registration', title: 'Deal registration' },
  ],
};

export interface SalesforcePreviewPage {
  orgId: string;
  record: PageRecord;
  records: Record<PageObject, { id: string; name: string }[]>;
  viewer: string;
  people: Viewer[];
  links: { label: string; url: string }[];
  /** The response's Content-Security-Policy nonce, which lets the page's one inline script run. */
  nonce: string;
}

const recordUrl = (orgId: string, object: PageObject, id: string, viewer: string) =>
  `/preview/salesforce?${new URLSearchParams({ org: orgId, record: `${object}/${id}`, as: viewer })}`;

/** A Lightning record page (Opportunity or Account) with the Trellis components in its right-hand column. */
export function renderSalesforcePreviewPage(p: SalesforcePreviewPage): string {
  const { record } = p;
  const host = { orgId: p.orgId, userEmail: p.viewer, recordId: record.id, objectApiName: record.object };
  const picker = (object: PageObject, label: string) =>
    `<optgroup label="${label}">${p.records[object]
      .map((r) => `<option value="${object}/${esc(r.id)}"${r.id === record.id ? ' selected' : ''}>${esc(r.name)}</option>`)
      .join('')}</optgroup>`;
  const field = ([label, value]: [string, string]) => `<div class="sf-field"><dt>${esc(label)}</dt><dd>${esc(value) || '&nbsp;'}</dd></div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(record.name)} | ${record.object} | Salesforce preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/preview/salesforce/preview.css"></head>
<body>
<header class="sf-global"><span class="sf-cloud" aria-hidden="true"></span><span class="sf-brand">Salesforce <em>sandbox</em></span>
  <form class="sf-switch" method="get" action="/preview/salesforce">
    <input type="hidden" name="org" value="${esc(p.orgId)}">
    <label>Record <select name="record" onchange="this.form.submit()">${picker('Opportunity', 'Opportunities')}${picker('Account', 'Accounts')}</select></label>
    <label>Viewing as <select name="as" data-testid="viewer" onchange="this.form.submit()">${p.people
      .map((x) => `<option value="${esc(x.email)}"${x.email === p.viewer ? ' selected' : ''}>${esc(x.label)}</option>`)
      .join('')}</select></label>
  </form>
  <nav>${p.links.map((l) => `<a href="${esc(l.url)}">${esc(l.label)}</a>`).join('')}</nav>
</header>
<nav class="sf-tabs-bar"><span class="sf-app">Sales</span><span>Home</span><span${record.object === 'Opportunity' ? ' class="active"' : ''}>Opportunities</span><span${record.object === 'Account' ? ' class="active"' : ''}>Accounts</span></nav>
<main class="sf-page">
  <section class="sf-highlights">
    <div class="sf-title"><span class="sf-object-icon sf-object-${record.object.toLowerCase()}" aria-hidden="true"></span>
      <div><p class="sf-object">${record.object}</p><h1 data-testid="record-title">${esc(record.name)}</h1></div></div>
    <dl class="sf-highlight-fields">${record.highlights.map(field).join('')}</dl>
  </section>
  <div class="sf-columns">
    <section class="sf-main">
      <div class="slds-card sf-panel"><div class="sf-tabs"><span class="active">Details</span><span>Related</span><span>Activity</span></div>
        <dl class="sf-details">${record.details.map(field).join('')}</dl></div>
      <div class="slds-card sf-panel"><h2 class="sf-related-title">${esc(record.related.title)}</h2>${
        record.related.rows.length
          ? `<ul class="sf-related">${record.related.rows.map((r) => `<li><a href="${esc(recordUrl(p.orgId, r.object, r.id, p.viewer))}">${esc(r.name)}</a><span>${esc(r.detail)}</span></li>`).join('')}</ul>`
          : '<p class="sf-muted">No records</p>'
      }</div>
      <p class="sf-muted sf-note">A preview of the Trellis Lightning web components on a record page of the connected org: the real component source, rendered by the LWC engine, calling the card backend through the TrellisCards Apex class as the org does.</p>
    </section>
    <aside class="sf-side">${COMPONENTS[record.object].map((c) => `<div class="sf-region" data-testid="component-${c.tag}" data-component="${c.tag}" aria-label="${c.title}"></div>`).join('')}</aside>
  </div>
</main>
<script nonce="${p.nonce}">window.__TRELLIS_SALESFORCE_PREVIEW__ = ${JSON.stringify(host).replace(/</g, '\\u003c')};</script>
<script src="/preview/salesforce/app.js"></script>
</body></html>`;
}

/** Lightning's look: the page chrome, and the SLDS classes the components and the preview's base components use. */
export const SALESFORCE_PREVIEW_CSS = `
*{box-sizing:border-box}h1,h2,h3,h4,p{margin:0}body{margin:0;font:13px/1.5 "Salesforce Sans",-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#181818;background:#b0c4df linear-gradient(#1b5f9e 0,#b0c4df 260px) no-repeat}
a{color:#0b5cab;text-decoration:none}a:hover{text-decoration:underline}
.sf-global{display:flex;gap:14px;align-items:center;background:#fff;padding:6px 16px;border-bottom:1px solid #e5e5e5;flex-wrap:wrap}
.sf-cloud{width:40px;height:28px;border-radius:14px;background:#0d9dda;display:inline-block}.sf-brand{font-weight:700;font-size:15px;color:#032d60}.sf-brand em{font-style:normal;color:#0d9dda;font-weight:400}
.sf-switch{display:flex;gap:12px;margin-left:auto}.sf-switch select{font:inherit;padding:3px 6px;border:1px solid #c9c9c9;border-radius:4px;max-width:280px}
.sf-global nav a{margin-left:12px}
.sf-tabs-bar{display:flex;gap:22px;align-items:center;background:#fff;padding:0 16px;border-bottom:3px solid #0176d3;height:40px}
.sf-tabs-bar .sf-app{font-size:18px;font-weight:300;margin-right:12px}.sf-tabs-bar .active{font-weight:700;border-bottom:3px solid #0176d3;padding-top:8px;height:40px}
.sf-page{padding:12px}
.sf-highlights{background:#fff;border-radius:4px;box-shadow:0 2px 2px rgba(0,0,0,.1);padding:12px 16px;margin-bottom:12px}
.sf-title{display:flex;gap:12px;align-items:center}.sf-title h1{margin:0;font-size:18px;font-weight:700}.sf-object{margin:0;font-size:12px;color:#444}
.sf-object-icon{width:32px;height:32px;border-radius:4px;display:inline-block}.sf-object-opportunity{background:#fcb95b}.sf-object-account{background:#5867e8}
.sf-highlight-fields{display:flex;gap:40px;margin:12px 0 0;flex-wrap:wrap}
.sf-field dt{font-size:12px;color:#444}.sf-field dd{margin:0;min-height:18px}
.sf-columns{display:grid;grid-template-columns:minmax(0,1fr) 420px;gap:12px;align-items:start}
.sf-panel{padding:0 16px 12px}.sf-tabs{display:flex;gap:24px;border-bottom:1px solid #e5e5e5;margin-bottom:12px}.sf-tabs span{padding:10px 0}.sf-tabs .active{border-bottom:3px solid #0176d3;font-weight:700}
.sf-details{display:grid;grid-template-columns:1fr 1fr;gap:4px 24px;margin:0}.sf-details .sf-field{border-bottom:1px solid #e5e5e5;padding:4px 0}
.sf-related-title{font-size:14px;font-weight:700;margin:0;padding:12px 0 8px}.sf-related{list-style:none;margin:0;padding:0}.sf-related li{display:flex;flex-direction:column;padding:6px 0;border-top:1px solid #e5e5e5}.sf-related span{color:#444;font-size:12px}
.sf-muted{color:#747474}.sf-note{background:#fff;border-radius:4px;padding:10px 14px}
.sf-region{margin-bottom:12px}
.slds-card{background:#fff;border:1px solid #e5e5e5;border-radius:4px;box-shadow:0 2px 2px rgba(0,0,0,.1);margin-bottom:12px}
.slds-card__header{padding:12px 16px 0;margin-bottom:12px}.slds-card__body{margin-bottom:12px}.slds-card__header-title{font-size:14px;font-weight:700;margin:0;line-height:1.25}
.slds-media{display:flex;align-items:center}.slds-media__figure{margin-right:12px}.slds-media__body{flex:1;min-width:0}
.slds-icon_container{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:4px;color:#fff;font-weight:700}
.preview-icon{background:#0176d3}.preview-icon_custom-custom14{background:#3cc2b3}.preview-icon_custom-custom15{background:#f77e75}.preview-icon_custom-custom16{background:#7f8de1}
.slds-grid{display:flex}.slds-grid_align-spread{justify-content:space-between;align-items:center;gap:8px}
.slds-p-horizontal_small{padding-left:12px;padding-right:12px}.slds-m-top_x-small{margin-top:8px}.slds-m-top_small{margin-top:12px}.slds-m-bottom_small{margin-bottom:12px}.slds-m-left_x-small{margin-left:8px}
.slds-box{padding:12px;border:1px solid #e5e5e5;border-radius:4px}.slds-card__body p{margin:4px 0}.slds-card__body ul{margin:4px 0;padding-left:18px}
.slds-text-heading_small{font-size:14px;font-weight:700;margin:0}.slds-text-heading_large{font-size:28px;font-weight:300;margin:4px 0}
.slds-text-title_bold{font-weight:700}.slds-text-title_caps{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:#444;margin-bottom:4px}.slds-text-body_small{font-size:12px}
.slds-text-color_error{color:#ba0517}
.slds-notify_alert{display:flex;padding:8px 12px;border-radius:4px;margin:8px 0;font-size:12px}.slds-notify_alert ul{margin:4px 0 0;padding-left:18px}
.slds-alert_warning{background:#fe9339;color:#181818}.slds-alert_error{background:#ea001e;color:#fff}
.slds-list_horizontal{display:flex;flex-wrap:wrap;list-style:none;padding:0;margin:6px 0}.slds-has-dividers_left .slds-item+.slds-item::before{content:"\\2022";margin:0 6px;color:#747474}
.slds-badge{display:inline-flex;align-items:center;padding:2px 8px;border-radius:15rem;background:#e5e5e5;font-size:12px;font-weight:700;line-height:1.4;white-space:nowrap}
.slds-button{font:inherit;line-height:30px;padding:0 16px;border-radius:4px;border:1px solid #c9c9c9;background:#fff;color:#0176d3;cursor:pointer;margin-top:8px}
.slds-button:hover{background:#f3f3f3}.slds-button_brand{background:#0176d3;border-color:#0176d3;color:#fff}.slds-button_brand:hover{background:#014486}
.slds-button_destructive{background:#ba0517;border-color:#ba0517;color:#fff}.slds-button:disabled{background:#c9c9c9;border-color:#c9c9c9;color:#fff;cursor:default}
.slds-spinner{display:flex;justify-content:center;padding:16px}.slds-spinner__dot-a{width:20px;height:20px;border:3px solid #d8e6fe;border-top-color:#0176d3;border-radius:50%;animation:sf-spin .8s linear infinite}.slds-spinner__dot-b{display:none}
@keyframes sf-spin{to{transform:rotate(360deg)}}
.slds-assistive-text{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.slds-form-element{margin-top:8px}.slds-form-element__label{display:block;font-size:12px;color:#444;margin-bottom:2px}.slds-required{color:#ba0517;margin-right:2px;text-decoration:none;border:0}
.slds-input,.slds-select,.slds-textarea{font:inherit;width:100%;border:1px solid #c9c9c9;border-radius:4px;padding:0 12px;line-height:30px;min-height:32px;background:#fff}
.slds-textarea{line-height:1.5;padding:6px 12px;min-height:64px}.slds-input:focus,.slds-select:focus,.slds-textarea:focus{outline:0;border-color:#1b96ff;box-shadow:0 0 3px #0176d3}
.slds-progress-bar{height:6px;background:#e5e5e5;border-radius:3px;overflow:hidden;margin:4px 0}.slds-progress-bar__value{display:block;height:100%;background:#2e844a}
`;
