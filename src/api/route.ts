import type { Request } from 'express';
import type { z } from 'zod';
import type { Permission } from '../domain/access';
import type { Actor } from '../usecases/context';

/** Finds who is calling from the request, or throws `unauthorized`. */
export type Authenticator = (req: Request) => Promise<Actor>;

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on routes with `auth: 'tenant'`. */
  actor: Actor;
  req: Request;
}

export interface RouteOutput {
  status: number;
  body: unknown;
}

/**
 * One endpoint: its contract (schemas, responses) and its handler. The Express router,
 * request validation and the OpenAPI document are all derived from this one value.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** Express path syntax, e.g. `/api/v1/partners/:id`. */
  path: string;
  summary: string;
  /** The OpenAPI operationId; derived from method and path when absent (see `operationIdOf`). */
  operationId?: string;
  tag: string;
  /** An API key, the admin token, or an edge's own check (CRM cards sign or present per-account secrets). */
  auth: 'tenant' | 'admin' | Authenticator;
  /**
   * What the caller's role must allow (`domain/access`): reads need `read`, and a change needs
   * `administer` unless the route names a narrower permission. Use cases check partner scope.
   */
  permission?: Permission;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Creating POSTs honour `Idempotency-Key`. */
  idempotent?: boolean;
  /**
   * Every status the route answers with and the JSON body of each: the OpenAPI document shows
   * them, and tests check each answer against them (`responseContract`). A schema is required so
   * that no route's answer goes undocumented.
   */
  responses: Record<number, { description: string; schema: z.ZodType }>;
  handle(input: RouteInput<P, Q, B>): Promise<RouteOutput>;
}

export function defineRoute<P = undefined, Q = undefined, B = undefined>(route: Route<P, Q, B>): Route<P, Q, B> {
  return route;
}

// Routes are stored heterogeneously; each one's handler only ever sees its own validated input.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = Route<any, any, any>;

/** The permission a tenant's caller needs for the route: its own, else `read` for a GET and `administer` for a change. */
export const permissionOf = (route: AnyRoute): Permission => route.permission ?? (route.method === 'get' ? 'read' : 'administer');
