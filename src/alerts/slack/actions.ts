import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { DetailsQuestion } from '../../domain/detailsRequest';
import { adoptAlertMessage, getAlert } from '../../store/alerts';
import { getConflict } from '../../store/conflicts';
import { getRegistration } from '../../store/registrations';
import { assignPartnerManager, chooseSyncConflictWinner, snoozeAlert } from '../../usecases/alertDecisions';
import type { Deps } from '../../usecases/context';
import { approveDealRegistration, rejectDealRegistration } from '../../usecases/decideDealRegistration';
import { requirePermissionFor } from '../../usecases/authorize';
import { AppError } from '../../usecases/errors';
import { askForRegistrationDetails, conflictQuestionSubject, mayAskAboutRegistrations } from '../../usecases/registrationDetails';
import { settleConflict } from '../../usecases/settleConflict';
import { CONFLICT_CHOICES } from '../../domain/conflicts';
import { ACTIONS, CONFLICT_CHOICE_ACTIONS, VIEWS } from '../actionIds';
import { slackActor, type SlackActor } from './actor';
import type { SlackAppOptions } from './app';
import { detailsQuestionModal, readDetailsQuestion, type DetailsModalContext } from './detailsModal';
import { rejectReasonModal, readRejectReason, type RejectModalContext } from './rejectModal';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type Decide = (actor: SlackActor, value: string) => Promise<void>;

const SNOOZE_DAYS = 7;
const ALERT_MARKER = /^trellis-alert-([0-9a-f-]{36})$/;

/** The alert a message belongs to, from the marker block it starts with. */
function alertIdOf(body: BlockButtonAction): string | null {
  const first = (body.message?.blocks as { block_id?: string }[] | undefined)?.[0];
  return ALERT_MARKER.exec(first?.block_id ?? '')?.[1] ?? null;
}

/**
 * A click names its message: one whose post was never recorded (Trellis stopped, or the connection
 * broke, before Slack's answer was stored) becomes the alert's message here, and is redrawn from then on.
 */
async function adoptClickedMessage(deps: Deps, tenantId: string, alertId: string, body: BlockButtonAction): Promise<void> {
  const ts = body.message?.ts;
  const channelId = body.channel?.id;
  if (ts && channelId) await adoptAlertMessage(deps.db, tenantId, alertId, { channelId, ts, at: deps.clock.now() });
}

const tenantOf = (context: ButtonArgs['context']) => context.tenantId as string;

/** A refusal said the way a person understands it: who decided, when the decision was already taken. */
async function explain(deps: Deps, tenantId: string, err: AppError, value: string): Promise<string> {
  if (err.code === 'illegal_transition') {
    const reg = await getRegistration(deps.db, tenantId, value);
    if (reg?.decision) return `Nothing changed: this registration was already ${reg.status} by ${reg.decision.by}.`;
  }
  if (err.code === 'conflict_already_resolved') {
    const conflict = await getConflict(deps.db, tenantId, value);
    if (conflict?.resolvedBy) return `Nothing changed: this conflict was already resolved by ${conflict.resolvedBy}.`;
  }
  return `Nothing changed: ${err.message}.`;
}

/**
 * Every button: acknowledge at once (Slack allows 3 s), act as the Slack user through the use
 * cases, answer a refusal privately, and redraw the message from the store either way.
 */
