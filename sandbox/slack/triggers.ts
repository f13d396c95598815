import { randomBytes } from 'node:crypto';
import { SlackApiError } from './errors';

interface Trigger {
  appId: string;
  teamId: string;
  userId: string;
  expiresAt: number;
  used: boolean;
}

/**
 * trigger_ids come with each interaction and let the app open one modal
 * within 3 seconds (docs.slack.dev "Handling user interaction"). Not persisted:
 * none would survive a restart anyway.
 */
export class TriggerRegistry {
  private triggers = new Map<string, Trigger>();

  constructor(private readonly ttlMs: () => number) {}

  issue(appId: string, teamId: string, userId: string): string {
    // Forget triggers long past use; "expired" only needs answering for a while.
    for (const [id, t] of this.triggers) if (Date.now() > t.expiresAt + 60_000) this.triggers.delete(id);
    const id = `${Date.now()}${randomBytes(2).readUInt16BE()}.${teamId.slice(1)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { appId, teamId, userId, expiresAt: Date.now() + this.ttlMs(), used: false });
    return id;
  }

  /** Spends a trigger for the given app; returns the user it was issued for. */
  consume(id: string, appId: string): { userId: string; teamId: string } {
    const trigger = this.triggers.get(id);
    if (!trigger || trigger.appId !== appId) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (Date.now() > trigger.expiresAt) throw new SlackApiError('expired_trigger_id');
    trigger.used = true;
    return { userId: trigger.userId, teamId: trigger.teamId };
  }

  clear(): void {
    this.triggers.clear();
  }
}
