import type { Args } from '../args';
import { SlackApiError } from '../errors';
import type { Installation } from '../model';
import type { Tier } from '../rateLimits';
import type { Services } from '../services';

export type MethodResult = Record<string, unknown>;

/** A call made with a bot token. */
export interface BotCall {
  args: Args;
  bot: Installation;
  services: Services;
}

/** A call authenticated by the app's client credentials (oauth.v2.access). */
export interface ClientCall {
  args: Args;
  /** Credentials from an `Authorization: Basic` header, if sent. */
  basic?: { clientId: string; clientSecret: string };
  services: Services;
}

export type MethodDefinition =
  | {
      name: string;
      tier: Tier;
      auth: 'bot';
      /** The bot needs at least one of these scopes. */
      scopes?: string[];
      /** Also limited per channel (the `channel` argument), as chat.postMessage is. */
      perChannel?: boolean;
      /** The tier for commercially distributed apps not approved for the Marketplace, when stricter. */
      tierOutsideMarketplace?: Tier;
      handle(call: BotCall): MethodResult | Promise<MethodResult>;
    }
  | {
      name: string;
      tier: Tier;
      auth: 'client';
      handle(call: ClientCall): MethodResult | Promise<MethodResult>;
    };

/** Slack's answer when a token lacks a scope: which one was needed and which it has. */
export function requireScope(bot: Installation, ...anyOf: string[]): void {
  if (anyOf.some((s) => bot.scopes.includes(s))) return;
  throw new SlackApiError('missing_scope', { needed: anyOf.join(','), provided: bot.scopes.join(',') });
}
