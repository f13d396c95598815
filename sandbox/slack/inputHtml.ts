import { actionAttrs, attr, optionTags, textHtml, type BlockContext } from './blockParts';
import { escapeHtml } from './html';

type Json = Record<string, unknown>;

const TEXT_TYPES: Record<string, string> = { email_text_input: 'email', url_text_input: 'url', number_input: 'number', datepicker: 'date', timepicker: 'time' };

/** Options of a users or conversations select, from the directory. */
const directoryOptions = (entries: Array<{ id: string; name: string }>, initial: unknown) =>
  entries.map((e) => `<option${attr('value', e.id)}${e.id === initial ? ' selected' : ''}>${escapeHtml(e.name)}</option>`).join('');

/**
 * The form control for an input block's element. Each carries its block_id, action_id and type,
 * which is all the page script needs to build what `view_submission` expects.
 */
function control(block: Json, el: Json, ctx: BlockContext): string {
  const data = actionAttrs(block, el);
  const placeholder = attr('placeholder', (el.placeholder as Json | undefined)?.text);
  const type = String(el.type);
  const multiple = type.startsWith('multi_') ? ' multiple' : '';
  switch (type) {
    case 'plain_text_input':
      return el.multiline
        ? `<textarea class="field" rows="4"${data}${placeholder}${attr('maxlength', el.max_length)}>${escapeHtml(el.initial_value ?? '')}</textarea>`
        : `<input class="field"${data}${placeholder}${attr('maxlength', el.max_length)}${attr('value', el.initial_value)}>`;
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
    case 'datepicker':
    case 'timepicker': {
      const initial = el.initial_value ?? el.initial_date ?? el.initial_time;
      return `<input class="field" type="${TEXT_TYPES[type]}"${data}${placeholder}${attr('value', initial)}>`;
    }
    case 'static_select':
    case 'multi_static_select': {
      const initial = new Set([el.initial_option, ...((el.initial_options as unknown[] | undefined) ?? [])].map((o) => (o as Json | undefined)?.value));
      const blank = multiple ? '' : `<option value="">${escapeHtml((el.placeholder as Json | undefined)?.text ?? 'Select an option')}</option>`;
      return `<select class="field"${data}${multiple}>${blank}${optionTags(el, (o) => initial.has(o.value), ctx.names)}</select>`;
    }
    case 'users_select':
    case 'multi_users_select':
      return `<select class="field"${data}${multiple}>${multiple ? '' : '<option value="">Select a person</option>'}${directoryOptions(ctx.people, el.initial_user)}</select>`;
    case 'conversations_select':
    case 'channels_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return `<select class="field"${data}${multiple}>${multiple ? '' : '<option value="">Select a channel</option>'}${directoryOptions(ctx.conversations, el.initial_conversation ?? el.initial_channel)}</select>`;
    case 'radio_buttons':
    case 'checkboxes': {
      const kind = type === 'radio_buttons' ? 'radio' : 'checkbox';
      const initial = new Set([el.initial_option, ...((el.initial_options as unknown[] | undefined) ?? [])].map((o) => (o as Json | undefined)?.value));
      const options = ((el.options as Json[] | undefined) ?? []).map(
        (o) => `<label class="choice"><input type="${kind}" name="${escapeHtml(`${String(block.block_id)}/${String(el.action_id)}`)}"${attr('value', o.value)}${initial.has(o.value) ? ' checked' : ''}> ${textHtml(o.text, ctx.names)}</label>`,
      );
      return `<div class="choices"${data}>${options.join('')}</div>`;
    }
    default:
      return `<span class="inert">${escapeHtml(type)} (not available in the web view)</span>`;
  }
}

/** An input block: label, control, hint, and a place for the error the app may answer with. */
export function inputControl(b: Json, ctx: BlockContext): string {
  const optional = b.optional === true ? ' <span class="optional">(optional)</span>' : '';
  const hint = b.hint ? `<div class="hint">${textHtml(b.hint, ctx.names)}</div>` : '';
  const required = b.optional === true ? '' : ' data-required="true"';
  return `<div class="block input"${attr('data-block-id', b.block_id)}${required}><label class="input-label">${textHtml(b.label, ctx.names)}${optional}</label>${control(b, b.element as Json, ctx)}${hint}<div class="error" role="alert"></div></div>`;
}
