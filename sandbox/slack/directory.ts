import { z } from 'zod';
import type { Channel, Installation, RegisteredApp, User, Workspace } from './model';
import type { SlackState } from './state';
import { SlackApiError } from './errors';

/** What Trellis asks for at install; also the default for installs made by tests. */
export const DEFAULT_BOT_SCOPES = [
  'chat:write',
  'chat:write.public',
  'channels:read',
  'channels:join',
  'groups:read',
  'im:write',
  'users:read',
  'users:read.email',
];

export const WorkspaceInput = z.object({
  id: z.string().regex(/^T[A-Z0-9]+$/).optional(),
  name: z.string().min(1),
  domain: z.string().regex(/^[a-z0-9-]+$/).optional(),
});
export const UserInput = z.object({
  team: z.string(),
  id: z.string().regex(/^[UW][A-Z0-9]+$/).optional(),
  name: z.string().min(1),
  realName: z.string().optional(),
  email: z.string().email().optional(),
  isAdmin: z.boolean().default(false),
  tz: z.string().default('America/New_York'),
});
export const ChannelInput = z.object({
  team: z.string(),
  id: z.string().regex(/^[CG][A-Z0-9]+$/).optional(),
  name: z.string().regex(/^[a-z0-9_-]{1,80}$/, 'Slack channel names are lower case, at most 80 characters'),
  isPrivate: z.boolean().default(false),
  members: z.array(z.string()).default([]),
  topic: z.string().default(''),
  purpose: z.string().default(''),
});
export const AppInput = z.object({
  id: z.string().regex(/^A[A-Z0-9]+$/).optional(),
  name: z.string().min(1),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  signingSecret: z.string().optional(),
  interactivityUrl: z.string().url().optional(),
  eventsUrl: z.string().url().optional(),
  redirectUrls: z.array(z.string().url()).default([]),
  botScopes: z.array(z.string()).default(DEFAULT_BOT_SCOPES),
  // A new app listed outside the Marketplace, as Trellis is until approved.
  distribution: z.enum(['commercial', 'marketplace', 'internal']).default('commercial'),
});
export const AppUpdate = AppInput.pick({ name: true, interactivityUrl: true, eventsUrl: true, redirectUrls: true, botScopes: true, distribution: true }).partial();
export const InstallInput = z.object({
  app: z.string(),
  team: z.string(),
  scopes: z.array(z.string()).optional(),
  installer: z.string().optional(),
  webhookChannel: z.string().optional(),
});

export type WorkspaceInput = z.input<typeof WorkspaceInput>;
export type UserInput = z.input<typeof UserInput>;
export type ChannelInput = z.input<typeof ChannelInput>;
export type AppInput = z.input<typeof AppInput>;
export type AppUpdate = z.input<typeof AppUpdate>;
export type InstallInput = z.input<typeof InstallInput>;

/** Creating workspaces, people, channels, apps and installs: the world the API then serves. */
export class Directory {
  constructor(
    private readonly state: SlackState,
    private readonly publicUrl: () => string,
  ) {}

  createWorkspace(input: WorkspaceInput): Workspace {
    const parsed = WorkspaceInput.parse(input);
    const id = parsed.id ?? this.state.nextId('T');
    const domain = parsed.domain ?? parsed.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const workspace: Workspace = { id, name: parsed.name, domain };
    this.state.data.workspaces[id] = workspace;
    // Every workspace starts with #general, which everybody is in.
    this.addChannel({ team: id, name: 'general' }).isGeneral = true;
    this.state.changed();
    return workspace;
  }

  addUser(input: UserInput): User {
    const parsed = UserInput.parse(input);
    this.state.workspace(parsed.team);
    const user: User = {
      id: parsed.id ?? this.state.nextId('U'),
      teamId: parsed.team,
      name: parsed.name,
      realName: parsed.realName ?? parsed.name,
      email: parsed.email,
      isBot: false,
      isAdmin: parsed.isAdmin,
      deleted: false,
      tz: parsed.tz,
    };
    this.state.data.users[user.id] = user;
    for (const channel of Object.values(this.state.data.channels)) {
      if (channel.teamId === user.teamId && channel.isGeneral) channel.members.push(user.id);
    }
    this.state.changed();
    return user;
  }

  addChannel(input: ChannelInput): Channel {
    const parsed = ChannelInput.parse(input);
    this.state.workspace(parsed.team);
    const taken = Object.values(this.state.data.channels).some((c) => c.teamId === parsed.team && c.name === parsed.name);
    if (taken) throw new SlackApiError('name_taken');
    const humans = Object.values(this.state.data.users).filter((u) => u.teamId === parsed.team && !u.isBot);
    const channel: Channel = {
      id: parsed.id ?? this.state.nextId(parsed.isPrivate ? 'G' : 'C'),
      teamId: parsed.team,
      name: parsed.name,
      isPrivate: parsed.isPrivate,
      members: [...new Set(parsed.members)],
      created: Math.floor(Date.now() / 1000),
      creator: parsed.members[0] ?? humans[0]?.id ?? '',
      isArchived: false,
      isGeneral: false,
      topic: parsed.topic,
      purpose: parsed.purpose,
    };
    this.state.data.channels[channel.id] = channel;
    this.state.changed();
    return channel;
  }

