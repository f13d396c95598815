import type { EmulatorState } from './state';
import { escapeHtml, page } from './html';
import { allObjectTypes, findObjectType } from './objectTypes';
import type { WebhookHub } from './webhooks';

/** A read-only overview: apps, then each portal's records per object type. */
export function renderOverview(state: EmulatorState, webhooks: WebhookHub): string {
  const apps = Object.values(state.apps)
    .map(
      (a) =>
        `<tr><td>${a.id}</td><td>${escapeHtml(a.name)}</td><td><code>${escapeHtml(a.clientId)}</code></td><td>${escapeHtml(a.scopes.join(' '))}</td><td>${escapeHtml(a.webhooks?.targetUrl ?? '')}</td></tr>`,
    )
    .join('');
  const deliveries = webhooks.deliveries();
  const delivered = deliveries.filter((d) => d.status === 'delivered').length;
  const portals = Object.values(state.portals)
    .map((portal) => {
      const sections = allObjectTypes(portal)
        .map((type) => {
          const records = Object.values(portal.records[type.objectTypeId] ?? {}).filter((r) => !r.archived);
          if (records.length === 0) return '';
          const columns = [...new Set(records.flatMap((r) => Object.keys(r.properties)))].sort();
          const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
          const rows = records
            .map((r) => `<tr><td>${escapeHtml(r.id)}</td>${columns.map((c) => `<td>${escapeHtml(r.properties[c])}</td>`).join('')}</tr>`)
            .join('');
          return `<h3>${escapeHtml(type.name)} <small>(${escapeHtml(type.objectTypeId)}, ${records.length})</small></h3><table><tr><th>id</th>${head}</tr>${rows}</table>`;
        })
        .join('');
      return `<h2>Portal ${portal.id} <small>${escapeHtml(portal.domain)}</small></h2>${sections || '<p>No records.</p>'}`;
    })
    .join('');
  return page(
    'HubSpot emulator',
    `<h1>HubSpot emulator</h1>
<h2>Apps</h2><table><tr><th>id</th><th>name</th><th>client id</th><th>scopes</th><th>webhook target</th></tr>${apps}</table>
<p>Webhook deliveries: ${deliveries.length} (${delivered} delivered)</p>${portals || '<p>No portals.</p>'}`,
  );
}

/**
 * A record's page at the path HubSpot's own app uses (`/contacts/{portalId}/record/{objectTypeId}/{id}`),
 * so links Trellis builds for real portals open here against the emulator. Null when there is no such record.
 */
export function renderRecordPage(state: EmulatorState, portalId: string, objectTypeId: string, recordId: string): string | null {
  const portal = state.portals[portalId];
  const type = portal && findObjectType(portal, objectTypeId);
  const record = type && portal.records[type.objectTypeId]?.[recordId];
  if (!record) return null;
  const rows = Object.keys(record.properties)
    .sort()
    .map((name) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(record.properties[name])}</td></tr>`)
    .join('');
  const title = record.properties.name ?? record.properties.dealname ?? `${type.name} ${record.id}`;
  return page(
    title,
    `<p><a href="/">HubSpot emulator</a> · portal ${portal.id} · ${escapeHtml(type.name)} (${escapeHtml(type.objectTypeId)})${record.archived ? ' · archived' : ''}</p>
<h1>${escapeHtml(title)}</h1><table>${rows}</table>`,
  );
}
