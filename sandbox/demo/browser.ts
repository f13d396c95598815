/**
 * A scripted browser for the install flows: follows redirects, keeps cookies per origin,
 * and submits the forms of the emulators' consent pages as a person clicking would.
 */
export interface LoadedPage {
  url: string;
  status: number;
  html: string;
}

const MAX_REDIRECTS = 10;

function unescapeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** A POST form of a page (the first, or the first whose action contains `actionPart`): where it goes and its hidden fields. */
export function readForm(page: LoadedPage, actionPart = ''): { action: string; fields: Record<string, string> } {
  const form = [...page.html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)].find((f) =>
    (attribute(f[0].slice(0, f[0].indexOf('>') + 1), 'action') ?? '').includes(actionPart),
  );
  if (!form) throw new Error(`no form on ${page.url} (status ${page.status}): ${page.html.slice(0, 300)}`);
  const action = new URL(attribute(form[0].slice(0, form[0].indexOf('>') + 1), 'action') ?? page.url, page.url).toString();
  const fields: Record<string, string> = {};
  for (const input of form[1]!.match(/<input[^>]*type="hidden"[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name) fields[name] = attribute(input, 'value') ?? '';
  }
  return { action, fields };
}

export class ScriptedBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** Opens a URL and follows redirects to the final page. */
  async open(url: string): Promise<LoadedPage> {
    return this.request(url, { method: 'GET' });
  }

  /** Submits a form of the page with its hidden fields plus the user's choices (radio, select, button). */
  async submit(page: LoadedPage, choices: Record<string, string> = {}, actionPart = ''): Promise<LoadedPage> {
    const form = readForm(page, actionPart);
    const body = new URLSearchParams({ ...form.fields, ...choices });
    return this.request(form.action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** The cookie a site set, as the browser would send it back. */
  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(new URL(origin).origin)?.get(name);
  }

  private async request(url: string, init: { method: string; body?: URLSearchParams; headers?: Record<string, string> }): Promise<LoadedPage> {
    let target = url;
    let current = init;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const origin = new URL(target).origin;
      const cookies = [...(this.jar.get(origin) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(target, {
        method: current.method,
        redirect: 'manual',
        headers: { ...current.headers, ...(cookies ? { cookie: cookies } : {}) },
        ...(current.body ? { body: current.body } : {}),
      });
      this.remember(origin, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        target = new URL(location, target).toString();
        current = { method: 'GET' };
        continue;
      }
      return { url: target, status: res.status, html: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  private remember(origin: string, setCookies: string[]): void {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const header of setCookies) {
      const [pair] = header.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.jar.set(origin, cookies);
  }
}
