import { normalizeId } from '../ids';
import type { EmulatorState } from '../state';
import { escapeHtml, page } from './html';

/**
 * `GET /lightning/r/{Object}/{Id}/view`: one record, at the path of Lightning's record page, so
 * links Trellis builds from a connection's instance URL open here against the emulator. Null
 * when no org has that record.
 */
export function renderRecordPage(state: EmulatorState, objectName: string, rawId: string): string | null {
  const id = normalizeId(rawId);
  for (const org of Object.values(state.orgs)) {
    const object = Object.values(org.objects).find((o) => o.name.toLowerCase() === objectName.toLowerCase());
    const record = object && id ? org.records[object.name]?.[id] : undefined;
    if (!object || !record) continue;
    const rows = object.fields
      .filter((f) => record[f.name] != null)
      .map((f) => `<tr><th>${escapeHtml(f.label)}</th><td>${escapeHtml(String(record[f.name]))}</td></tr>`)
      .join('');
    const title = String(record.Name ?? `${object.label} ${id}`);
    return page(
      title,
      `<p><a href="/">Salesforce emulator</a> · ${escapeHtml(org.name)} · ${escapeHtml(object.label)}${record.IsDeleted ? ' · in the recycle bin' : ''}</p><table>${rows}</table>`,
    );
  }
  return null;
}
