import { invalidArguments, SlackApiError } from './errors';

/**
 * The JSON an app POSTs to a response_url or incoming webhook: a JSON body, or a
 * form with one `payload` field holding JSON. Undefined when it does not parse.
 */
export function readPayloadBody(body: unknown): Record<string, unknown> | undefined {
  const raw = (body ?? {}) as Record<string, unknown>;
  if (typeof raw.payload !== 'string') return raw;
  try {
    return JSON.parse(raw.payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * A method's arguments, from a form-encoded or JSON body. Form bodies carry
 * everything as strings (the SDK JSON-encodes arrays and objects), JSON bodies
 * carry real types; these readers accept both, as Slack does.
 */
export class Args {
  constructor(readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  optionalString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    return typeof value === 'string' ? value : String(value);
  }

  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined) throw invalidArguments(`missing required field: ${name}`);
    return value;
  }

  bool(name: string, fallback = false): boolean {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  int(name: string, fallback: number): number {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n)) throw invalidArguments(`${name} must be an integer`);
    return n;
  }

  /** A structured argument (blocks, view, …): a JSON string in forms, a value in JSON bodies. */
  json(name: string, malformedError: string): unknown {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new SlackApiError(malformedError);
    }
  }
}
