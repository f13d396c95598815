import type { types, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../actionIds';

/** What the modal carries back to its submission: which registrations are asked about, and where the message is. */
const DetailsModalContext = z.object({ registrationIds: z.array(z.string()).min(1), channelId: z.string(), alertId: z.string().nullable() });
export type DetailsModalContext = z.infer<typeof DetailsModalContext>;

/** What happens to the question, said before it is typed: mailed to whoever registered, or (no mail server) shown in Slack only. */
function whereItGoes(mail: boolean, sides: number): string {
  if (!mail) return ':warning: *Mail is not set up in Trellis* (SMTP_URL), so nobody is emailed: the question is recorded and shown in Slack only.';
  const who = sides > 1 ? 'both registrations' : 'the registration';
  return `Trellis emails the question to whoever submitted ${who}, with a link to answer. The answer comes back in this message's thread; the registration stays pending.`;
}

export function detailsQuestionModal(context: DetailsModalContext, mail: boolean): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.detailsQuestion,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: 'Ask for details' },
    submit: { type: 'plain_text', text: mail ? 'Send question' : 'Record question' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: whereItGoes(mail, context.registrationIds.length) }] },
      {
        type: 'input',
        block_id: 'question',
        label: { type: 'plain_text', text: 'What do you need to know?' },
        element: { type: 'plain_text_input', action_id: 'question_input', multiline: true, max_length: 2000 },
      },
    ],
  };
}

export function readDetailsQuestion(view: ViewOutput): { question: string; modal: DetailsModalContext } {
  const modal = DetailsModalContext.parse(JSON.parse(view.private_metadata));
  return { question: view.state.values.question?.question_input?.value ?? '', modal };
}
