import { z } from 'zod';
import { ROLES } from '../../domain/access';
import { listApiKeys, type ApiKey } from '../../store/apiKeys';
import { issueApiKey, revokeTenantApiKey } from '../../usecases/apiKeys';
import type { Deps } from '../../usecases/context';
import { defineRoute } from '../route';
import { ErrorBody, Timestamp } from '../views';
import { IdParams } from './common';

/** A key as listed: never its secret, only the prefix that lets its holder recognise it. */
const ApiKeyView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  prefix: z.string(),
  createdBy: z.string().nullable(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const apiKeyView = (k: ApiKey): z.infer<typeof ApiKeyView> => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  expiresAt: iso(k.expiresAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

const errors = {
  401: { description: 'Missing, invalid, revoked or expired API key', schema: ErrorBody },
  403: { description: 'The API key’s role does not allow this', schema: ErrorBody },
};

export const apiKeyRoutes = (deps: Deps) => {
  const revoke = async (actor: Parameters<typeof revokeTenantApiKey>[1], id: string) => ({
    status: 200,
    body: apiKeyView(await revokeTenantApiKey(deps, actor, id)),
  });
  const revokeResponses = {
    200: { description: 'The revoked key; the next request with it is refused', schema: ApiKeyView },
    404: { description: 'The tenant has no such key', schema: ErrorBody },
    ...errors,
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/api-keys',
      permission: 'administer',
      summary: "The tenant's API keys, revoked ones included (secrets are never shown again)",
      tag: 'API keys',
      auth: 'tenant',
      responses: { 200: { description: 'The keys, newest first', schema: z.object({ data: z.array(ApiKeyView) }) }, ...errors },
      async handle({ actor }) {
        return { status: 200, body: { data: (await listApiKeys(deps.db, actor.tenantId)).map(apiKeyView) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/api-keys',
      summary: 'Create an API key; its secret is in this answer only',
      tag: 'API keys',
      auth: 'tenant',
      // Not idempotent on purpose: a replay would have to store the secret to answer it again.
      body: z
        .object({
          name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. the integration using it'),
          role: z.enum(ROLES).default('admin').describe('What the key may do, as a user with that role'),
          expiresAt: z.iso.datetime({ offset: true }).optional().describe('When it stops working; never, when omitted'),
        })
        .strict()
        .meta({ examples: [{ name: 'Partner portal', role: 'sales_rep', expiresAt: '2027-01-01T00:00:00Z' }] }),
      responses: {
        201: { description: 'The key, with its secret shown this once', schema: z.object({ apiKey: ApiKeyView, secret: z.string() }) },
        400: { description: 'Invalid body, or an expiry not in the future', schema: ErrorBody },
        ...errors,
      },
      async handle({ body, actor }) {
        const { apiKey, secret } = await issueApiKey(deps, actor, {
          name: body.name,
          role: body.role,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        });
        return { status: 201, body: { apiKey: apiKeyView(apiKey), secret } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/api-keys/:id',
      summary: 'Revoke an API key at once',
      tag: 'API keys',
      auth: 'tenant',
      params: IdParams,
      responses: revokeResponses,
      handle: ({ params, actor }) => revoke(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/api-keys/:id/revoke',
      summary: 'Revoke an API key at once (for clients that cannot send DELETE)',
      tag: 'API keys',
      auth: 'tenant',
      params: IdParams,
      responses: revokeResponses,
      handle: ({ params, actor }) => revoke(actor, params.id),
    }),
  ];
};
