/** Escape text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#33475b}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #cbd6e2;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f5f8fa}
code{font-size:.85em}</style></head><body>${body}</body></html>`;
}
