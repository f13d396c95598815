import { escapeHtml } from './html';
import { renderMrkdwn, renderPlainText, type Names } from './mrkdwn';

type Json = Record<string, unknown>;

/**
 * Where blocks are drawn. In a message, buttons, selects and overflow menus are live (the page
 * sends them as `block_actions`); in a modal, input blocks are form controls and the rest is shown.
 */
export interface BlockContext {
  names: Names;
  surface: 'message' | 'modal';
  /** Whom `users_select` inputs offer, and which conversations `conversations_select` inputs offer. */
  people: Array<{ id: string; name: string }>;
  conversations: Array<{ id: string; name: string }>;
}

/** A text object: mrkdwn rendered, plain_text escaped with its emoji drawn. */
export function textHtml(value: unknown, names: Names): string {
  const t = value as Json | undefined;
  if (!t || typeof t.text !== 'string') return '';
  if (t.type === 'mrkdwn') return renderMrkdwn(t.text, names);
  return t.emoji === false ? escapeHtml(t.text) : renderPlainText(t.text);
}

export const attr = (name: string, value: unknown) => (value === undefined || value === null ? '' : ` ${name}="${escapeHtml(value)}"`);

/** What the page script needs to send an element's action or read an input: its block, action_id and type. */
export const actionAttrs = (block: Json, el: Json) => `${attr('data-block-id', block.block_id)}${attr('data-action-id', el.action_id)}${attr('data-type', el.type)}`;

/** `<option>`s of a select, in their groups when it has option_groups. */
export function optionTags(el: Json, selected: (o: Json) => boolean, names: Names): string {
  const option = (o: Json) => `<option${attr('value', o.value)}${selected(o) ? ' selected' : ''}>${textHtml(o.text, names)}</option>`;
  if (Array.isArray(el.option_groups)) {
    return (el.option_groups as Json[]).map((g) => `<optgroup label="${escapeHtml((g.label as Json | undefined)?.text)}">${((g.options as Json[]) ?? []).map(option).join('')}</optgroup>`).join('');
  }
  return ((el.options as Json[] | undefined) ?? []).map(option).join('');
}
