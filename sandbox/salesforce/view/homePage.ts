import { apiCallsInWindow } from '../limits';
import type { OutboundDelivery } from '../outbound/messenger';
import type { EmulatorState, Org } from '../state';
import { escapeHtml, page } from './html';

/** Columns shown per object: Id, then the object's own (non-system) fields that hold a value somewhere. */
const SYSTEM = new Set(['Id', 'IsDeleted', 'CreatedById', 'LastModifiedById', 'SystemModstamp', 'CreatedDate', 'OwnerId']);

/** `GET /`: every org with its records per object, and the outbound message log. */
export function renderHomePage(state: EmulatorState, now: number, deliveries: OutboundDelivery[]): string {
  const orgs = Object.values(state.orgs).map((org) => renderOrg(org, now)).join('') || '<p>No orgs yet.</p>';
  const apps = Object.values(state.apps)
    .map((a) => `<li>${escapeHtml(a.name)} — ${escapeHtml(a.consumerKey.slice(0, 16))}… → ${a.callbackUrls.map(escapeHtml).join(', ')}</li>`)
    .join('');
  const log = deliveries
    .map((d) => `<tr><td>${d.id}</td><td>${escapeHtml(d.url)}</td><td>${d.status}</td><td>${d.attempts}</td><td>${escapeHtml(d.lastError ?? '')}</td><td>${d.recordIds.map(escapeHtml).join(', ')}</td></tr>`)
    .join('');
  return page(
    'Salesforce emulator',
    `<h2>External Client Apps</h2><ul>${apps || '<li>none</li>'}</ul>${orgs}
     <h2>Outbound messages</h2><table><tr><th>#</th><th>Endpoint</th><th>Status</th><th>Attempts</th><th>Last error</th><th>Records</th></tr>${log}</table>`,
  );
}

function renderOrg(org: Org, now: number): string {
  const tables = Object.values(org.objects)
    .map((object) => {
      const records = Object.values(org.records[object.name] ?? {});
      if (records.length === 0) return '';
      const columns = ['Id', ...object.fields.map((f) => f.name).filter((name) => !SYSTEM.has(name) && records.some((r) => r[name] != null))];
      const rows = records
        .map((r) => `<tr${r.IsDeleted ? ' style="text-decoration:line-through"' : ''}>${columns.map((c) => `<td>${escapeHtml(String(r[c] ?? ''))}</td>`).join('')}</tr>`)
        .join('');
      return `<h3>${escapeHtml(object.label)} (${escapeHtml(object.name)}, ${records.length})</h3><table><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>${rows}</table>`;
    })
    .join('');
  return `<h2>${escapeHtml(org.name)} <small>${escapeHtml(org.id)}</small></h2><p>API usage ${apiCallsInWindow(org, now)} / ${org.dailyApiLimit}</p>${tables}`;
}
