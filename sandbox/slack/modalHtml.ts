import { blocksHtml } from './blockKitHtml';
import { textHtml, type BlockContext } from './blockParts';
import { escapeHtml } from './html';
import type { ModalView } from './model';

type Json = Record<string, unknown>;

/**
 * The modal on top for the person the page acts as, drawn over the channel: title, blocks with
 * their inputs, Cancel and Submit. `data-key` changes only when the app changes the view, so the
 * page keeps what the person is typing across refreshes.
 */
export function modalHtml(view: ModalView, ctx: BlockContext): string {
  const { spec } = view;
  const title = textHtml(spec.title, ctx.names) || 'Modal';
  const close = textHtml(spec.close, ctx.names) || 'Cancel';
  const submit = spec.submit ? `<button type="submit" class="btn primary" data-testid="modal-submit">${textHtml(spec.submit, ctx.names)}</button>` : '';
  const blocks = blocksHtml((spec.blocks as Json[] | undefined) ?? [], { ...ctx, surface: 'modal' });
  return `<div class="overlay"><form class="modal" role="dialog" aria-label="${escapeHtml((spec.title as Json | undefined)?.text ?? 'Modal')}" data-testid="modal" data-view-id="${escapeHtml(view.id)}" data-key="${escapeHtml(`${view.id}:${view.hash}`)}">
<div class="modal-head"><span class="modal-title">${title}</span><button type="button" class="x" data-close title="Close">×</button></div>
<div class="modal-body">${blocks}</div>
<div class="modal-foot"><button type="button" class="btn" data-close data-testid="modal-cancel">${close}</button>${submit}</div></form></div>`;
}

/** The modal showing for a person: the last one opened for them that is still open. */
export function topModal(views: ModalView[], teamId: string, userId: string): ModalView | undefined {
  return views.filter((v) => v.teamId === teamId && v.userId === userId && !v.closed).sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1);
}
