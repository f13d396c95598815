import { z } from 'zod';
import { validateView } from './blockKit';
import { EmulatorError } from './errors';
import { deliverInteraction, type AppAnswer } from './interactionDelivery';
import type { Installation, ModalView, RecordedMessage, User } from './model';
import { issueResponseUrl } from './responseUrls';
import type { Services } from './services';
import { buildViewState, type EnteredValues } from './viewState';

type Json = Record<string, unknown>;

export const ClickInput = z.object({
  team: z.string(),
  user: z.string(),
  channel: z.string(),
  ts: z.string(),
  actionId: z.string(),
  /** Tells apart buttons sharing an action_id; for selects and overflows, the option picked. */
  value: z.string().optional(),
  blockId: z.string().optional(),
});
export type ClickInput = z.input<typeof ClickInput>;

export const SubmitViewInput = z.object({
  viewId: z.string(),
  user: z.string().optional(),
  values: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]))).default({}),
});
export type SubmitViewInput = z.input<typeof SubmitViewInput>;

export const CloseViewInput = z.object({ viewId: z.string(), user: z.string().optional() });
export type CloseViewInput = z.input<typeof CloseViewInput>;

export interface ClickResult extends AppAnswer {
  triggerId: string;
  responseUrl: string;
  payload: Json;
}

export interface SubmitResult extends AppAnswer {
  payload: Json;
  /** The app's `response_action`, if it sent one. */
  responseAction?: string;
  /** Per-block errors the app asked Slack to show (`response_action: "errors"`). */
  errors?: Record<string, string>;
  /** The view now on top: updated or pushed by the app; undefined when the modal closed. */
  view?: Json;
}

/** Block elements that can be clicked or picked in a message, and how their action reads. */
function findElement(message: RecordedMessage, input: z.infer<typeof ClickInput>): { block: Json; element: Json } {
  const candidates: Array<{ block: Json; element: Json }> = [];
  for (const raw of message.blocks ?? []) {
    const block = raw as Json;
    if (input.blockId && block.block_id !== input.blockId) continue;
    const elements = [...((block.elements as Json[] | undefined) ?? []), block.accessory as Json | undefined, block.element as Json | undefined];
    for (const element of elements) if (element?.action_id === input.actionId) candidates.push({ block, element });
  }
  const exact = candidates.find((c) => c.element.type !== 'button' || input.value === undefined || c.element.value === input.value);
  if (!exact) throw new EmulatorError(`message ${message.ts} has no element with action_id ${input.actionId}`, 404);
  return exact;
}

function actionOf(block: Json, element: Json, value: string | undefined): Json {
  const base = { type: element.type, block_id: block.block_id, action_id: element.action_id, action_ts: `${(Date.now() / 1000).toFixed(6)}` };
  if (element.type === 'button') {
    return { ...base, text: element.text, ...(element.value !== undefined ? { value: element.value } : {}), ...(element.style ? { style: element.style } : {}) };
  }
  if (['static_select', 'overflow', 'radio_buttons', 'external_select'].includes(element.type as string)) {
    const options = [...((element.options as Json[] | undefined) ?? []), ...((element.option_groups as Json[] | undefined) ?? []).flatMap((g) => g.options as Json[])];
    const picked = options.find((o) => o.value === value);
    if (!picked) throw new EmulatorError(`pick one of the options of ${String(element.action_id)} with value`);
    return { ...base, selected_option: { text: picked.text, value: picked.value } };
  }
  throw new EmulatorError(`clicking a ${String(element.type)} is not emulated`);
}

function userField(user: User): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: user.teamId };
}

/** The workspace, user and live installation an interaction comes from. */
function context(services: Services, appId: string, teamId: string, userId: string): { bot: Installation; user: User; team: Json } {
  const { state } = services;
  const workspace = state.workspace(teamId);
  const user = state.user(teamId, userId);
  if (!user) throw new EmulatorError(`no user ${userId} in ${teamId}`, 404);
  const bot = state.installation(appId, teamId);
  if (!bot || bot.revoked) throw new EmulatorError(`app ${appId} is not installed in ${teamId}`);
  return { bot, user, team: { id: workspace.id, domain: workspace.domain } };
}

/**
 * A user clicks a button (or picks an option) in a message an app posted: builds the
 * `block_actions` payload from the recorded message and delivers it, signed, to the app.
 */
