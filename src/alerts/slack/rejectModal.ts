import type { types, ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../actionIds';

/** What the modal carries back to its submission: which registration, and where the message is. */
const RejectModalContext = z.object({ registrationId: z.string(), channelId: z.string(), alertId: z.string().nullable() });
export type RejectModalContext = z.infer<typeof RejectModalContext>;

const MIN_REASON = 3;

export function rejectReasonModal(context: RejectModalContext): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.rejectReason,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: 'Reject registration' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'Why is it rejected? The partner sees this.' },
        element: { type: 'plain_text_input', action_id: 'reason_input', multiline: true, max_length: 2000 },
      },
    ],
  };
}

/** The reason typed (null when too short to tell the partner anything) and the modal's context. */
export function readRejectReason(view: ViewOutput): { reason: string | null; modal: RejectModalContext } {
  const modal = RejectModalContext.parse(JSON.parse(view.private_metadata));
  const reason = view.state.values.reason?.reason_input?.value?.trim() ?? '';
  return { reason: reason.length >= MIN_REASON ? reason : null, modal };
}