  /** Adds people (or a bot user) to a channel, as an invite would. */
  join(channelId: string, userIds: string[]): Channel {
    const channel = this.state.data.channels[channelId];
    if (!channel) throw new SlackApiError('channel_not_found');
    for (const id of userIds) if (!channel.members.includes(id)) channel.members.push(id);
    this.state.changed();
    return channel;
  }

  /** The DM between the app's bot and a user; opened on first use, as Slack does. */
  openDm(teamId: string, userId: string, botUserId: string): Channel {
    const existing = Object.values(this.state.data.channels).find((c) => c.teamId === teamId && c.imUser === userId);
    if (existing) return existing;
    const channel: Channel = {
      id: this.state.nextId('D'),
      teamId,
      name: userId,
      isPrivate: true,
      imUser: userId,
      members: [userId, botUserId],
      created: Math.floor(Date.now() / 1000),
      creator: botUserId,
      isArchived: false,
      isGeneral: false,
      topic: '',
      purpose: '',
    };
    this.state.data.channels[channel.id] = channel;
    this.state.changed();
    return channel;
  }

  registerApp(input: AppInput): RegisteredApp {
    const parsed = AppInput.parse(input);
    const id = parsed.id ?? this.state.nextId('A');
    const app: RegisteredApp = {
      id,
      name: parsed.name,
      clientId: parsed.clientId ?? `${this.state.digits(10)}.${this.state.digits(13)}`,
      clientSecret: parsed.clientSecret ?? this.state.secret(),
      signingSecret: parsed.signingSecret ?? this.state.secret(),
      verificationToken: this.state.secret(12),
      interactivityUrl: parsed.interactivityUrl,
      eventsUrl: parsed.eventsUrl,
      redirectUrls: parsed.redirectUrls,
      botScopes: parsed.botScopes,
      distribution: parsed.distribution,
    };
    this.state.data.apps[id] = app;
    this.state.changed();
    return app;
  }

  updateApp(appId: string, update: AppUpdate): RegisteredApp {
    const app = this.state.app(appId);
    const parsed = AppUpdate.parse(update);
    // Only what the update names: parsing fills in defaults for the rest, which must not reset the app.
    for (const key of Object.keys(update) as (keyof typeof parsed)[]) Object.assign(app, { [key]: parsed[key] });
    this.state.changed();
    return app;
  }

  /**
   * Installs an app into a workspace: creates (or reuses) its bot user and issues a bot token.
   * Reinstalling keeps the bot and merges scopes; reinstalling after a revoke issues a new token.
   */
  install(input: InstallInput): Installation {
    const parsed = InstallInput.parse(input);
    const app = this.state.app(parsed.app);
    const team = this.state.workspace(parsed.team);
    const scopes = parsed.scopes ?? app.botScopes;
    const installer = parsed.installer ?? Object.values(this.state.data.users).find((u) => u.teamId === team.id && !u.isBot)?.id ?? '';
    const previous = this.state.installation(app.id, team.id);
    const botUserId = previous?.botUserId ?? this.createBotUser(app, team.id).id;
    const installation: Installation = {
      appId: app.id,
      teamId: team.id,
      botId: previous?.botId ?? this.state.nextId('B'),
      botUserId,
      botToken: previous && !previous.revoked ? previous.botToken : this.newBotToken(),
      scopes: [...new Set([...(previous && !previous.revoked ? previous.scopes : []), ...scopes])],
      installerUserId: installer,
      revoked: false,
      installedAt: Date.now(),
      incomingWebhook: previous?.incomingWebhook,
    };
    if (parsed.webhookChannel && scopes.includes('incoming-webhook')) {
      const channel = this.state.channel(team.id, parsed.webhookChannel);
      if (!channel) throw new SlackApiError('channel_not_found');
      const hookId = this.state.nextId('B');
      installation.incomingWebhook = {
        channelId: channel.id,
        url: `${this.publicUrl()}/services/${team.id}/${hookId}/${this.state.secret(12)}`,
        configurationUrl: `https://${team.domain}.slack.com/services/${hookId}`,
      };
    }
    this.state.data.installations[`${app.id}:${team.id}`] = installation;
    this.state.changed();
    return installation;
  }

  /** Uninstalling revokes the bot token: later calls with it answer `token_revoked`. */
  uninstall(appId: string, teamId: string): Installation {
    const installation = this.state.installation(appId, teamId);
    if (!installation) throw new SlackApiError('not_installed');
    installation.revoked = true;
    this.state.changed();
    return installation;
  }

  private createBotUser(app: RegisteredApp, teamId: string): User {
    const user: User = {
      id: this.state.nextId('U'),
      teamId,
      name: app.name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      realName: app.name,
      isBot: true,
      isAdmin: false,
      deleted: false,
      tz: 'America/Los_Angeles',
    };
    this.state.data.users[user.id] = user;
    return user;
  }

  private newBotToken(): string {
    return `xoxb-${this.state.digits(11)}-${this.state.digits(13)}-${this.state.secret(12)}`;
  }
}
