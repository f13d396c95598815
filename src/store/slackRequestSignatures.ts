import type { Queryable } from './db';

/**
 * Records a verified Slack request signature; false when it was seen before, which makes the
 * request a replay. Entries older than the 5-minute signature window can go: a replay of them
 * is refused as stale anyway.
 */
export async function firstSightOfSignature(q: Queryable, signature: string): Promise<boolean> {
  await q.query("DELETE FROM slack_request_signatures WHERE received_at < now() - interval '10 minutes'");
  const { rowCount } = await q.query('INSERT INTO slack_request_signatures (signature) VALUES ($1) ON CONFLICT DO NOTHING', [signature]);
  return rowCount > 0;
}
