import { TrellisError } from './trellis.js';

/** Where a form shows each of the API's field paths: the first segment names the field, e.g. `['products', 1]` → products. */
export type FieldPaths<F extends string> = Record<string, F>;

export interface FormErrors<F extends string> {
  /** One message per field, shown next to it. */
  fields: Partial<Record<F, string>>;
  /** What belongs to no field of the form; null when everything is said at a field. */
  form: string | null;
}

const distinct = (messages: string[]) => [...new Set(messages)].join('; ');

/**
 * Splits a refused request's error between the form's fields and the form itself, each message
 * said once: a field's problems beside the field, the rest (with the API's summary) above the button.
 */
export function formErrorsOf<F extends string>(err: unknown, paths: FieldPaths<F>): FormErrors<F> {
  if (!(err instanceof TrellisError)) return { fields: {}, form: err instanceof Error ? err.message : String(err) };
  const details = Array.isArray(err.details) ? err.details : [];
  const byField = new Map<F, string[]>();
  const elsewhere: string[] = [];
  for (const d of details) {
    const field = paths[String(d.path[0])];
    if (field) byField.set(field, [...(byField.get(field) ?? []), d.message]);
    else elsewhere.push(d.path.length ? `${d.path.join('.')}: ${d.message}` : d.message);
  }
  const fields = Object.fromEntries([...byField].map(([f, messages]) => [f, distinct(messages)])) as Partial<Record<F, string>>;
  const form = byField.size === 0 ? distinct([err.message, ...elsewhere]) : elsewhere.length ? distinct(elsewhere) : null;
  return { fields, form };
}

/** "Pick a partner and enter an amount to register": what a disabled submit button is waiting for. */
export function waitingFor(missing: string[], goal: string): string | null {
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} to ${goal}`;
}
