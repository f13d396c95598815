import { getCrmConnection, setCrmConnectionStatus, type Crm, type CrmConnection } from '../store/connections';
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
  await deps.db.transaction(async (tx) => {
    await setCrmConnectionStatus(tx, actor.tenantId, crm, 'disconnected', reason);
    await recordAudit(tx, actor.tenantId, {
      actor: actor.name,
      action: 'crm_connection.disconnected',
      entityType: 'crm_connection',
      entityId: connection.id,
      details: { crm, revokedAtCrm },
    });
    await appendOutboxEvent(tx, actor.tenantId, 'crm_connection.disconnected', connection.id, { connectionId: connection.id, crm, revokedAtCrm });
  });
  return { connection: { ...connection, status: 'disconnected', statusReason: reason }, revokedAtCrm };
}
