/**
 * What the Slack emulator keeps. Everything here is plain JSON so the whole
 * state can be saved to disk and loaded back (see persistence.ts).
 */

export interface Workspace {
  id: string; // T…
  name: string;
  domain: string;
}

export interface User {
  id: string; // U…
  teamId: string;
  name: string; // the handle, e.g. "ada"
  realName: string;
  email?: string;
  isBot: boolean;
  isAdmin: boolean;
  deleted: boolean;
  tz: string;
}

export interface Channel {
  id: string; // C… for channels, D… for direct messages
  teamId: string;
  name: string;
  isPrivate: boolean;
  /** For a DM, the human on the other side. */
  imUser?: string;
  members: string[];
  created: number; // seconds
  creator: string;
  isArchived: boolean;
  isGeneral: boolean;
  topic: string;
  purpose: string;
}

/**
 * How an app reaches workspaces. Since 2025-05-29 Slack limits `conversations.history` and
 * `.replies` for commercially distributed apps not approved for the Marketplace; Marketplace
 * apps and internal (customer-built) apps keep the tier limits. [sl-rl]
 */
export type AppDistribution = 'commercial' | 'marketplace' | 'internal';

export interface RegisteredApp {
  id: string; // A…
  name: string;
  /** Absent in state saved before distributions were modelled: such apps count as commercial. */
  distribution?: AppDistribution;
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  /** The legacy verification token Slack still puts in every payload's `token` field. */
  verificationToken: string;
  interactivityUrl?: string;
  eventsUrl?: string;
  redirectUrls: string[];
  /** Bot scopes granted when the app is installed without an explicit scope list. */
  botScopes: string[];
}

export interface Installation {
  appId: string;
  teamId: string;
  botId: string; // B…
  botUserId: string; // U… of the bot user
  botToken: string; // xoxb-…
  scopes: string[];
  installerUserId: string;
  revoked: boolean;
  installedAt: number; // ms
  incomingWebhook?: { channelId: string; url: string; configurationUrl: string };
}

export type RevisionKind = 'posted' | 'updated' | 'deleted';
export type RevisionSource = 'api' | 'response_url' | 'incoming_webhook';

/** One step in a message's life: what it looked like after the change. */
export interface MessageRevision {
  kind: RevisionKind;
  source: RevisionSource;
  at: number; // ms
  text: string;
  blocks?: unknown[];
}

export interface RecordedMessage {
  channel: string;
  ts: string;
  teamId: string;
  /** Author: the bot user for app messages. */
  user: string;
  appId?: string;
  botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  threadTs?: string;
  /** Set for ephemeral messages: the only user who sees it. */
  ephemeralTo?: string;
  deleted: boolean;
  revisions: MessageRevision[];
}

export interface ViewRevision {
  kind: 'opened' | 'updated' | 'submitted' | 'closed';
  at: number;
  view: Record<string, unknown>;
}

/** A modal opened with views.open, kept with the spec the app sent and its revisions. */
export interface ModalView {
  id: string; // V…
  teamId: string;
  appId: string;
  botId: string;
  userId: string;
  spec: Record<string, unknown>;
  hash: string;
  /** What the user entered, as `view.state.values`. */
  values: Record<string, Record<string, unknown>>;
  rootViewId: string;
  previousViewId: string | null;
  closed: boolean;
  revisions: ViewRevision[];
}

export interface OAuthCode {
  code: string;
  appId: string;
  teamId: string;
  installerUserId: string;
  scopes: string[];
  userScopes: string[];
  redirectUri?: string;
  webhookChannelId?: string;
  expiresAt: number; // ms
  used: boolean;
}

/** A response_url handed out with an interaction. */
export interface ResponseUrl {
  id: string;
  appId: string;
  teamId: string;
  channel: string;
  userId: string;
  messageTs?: string;
  uses: number;
  expiresAt: number; // ms
}

export interface SlackData {
  counters: Record<string, number>;
  workspaces: Record<string, Workspace>;
  users: Record<string, User>;
  channels: Record<string, Channel>;
  apps: Record<string, RegisteredApp>;
  /** Keyed by `${appId}:${teamId}`. */
  installations: Record<string, Installation>;
  /** Per channel, in posting order. */
  messages: Record<string, RecordedMessage[]>;
  views: Record<string, ModalView>;
  oauthCodes: Record<string, OAuthCode>;
  responseUrls: Record<string, ResponseUrl>;
}

export function emptyData(): SlackData {
  return {
    counters: {},
    workspaces: {},
    users: {},
    channels: {},
    apps: {},
    installations: {},
    messages: {},
    views: {},
    oauthCodes: {},
    responseUrls: {},
  };
}