export async function click(services: Services, raw: ClickInput, timeoutMs: number): Promise<ClickResult> {
  const input = ClickInput.parse(raw);
  const { state, messages, triggers } = services;
  const channel = state.channel(input.team, input.channel);
  if (!channel) throw new EmulatorError(`no channel ${input.channel} in ${input.team}`, 404);
  const message = messages.find(channel.id, input.ts);
  if (!message) throw new EmulatorError(`no message ${input.ts} in ${channel.id}`, 404);
  if (!message.appId) throw new EmulatorError(`message ${input.ts} was not posted by an app`);
  const { bot, user, team } = context(services, message.appId, input.team, input.user);
  const canSee = message.ephemeralTo ? message.ephemeralTo === user.id : !channel.isPrivate || channel.members.includes(user.id);
  if (!canSee) throw new EmulatorError(`${user.id} cannot see message ${input.ts}`, 403);
  const { block, element } = findElement(message, input);
  const action = actionOf(block, element, input.value);
  const triggerId = triggers.issue(bot.appId, bot.teamId, user.id);
  const responseUrl = issueResponseUrl(services, { appId: bot.appId, teamId: bot.teamId, channel: channel.id, userId: user.id, messageTs: message.ts });
  const payload: Json = {
    type: 'block_actions',
    user: userField(user),
    api_app_id: bot.appId,
    token: state.app(bot.appId).verificationToken,
    container: { type: 'message', message_ts: message.ts, channel_id: channel.id, is_ephemeral: Boolean(message.ephemeralTo) },
    trigger_id: triggerId,
    team,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.imUser ? 'directmessage' : channel.name },
    ...(message.ephemeralTo ? {} : { message: messages.toApi(message) }),
    state: { values: {} },
    response_url: responseUrl,
    actions: [action],
  };
  const answer = await deliverInteraction(state.app(bot.appId), payload, timeoutMs);
  return { ...answer, triggerId, responseUrl, payload };
}

/** The open view a user acts on; only the person it was opened for can. */
function openView(services: Services, viewId: string, userId: string | undefined): ModalView {
  const view = services.modals.get(viewId);
  if (!view || view.closed) throw new EmulatorError(`no open view ${viewId}`, 404);
  if (userId && userId !== view.userId) throw new EmulatorError(`view ${view.id} is open for ${view.userId}, not ${userId}`, 403);
  return view;
}

/** A user presses Submit on a modal: delivers `view_submission` and applies the app's response_action. */
export async function submitView(services: Services, raw: SubmitViewInput, timeoutMs: number): Promise<SubmitResult> {
  const input = SubmitViewInput.parse(raw);
  const { state, modals, triggers } = services;
  const view = openView(services, input.viewId, input.user);
  const values = buildViewState((view.spec.blocks as unknown[] | undefined) ?? [], input.values as EnteredValues);
  modals.finish(view, 'submitted', values);
  const { bot, user, payload: common } = viewPayload(services, 'view_submission', view);
  const payload: Json = { ...common, trigger_id: triggers.issue(bot.appId, bot.teamId, user.id), response_urls: [] };
  const answer = await deliverInteraction(state.app(bot.appId), payload, timeoutMs);
  return { ...answer, payload, ...applyResponseAction(services, view, bot, answer) };
}

/**
 * A user presses Cancel on a modal: Slack closes it (back to the view under it, if one was pushed)
 * and sends `view_closed` only to an app that asked with `notify_on_close`.
 */
export async function closeView(services: Services, raw: CloseViewInput, timeoutMs: number): Promise<Partial<AppAnswer> & { payload?: Json }> {
  const input = CloseViewInput.parse(raw);
  const { state, modals } = services;
  const view = openView(services, input.viewId, input.user);
  modals.finish(view, 'closed', view.values);
  modals.close(view);
  if (view.spec.notify_on_close !== true) return {};
  const { bot, payload: common } = viewPayload(services, 'view_closed', view);
  const payload: Json = { ...common, is_cleared: false };
  return { ...(await deliverInteraction(state.app(bot.appId), payload, timeoutMs)), payload };
}

/** What every payload about a modal carries: who, which app and workspace, and the view as it stands. */
function viewPayload(services: Services, type: 'view_submission' | 'view_closed', view: ModalView): { bot: Installation; user: User; payload: Json } {
  const { bot, user, team } = context(services, view.appId, view.teamId, view.userId);
  const payload: Json = {
    type,
    team,
    user: userField(user),
    api_app_id: bot.appId,
    token: services.state.app(bot.appId).verificationToken,
    view: services.modals.toApi(view),
    is_enterprise_install: false,
    enterprise: null,
  };
  return { bot, user, payload };
}

/** What the app's ack asks of the modal: close (empty ack), show errors, update, push or clear. */
function applyResponseAction(services: Services, view: ModalView, bot: Installation, answer: AppAnswer): Partial<SubmitResult> {
  const { modals } = services;
  const body = (answer.json ?? {}) as Json;
  const action = typeof body.response_action === 'string' ? body.response_action : undefined;
  if (answer.status !== 200 || answer.error) return { responseAction: action, view: modals.toApi(view) };
  if (action === 'errors') return { responseAction: action, errors: body.errors as Record<string, string>, view: modals.toApi(view) };
  if (action === 'update' || action === 'push') {
    const problems = validateView(body.view);
    if (problems.length > 0) throw new EmulatorError(`the app answered ${action} with an invalid view: ${problems.join('; ')}`);
    if (action === 'update') return { responseAction: action, view: modals.toApi(modals.update(view, body.view as Json)) };
    const pushed = modals.open(bot, view.userId, body.view as Json);
    pushed.previousViewId = view.id;
    pushed.rootViewId = view.rootViewId;
    return { responseAction: action, view: modals.toApi(pushed) };
  }
  // An empty ack (or "clear") closes the modal; "clear" closes the whole stack.
  const stack = Object.values(services.state.data.views).filter((v) => v.rootViewId === view.rootViewId);
  for (const v of action === 'clear' ? stack : [view]) modals.close(v);
  return { responseAction: action };
}
