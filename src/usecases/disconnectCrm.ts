import type { Crm } from '../domain/crm';
import { getCrmConnection, setCrmConnectionStatus, type CrmConnection } from '../store/connections';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import type { Actor, Deps } from './context';
import { notFound } from './errors';

/** Revokes the tokens at the CRM; throws when the CRM could not be reached or refused. */
export type RevokeAtCrm = (connection: CrmConnection) => Promise<void>;

export interface Disconnected {
  connection: CrmConnection;
  /** False when the CRM could not be told; the tokens are no longer used by Trellis either way. */
  revokedAtCrm: boolean;
}

/**
 * Uninstall: revoke at the CRM (outside the transaction: it is a network call), then mark
 * the connection disconnected and emit `crm_connection.disconnected` so the sync stops.
 */
export async function disconnectCrm(deps: Deps, actor: Actor, crm: Crm, revoke: RevokeAtCrm): Promise<Disconnected> {
  const connection = await getCrmConnection(deps.db, deps.keyring, actor.tenantId, crm);
  if (!connection || connection.status === 'disconnected') throw notFound('connection');
  let revokedAtCrm = true;
  let reason = 'disconnected by an admin';
  try {
    await revoke(connection);
  } catch {
    revokedAtCrm = false;
    reason = 'disconnected by an admin; the CRM could not be reached to revoke the tokens';
  }
  await deps.db.transaction((tx) => markDisconnected(tx, actor.tenantId, connection, { actor: actor.name, reason, revokedAtCrm }));
  return { connection: { ...connection, status: 'disconnected', statusReason: reason }, revokedAtCrm };
}

/**
 * The CRM refused Trellis's refresh token (uninstalled from the CRM's side, or access revoked):
 * the connection is disconnected with the CRM's reason, so sync stops and the admin sees why.
 */
export async function disconnectRevokedCrm(deps: Pick<Deps, 'db' | 'keyring'>, tenantId: string, crm: Crm, refusedRefreshToken: string, reason: string): Promise<void> {
  const connection = await getCrmConnection(deps.db, deps.keyring, tenantId, crm);
  // A token refused after the admin reconnected is an old one: the new connection stands.
  if (!connection || connection.status === 'disconnected' || connection.refreshToken !== refusedRefreshToken) return;
  await deps.db.transaction((tx) => markDisconnected(tx, tenantId, connection, { actor: `sync:${crm}`, reason, revokedAtCrm: true }));
}

async function markDisconnected(tx: Queryable, tenantId: string, connection: CrmConnection, how: { actor: string; reason: string; revokedAtCrm: boolean }): Promise<void> {
  const { crm } = connection;
  await setCrmConnectionStatus(tx, tenantId, crm, 'disconnected', how.reason);
  await recordAudit(tx, tenantId, {
    actor: how.actor,
    action: 'crm_connection.disconnected',
    entityType: 'crm_connection',
    entityId: connection.id,
    details: { crm, revokedAtCrm: how.revokedAtCrm, origin: 'trellis' },
  });
  await appendOutboxEvent(tx, tenantId, 'crm_connection.disconnected', connection.id, { connectionId: connection.id, crm, revokedAtCrm: how.revokedAtCrm, origin: 'trellis' });
}
