import { actionAttrs, attr, optionTags, textHtml, type BlockContext } from './blockParts';
import { escapeHtml } from './html';
import { inputControl } from './inputHtml';
import { isSafeUrl } from './mrkdwn';

type Json = Record<string, unknown>;

/** A button; a url button is a link that also sends its action, as Slack's does. */
function button(block: Json, el: Json, ctx: BlockContext): string {
  const style = el.style === 'primary' || el.style === 'danger' ? ` ${el.style}` : '';
  const live = ctx.surface === 'message';
  const label = textHtml(el.text, ctx.names);
  const data = live ? `${actionAttrs(block, el)}${attr('data-value', el.value)}` : ' disabled';
  if (typeof el.url === 'string' && isSafeUrl(el.url)) {
    return `<a class="btn${style}" href="${escapeHtml(el.url)}" target="_blank" rel="noopener noreferrer"${live ? data : ''}>${label}</a>`;
  }
  return `<button type="button" class="btn${style}"${data}>${label}</button>`;
}

/** A static select or overflow menu in a message: picking an option sends it. */
function menu(block: Json, el: Json, ctx: BlockContext): string {
  const disabled = ctx.surface === 'message' ? '' : ' disabled';
  if (el.type === 'overflow') {
    return `<select class="overflow" title="More actions"${actionAttrs(block, el)}${disabled}><option value="" selected disabled>⋯</option>${optionTags(el, () => false, ctx.names)}</select>`;
  }
  const initial = (el.initial_option as Json | undefined)?.value;
  const placeholder = textHtml(el.placeholder, ctx.names) || 'Select an item';
  return `<select class="select"${actionAttrs(block, el)}${disabled}><option value="" disabled${initial === undefined ? ' selected' : ''}>${placeholder}</option>${optionTags(el, (o) => o.value === initial, ctx.names)}</select>`;
}

/** An image, drawn as its alt text and a link: the page loads nothing from outside. */
function picture(el: Json, big: boolean): string {
  const alt = escapeHtml(el.alt_text ?? 'image');
  const url = typeof el.image_url === 'string' && isSafeUrl(el.image_url) ? el.image_url : undefined;
  const inner = `🖼 ${alt}`;
  const shown = url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer" title="${escapeHtml(url)}">${inner}</a>` : inner;
  return `<span class="${big ? 'image-block' : 'image-el'}">${shown}</span>`;
}

/** One element of an actions block, a section's accessory, or a context. */
function element(block: Json, el: Json, ctx: BlockContext): string {
  switch (el.type) {
    case 'button':
      return button(block, el, ctx);
    case 'static_select':
    case 'overflow':
      return menu(block, el, ctx);
    case 'image':
      return picture(el, false);
    case 'mrkdwn':
    case 'plain_text':
      return `<span>${textHtml(el, ctx.names)}</span>`;
    default: {
      // Other pickers are shown for what they are; the emulator does not send their actions.
      const label = textHtml(el.placeholder, ctx.names) || escapeHtml(el.type);
      return `<span class="inert" title="${escapeHtml(`${String(el.type)} (not interactive in the web view)`)}">${label}</span>`;
    }
  }
}

function section(b: Json, ctx: BlockContext): string {
  const text = b.text ? `<div class="text">${textHtml(b.text, ctx.names)}</div>` : '';
  const fields = Array.isArray(b.fields) ? `<div class="fields">${(b.fields as Json[]).map((f) => `<div>${textHtml(f, ctx.names)}</div>`).join('')}</div>` : '';
  const accessory = b.accessory ? `<div class="accessory">${element(b, b.accessory as Json, ctx)}</div>` : '';
  return `<div class="block section"><div class="section-main">${text}${fields}</div>${accessory}</div>`;
}

/** One block as Slack draws it. */
export function blockHtml(b: Json, ctx: BlockContext): string {
  const elements = (b.elements as Json[] | undefined) ?? [];
  switch (b.type) {
    case 'section':
      return section(b, ctx);
    case 'header':
      return `<div class="block header">${textHtml(b.text, ctx.names)}</div>`;
    case 'context':
      return `<div class="block context">${elements.map((e) => element(b, e, ctx)).join('')}</div>`;
    case 'divider':
      return '<hr class="block divider">';
    case 'actions':
      return `<div class="block actions">${elements.map((e) => element(b, e, ctx)).join('')}</div>`;
    case 'image': {
      const title = b.title ? `<div class="caption">${textHtml(b.title, ctx.names)}</div>` : '';
      return `<div class="block">${title}${picture(b, true)}</div>`;
    }
    case 'input':
      return inputControl(b, ctx);
    case 'markdown':
      return `<div class="block">${escapeHtml(b.text).replace(/\n/g, '<br>')}</div>`;
    default:
      return `<div class="block inert">[${escapeHtml(b.type)} block]</div>`;
  }
}

export function blocksHtml(blocks: unknown[], ctx: BlockContext): string {
  return (blocks as Json[]).map((b) => blockHtml(b, ctx)).join('');
}