function onButton(deps: Deps, options: SlackAppOptions, decide: Decide) {
  return async ({ ack, body, action, client, context, respond }: ButtonArgs) => {
    await ack();
    const tenantId = tenantOf(context);
    const value = action.value ?? '';
    try {
      await decide(await slackActor(deps, client, tenantId, body.user.id), value);
    } catch (err) {
      const text = err instanceof AppError ? await explain(deps, tenantId, err, value) : 'Something went wrong on our side; nothing was decided.';
      if (!(err instanceof AppError)) options.logger.error({ err, tenantId, action: action.action_id }, 'Slack action failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    }
    const alertId = alertIdOf(body);
    if (!alertId) return;
    await adoptClickedMessage(deps, tenantId, alertId, body);
    await options.requestSync(tenantId, alertId);
  };
}

async function mayDecideRegistration(deps: Deps, actor: SlackActor, registrationId: string) {
  const reg = await getRegistration(deps.db, actor.tenantId, registrationId);
  if (reg) await requirePermissionFor(deps.db, actor, 'decide', [reg.partnerId], 'reject this registration');
}

export function registerAlertActions(app: App, deps: Deps, options: SlackAppOptions): void {
  const button = (actionId: string, decide: Decide) => app.action<BlockButtonAction>(actionId, onButton(deps, options, decide));

  button(ACTIONS.approveRegistration, async (actor, id) => {
    await approveDealRegistration(deps, actor, id);
  });
  for (const choice of CONFLICT_CHOICES) {
    button(CONFLICT_CHOICE_ACTIONS[choice], async (actor, id) => {
      await settleConflict(deps, actor, id, choice, 'Slack');
    });
  }
  button(ACTIONS.keepTrellisValue, async (actor, id) => {
    await chooseSyncConflictWinner(deps, actor, options.syncConflicts, id, 'trellis');
  });
  button(ACTIONS.keepCrmValue, async (actor, id) => {
    await chooseSyncConflictWinner(deps, actor, options.syncConflicts, id, 'crm');
  });
  button(ACTIONS.assignToMe, async (actor, partnerId) => {
    await assignPartnerManager(deps, actor, partnerId, actor.email);
  });
  button(ACTIONS.snooze, async (actor, alertId) => {
    await snoozeAlert(deps, actor, alertId, SNOOZE_DAYS);
  });

  // Rejecting asks for a reason first, in a modal; the decision is taken when it is submitted.
  app.action<BlockButtonAction>(ACTIONS.rejectRegistration, async ({ ack, body, action, client, context, respond }) => {
    await ack();
    const modal: RejectModalContext = { registrationId: action.value ?? '', channelId: body.channel?.id ?? '', alertId: alertIdOf(body) };
    // Someone who may not reject is told so at once, rather than after typing a reason.
    try {
      await mayDecideRegistration(deps, await slackActor(deps, client, tenantOf(context), body.user.id), modal.registrationId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await respond({ response_type: 'ephemeral', replace_original: false, text: await explain(deps, tenantOf(context), err, modal.registrationId) });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: rejectReasonModal(modal) });
    if (modal.alertId) await adoptClickedMessage(deps, tenantOf(context), modal.alertId, body);
  });
  // Asking for details takes a question first, in a modal: from a registration, of its registering side; from a conflict, of both sides still pending.
  const pendingOf = async (tenantId: string, ids: string[]) =>
    (await Promise.all(ids.map((id) => getRegistration(deps.db, tenantId, id)))).flatMap((r) => (r?.status === 'pending' ? [r.id] : []));
  const askFrom = (actionId: string, registrationsOf: (actor: SlackActor, value: string) => Promise<string[]>) =>
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const tenantId = tenantOf(context);
      const value = action.value ?? '';
      let modal: DetailsModalContext;
      try {
        const actor = await slackActor(deps, client, tenantId, body.user.id);
        const registrationIds = await registrationsOf(actor, value);
        await mayAskAboutRegistrations(deps, actor, registrationIds);
        const pending = await pendingOf(tenantId, registrationIds);
        if (pending.length === 0) throw new AppError('illegal_transition', 'nothing is pending here any more', 'conflict');
        modal = { registrationIds: pending, channelId: body.channel?.id ?? '', alertId: alertIdOf(body) };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await respond({ response_type: 'ephemeral', replace_original: false, text: await explain(deps, tenantId, err, value) });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: detailsQuestionModal(modal, options.mail) });
      if (modal.alertId) await adoptClickedMessage(deps, tenantId, modal.alertId, body);
    });
  askFrom(ACTIONS.askRegistrationDetails, async (_actor, registrationId) => [registrationId]);
  askFrom(ACTIONS.askForDetails, async (actor, conflictId) => (await conflictQuestionSubject(deps, actor, conflictId)).registrationIds);
  app.view(VIEWS.detailsQuestion, async ({ ack, view, body, client, context }) => {
    const { question, modal } = readDetailsQuestion(view);
    const problem = DetailsQuestion.safeParse(question).error?.issues[0]?.message;
    if (problem) {
      await ack({ response_action: 'errors', errors: { question: problem } });
      return;
    }
    await ack();
    const tenantId = context.tenantId as string;
    try {
      const actor = await slackActor(deps, client as WebClient, tenantId, body.user.id);
      const alert = modal.alertId ? await getAlert(deps.db, tenantId, modal.alertId) : null;
      await askForRegistrationDetails(deps, actor, {
        registrationIds: modal.registrationIds,
        alertId: modal.alertId,
        question,
        askerName: actor.displayName,
        mail: options.mail,
        conflictId: alert?.kind === 'channel_conflict' ? alert.subjectId : undefined,
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (modal.channelId) {
        const text = await explain(deps, tenantId, err, modal.registrationIds[0]!);
        await client.chat.postEphemeral({ channel: modal.channelId, user: body.user.id, text });
      }
    }
    if (modal.alertId) await options.requestSync(tenantId, modal.alertId);
  });

  app.view(VIEWS.rejectReason, async ({ ack, view, body, client, context }) => {
    const { reason, modal } = readRejectReason(view);
    if (!reason) {
      await ack({ response_action: 'errors', errors: { reason: 'Tell the partner why, in a few words' } });
      return;
    }
    await ack();
    const tenantId = context.tenantId as string;
    try {
      await rejectDealRegistration(deps, await slackActor(deps, client as WebClient, tenantId, body.user.id), modal.registrationId, reason);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (modal.channelId) {
        const text = await explain(deps, tenantId, err, modal.registrationId);
        await client.chat.postEphemeral({ channel: modal.channelId, user: body.user.id, text });
      }
    }
    if (modal.alertId) await options.requestSync(tenantId, modal.alertId);
  });
}
