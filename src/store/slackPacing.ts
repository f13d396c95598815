import type { Queryable } from './db';

/**
 * Reserves the next free slot for one message to a channel and returns how many ms to wait
 * for it. Slots live in the store, so every worker process paces the same channel together;
 * the database clock decides, so processes with skewed clocks still agree.
 */
export async function reserveChannelSlot(q: Queryable, tenantId: string, channelId: string, intervalMs: number): Promise<number> {
  const { rows } = await q.query<{ wait_ms: string | number }>(
    `INSERT INTO slack_channel_pace (tenant_id, channel_id, next_at)
     VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::float8 / 1000))
     ON CONFLICT (tenant_id, channel_id) DO UPDATE
       SET next_at = GREATEST(slack_channel_pace.next_at, clock_timestamp()) + make_interval(secs => $3::float8 / 1000)
     RETURNING GREATEST(0, EXTRACT(EPOCH FROM (next_at - clock_timestamp())) * 1000 - $3::float8) AS wait_ms`,
    [tenantId, channelId, intervalMs],
  );
  return Math.ceil(Number(rows[0]?.wait_ms ?? 0));
}
