import { detailsRequestState, type DetailsRequest } from '../../domain/detailsRequest';
import type { DealRegistration } from '../../domain/registration';
import type { Alert } from '../../store/alerts';
import { clip, fitMrkdwn, SLACK_LIMITS } from './limits';

export type Block = Record<string, unknown>;

export interface RenderedMessage {
  /** The notification text and the fallback where blocks are not shown. */
  text: string;
  blocks: Block[];
}

/** Where a message's links point: the Trellis resource, and the CRM record when one is known. */
export interface LinkContext {
  trellisUrl(path: string): string;
  crmUrl: string | null;
}

/** Slack's mrkdwn needs only these three escaped. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Every block is built within Slack's limits (see ./limits): a long name, reason or list is shortened, never refused.

export const mrkdwn = (text: string, blockId?: string): Block => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: { type: 'mrkdwn', text: fitMrkdwn(text, SLACK_LIMITS.sectionText) },
});

export const fields = (pairs: [string, string][]): Block => ({
  type: 'section',
  fields: pairs.slice(0, SLACK_LIMITS.sectionFields).map(([label, value]) => ({ type: 'mrkdwn', text: fitMrkdwn(`*${label}*\n${value}`, SLACK_LIMITS.fieldText) })),
});

export const context = (...lines: string[]): Block => ({
  type: 'context',
  elements: lines.slice(0, SLACK_LIMITS.contextElements).map((text) => ({ type: 'mrkdwn', text: fitMrkdwn(text, SLACK_LIMITS.contextText) })),
});

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Block {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: clip(text, SLACK_LIMITS.buttonText) }, value, ...(style ? { style } : {}) };
}

export const actions = (blockId: string, elements: Block[]): Block => ({ type: 'actions', block_id: blockId, elements });

/** The Trellis page (when the subject has one) and the CRM record (when one is known); never an API path, which a browser cannot open. */
export function links(path: string | null, label: string, ctx: LinkContext): Block[] {
  const parts = [...(path ? [`<${ctx.trellisUrl(path)}|${label} in Trellis>`] : []), ...(ctx.crmUrl ? [`<${ctx.crmUrl}|CRM record>`] : [])];
  return parts.length > 0 ? [context(parts.join('  ·  '))] : [];
}

export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);

export const day = (d: Date) => d.toISOString().slice(0, 10);

/** An instant Slack shows in each reader's time zone ("today at 09:00"), with UTC text where it cannot. */
export const slackTime = (d: Date) => `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} at {time}|${d.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

/** "Raised 3 times" under an alert that came back inside the dedupe window. */
export const repeats = (alert: Alert): Block[] => (alert.raiseCount > 1 ? [context(`Raised ${alert.raiseCount} times since ${alert.firstRaisedAt.toISOString()}`)] : []);

/** How a decided registration reads: who decided, when, and why. */
/** Who decided, as Slack shows people: a decision taken in Slack ("slack:U123 (jo@x.com)") mentions its Slack user; others read as written. */
export function person(by: string): string {
  const slackUser = /^slack:([UW][A-Z0-9]+)\b/.exec(by)?.[1];
  return slackUser ? `<@${slackUser}>` : esc(by);
}

export function decisionLine(reg: DealRegistration): string {
  const by = reg.decision ? ` by ${person(reg.decision.by)} on ${day(reg.decision.at)}` : '';
  switch (reg.status) {
    case 'approved':
      return `:white_check_mark: *Approved*${by}${reg.override ? ` (override: ${esc(reg.override.reason)})` : ''}`;
    case 'rejected':
      return `:x: *Rejected*${by}${reg.decision?.reason ? `: ${esc(reg.decision.reason)}` : ''}`;
    case 'pending':
      return ':hourglass_flowing_sand: Pending';
    default:
      return `*${reg.status[0]!.toUpperCase()}${reg.status.slice(1)}*${by}`;
  }
}

/** "Details requested by Ingrid Larsen · answered by …", with the question, under a registration that was asked about. */
export function detailsLines(d: DetailsRequest | undefined, side?: string): Block[] {
  if (!d) return [];
  const about = side ? ` from ${esc(side)}` : '';
  return [context(`:speech_balloon: Details requested${about} by ${esc(d.requestedByName)} · ${esc(detailsRequestState(d))}`, `> ${esc(clip(d.question, 280))}`)];
}
