import { withBlockIds } from './blockKit';
import { SlackApiError } from './errors';
import type { Installation, ModalView } from './model';
import type { SlackState } from './state';

type Json = Record<string, unknown>;

/** Modals opened by apps: their current spec, entered values and revision history. */
export class ModalStore {
  constructor(private readonly state: SlackState) {}

  get(viewId: string): ModalView | undefined {
    return this.state.data.views[viewId];
  }

  byExternalId(teamId: string, externalId: string): ModalView | undefined {
    return Object.values(this.state.data.views).find((v) => v.teamId === teamId && v.spec.external_id === externalId);
  }

  open(bot: Installation, userId: string, spec: Json): ModalView {
    if (typeof spec.external_id === 'string' && this.byExternalId(bot.teamId, spec.external_id)) {
      throw new SlackApiError('duplicate_external_id');
    }
    const id = this.state.nextId('V');
    const view: ModalView = {
      id,
      teamId: bot.teamId,
      appId: bot.appId,
      botId: bot.botId,
      userId,
      spec: withIds(spec),
      hash: this.newHash(),
      values: {},
      rootViewId: id,
      previousViewId: null,
      closed: false,
      revisions: [],
    };
    view.revisions.push({ kind: 'opened', at: Date.now(), view: this.toApi(view) });
    this.state.data.views[id] = view;
    this.state.changed();
    return view;
  }

  update(view: ModalView, spec: Json): ModalView {
    view.spec = withIds(spec);
    view.hash = this.newHash();
    view.revisions.push({ kind: 'updated', at: Date.now(), view: this.toApi(view) });
    this.state.changed();
    return view;
  }

  /** Records a submission (or a close) with the values the user entered. */
  finish(view: ModalView, kind: 'submitted' | 'closed', values: ModalView['values']): void {
    view.values = values;
    view.revisions.push({ kind, at: Date.now(), view: this.toApi(view) });
    this.state.changed();
  }

  close(view: ModalView): void {
    view.closed = true;
    this.state.changed();
  }

  /** The view object as views.* responses and view_submission payloads carry it. */
  toApi(view: ModalView): Json {
    const { spec } = view;
    return {
      id: view.id,
      team_id: view.teamId,
      type: spec.type,
      blocks: spec.blocks ?? [],
      private_metadata: spec.private_metadata ?? '',
      callback_id: spec.callback_id ?? '',
      state: { values: view.values },
      hash: view.hash,
      title: spec.title,
      clear_on_close: spec.clear_on_close ?? false,
      notify_on_close: spec.notify_on_close ?? false,
      close: spec.close ?? null,
      submit: spec.submit ?? null,
      previous_view_id: view.previousViewId,
      root_view_id: view.rootViewId,
      app_id: view.appId,
      external_id: spec.external_id ?? '',
      app_installed_team_id: view.teamId,
      bot_id: view.botId,
    };
  }

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${this.state.secret(4)}`;
  }
}

function withIds(spec: Json): Json {
  return Array.isArray(spec.blocks) ? { ...spec, blocks: withBlockIds(spec.blocks) } : spec;
}
