import { z } from 'zod';
import type { AnyRoute } from './route';

/** A problem with what a route answered: where in the body, and what is wrong there. */
export interface ContractBreach {
  path: (string | number)[];
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys the client received that the schema does not describe: parsing strips them, so they are missing from `parsed`. */
function undocumentedKeys(sent: unknown, parsed: unknown, path: (string | number)[] = []): ContractBreach[] {
  if (Array.isArray(sent) && Array.isArray(parsed)) return sent.flatMap((item, i) => undocumentedKeys(item, parsed[i], [...path, i]));
  if (!isRecord(sent) || !isRecord(parsed)) return [];
  return Object.keys(sent).flatMap((key) =>
    key in parsed ? undocumentedKeys(sent[key], parsed[key], [...path, key]) : [{ path: [...path, key], message: 'not in the response schema' }],
  );
}

/**
 * What is wrong with a route's answer against its declared responses: a status it does not
 * declare, a body its schema rejects, or fields its schema does not name (an answer that grew a
 * field the OpenAPI document does not show). The body is checked as the client receives it, as JSON.
 */
export function responseBreaches(route: AnyRoute, status: number, body: unknown): ContractBreach[] {
  const declared = route.responses[status];
  if (!declared) return [{ path: [], message: `status ${status} is not among the declared responses (${Object.keys(route.responses).join(', ')})` }];
  const sent: unknown = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  const result = declared.schema.safeParse(sent);
  if (!result.success) return result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }));
  return undocumentedKeys(sent, result.data);
}

/** Thrown (in tests) when a route answers outside its contract, so the suite fails at the route, not at a client. */
export class ResponseContractError extends Error {
  constructor(
    route: Pick<AnyRoute, 'method' | 'path'>,
    status: number,
    readonly breaches: ContractBreach[],
  ) {
    super(`${route.method.toUpperCase()} ${route.path} answered ${status} outside its declared response: ${breaches.map((b) => `${b.path.join('.') || '(body)'}: ${b.message}`).join('; ')}`);
  }
}
