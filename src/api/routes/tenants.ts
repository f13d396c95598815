import { z } from 'zod';
import type { Deps } from '../../usecases/context';
import { createTenant } from '../../usecases/tenants';
import { defineRoute } from '../route';
import { ErrorBody } from '../views';

export const tenantRoutes = (deps: Deps) => [
  defineRoute({
    method: 'post',
    path: '/api/v1/tenants',
    summary: 'Create a tenant and its first API key (admin token required)',
    tag: 'Tenants',
    auth: 'admin',
    body: z
      .object({ name: z.string().trim().min(1).max(200).describe('The vendor’s name, as its people see it') })
      .strict()
      .meta({ examples: [{ name: 'Acme Software' }] }),
    responses: {
      201: {
        description: 'The tenant and its API key, shown only this once',
        schema: z.object({ tenant: z.object({ id: z.uuid(), name: z.string() }), apiKey: z.string() }),
      },
      400: { description: 'Invalid body', schema: ErrorBody },
      401: { description: 'Missing or wrong admin token', schema: ErrorBody },
    },
    async handle({ body }) {
      const { tenant, apiKey } = await createTenant(deps, body.name);
      return { status: 201, body: { tenant: { id: tenant.id, name: tenant.name }, apiKey } };
    },
  }),
];
