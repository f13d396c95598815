/** Everything user-supplied goes through here before it reaches a page. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#1d1c1d;max-width:1000px}
h1{font-size:20px}h2{font-size:17px;margin-top:28px}h3{font-size:15px;margin:18px 0 6px}
.msg{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:8px 0;background:#fff}
.msg.ephemeral{background:#f8f8f8;border-style:dashed}.msg.deleted{opacity:.5}
.meta{color:#616061;font-size:12px}.context{color:#616061;font-size:12px}
.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:2px 10px;margin:4px 4px 0 0;background:#fff;font-weight:600}
.button.primary{background:#007a5a;color:#fff;border-color:#007a5a}.button.danger{color:#e01e5a;border-color:#e01e5a}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px}
form label{display:block;margin:12px 0 4px;font-weight:600}select,input{font:inherit}
</style></head><body>${body}</body></html>`;
}
