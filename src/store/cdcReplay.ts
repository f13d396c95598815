import type { Queryable } from './db';

/** The replay id a tenant's subscription to `channel` resumes after, if one was stored. */
export async function storedReplayId(q: Queryable, tenantId: string, channel: string): Promise<number | null> {
  const { rows } = await q.query<{ replay_id: string }>('SELECT replay_id FROM salesforce_cdc_replay WHERE tenant_id = $1 AND channel = $2', [tenantId, channel]);
  return rows[0] ? Number(rows[0].replay_id) : null;
}

export async function storeReplayId(q: Queryable, tenantId: string, channel: string, replayId: number): Promise<void> {
  await q.query(
    `INSERT INTO salesforce_cdc_replay (tenant_id, channel, replay_id) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, channel) DO UPDATE SET replay_id = EXCLUDED.replay_id, stored_at = now()`,
    [tenantId, channel, replayId],
  );
}

/** Forgets where a subscription was: the next one starts at the tip of the stream. */
export async function forgetReplayId(q: Queryable, tenantId: string, channel: string): Promise<void> {
  await q.query('DELETE FROM salesforce_cdc_replay WHERE tenant_id = $1 AND channel = $2', [tenantId, channel]);
}
