import { z } from 'zod';
import { CRMS, type Crm } from '../../domain/crm';
import { listCrmConnections, type CrmConnection } from '../../store/connections';
import type { Deps } from '../../usecases/context';
import { disconnectCrm, type RevokeAtCrm } from '../../usecases/disconnectCrm';
import { defineRoute } from '../route';
import { ErrorBody } from '../views';

/** A connection as the API shows it: never its tokens. */
const ConnectionView = z.object({
  id: z.uuid(),
  crm: z.enum(CRMS),
  externalAccountId: z.string(),
  instanceUrl: z.string().nullable(),
  scopes: z.array(z.string()),
  status: z.enum(['active', 'disconnected', 'error']),
  statusReason: z.string().nullable(),
  installedBy: z.string().nullable(),
  connectedAt: z.iso.datetime(),
});

const connectionView = (c: CrmConnection): z.input<typeof ConnectionView> => ({
  id: c.id,
  crm: c.crm,
  externalAccountId: c.externalAccountId,
  instanceUrl: c.instanceUrl,
  scopes: c.scopes,
  status: c.status,
  statusReason: c.statusReason,
  installedBy: c.installedBy,
  connectedAt: c.connectedAt.toISOString(),
});

export const connectionRoutes = (deps: Deps, revokers: Record<Crm, RevokeAtCrm>) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/connections',
    summary: "The tenant's CRM connections and their status (tokens are never returned)",
    tag: 'Connections',
    auth: 'tenant',
    responses: {
      200: { description: 'Connections', schema: z.object({ data: z.array(ConnectionView) }) },
      401: { description: 'Missing or invalid API key', schema: ErrorBody },
    },
    async handle({ actor }) {
      const connections = await listCrmConnections(deps.db, deps.keyring, actor.tenantId);
      return { status: 200, body: { data: connections.map(connectionView) } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/connections/:crm',
    summary: 'Disconnect a CRM: revoke its tokens at the CRM and stop syncing',
    tag: 'Connections',
    auth: 'tenant',
    params: z.object({ crm: z.enum(CRMS).describe('The CRM to disconnect') }).strict(),
    responses: {
      200: { description: 'The disconnected connection', schema: ConnectionView.extend({ revokedAtCrm: z.boolean() }) },
      401: { description: 'Missing or invalid API key', schema: ErrorBody },
      404: { description: 'Not connected to this CRM', schema: ErrorBody },
    },
    async handle({ params, actor }) {
      const { connection, revokedAtCrm } = await disconnectCrm(deps, actor, params.crm, revokers[params.crm]);
      return { status: 200, body: { ...connectionView(connection), revokedAtCrm } };
    },
  }),
];
