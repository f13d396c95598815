import { randomBytes } from 'node:crypto';
import { emptyData, type Channel, type Installation, type RegisteredApp, type SlackData, type User, type Workspace } from './model';
import { SlackApiError } from './errors';

/**
 * The emulator's memory: one JSON-able `SlackData` plus lookups. Every mutation
 * calls `changed()` so persistence (if configured) can save a snapshot.
 */
export class SlackState {
  data: SlackData = emptyData();
  private listeners: Array<() => void> = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  replace(data: SlackData): void {
    this.data = data;
    this.changed();
  }

  /** Slack-looking ids: a type prefix and upper-case base-36 digits, e.g. `C0000001A`. */
  nextId(prefix: string): string {
    const n = (this.data.counters[prefix] ?? 0) + 1;
    this.data.counters[prefix] = n;
    return prefix + n.toString(36).toUpperCase().padStart(8, '0');
  }

  /** Message timestamps are unique and increasing: seconds with a microsecond fraction. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, (this.data.counters.ts ?? 0) + 1);
    this.data.counters.ts = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  secret(bytes = 16): string {
    return randomBytes(bytes).toString('hex');
  }

  /** Random decimal digits, as in client ids and the numeric parts of tokens. */
  digits(count: number): string {
    return Array.from(randomBytes(count), (b) => String(b % 10)).join('').replace(/^0/, '1');
  }

  workspace(teamId: string): Workspace {
    const team = this.data.workspaces[teamId];
    if (!team) throw new SlackApiError('team_not_found');
    return team;
  }

  app(appId: string): RegisteredApp {
    const app = this.data.apps[appId];
    if (!app) throw new SlackApiError('app_not_found');
    return app;
  }

  appByClientId(clientId: string): RegisteredApp | undefined {
    return Object.values(this.data.apps).find((a) => a.clientId === clientId);
  }

  installation(appId: string, teamId: string): Installation | undefined {
    return this.data.installations[`${appId}:${teamId}`];
  }

  installationByToken(token: string): Installation | undefined {
    return Object.values(this.data.installations).find((i) => i.botToken === token);
  }

  /** A user of this workspace, or undefined (Slack never reveals users of other workspaces). */
  user(teamId: string, userId: string): User | undefined {
    const user = this.data.users[userId];
    return user && user.teamId === teamId ? user : undefined;
  }

  channel(teamId: string, channelId: string): Channel | undefined {
    const channel = this.data.channels[channelId];
    return channel && channel.teamId === teamId ? channel : undefined;
  }
}
