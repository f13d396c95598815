import type { ConflictChoice } from '../domain/conflicts';

/** The action and callback ids Trellis puts on Slack buttons and modals, and listens for. */
export const ACTIONS = {
  approveRegistration: 'registration.approve',
  rejectRegistration: 'registration.reject',
  askRegistrationDetails: 'registration.ask_details',
  approveEarlier: 'conflict.approve_earlier',
  approveNewer: 'conflict.approve_newer',
  rejectNewer: 'conflict.reject_newer',
  notAConflict: 'conflict.not_a_conflict',
  askForDetails: 'conflict.ask_details',
  keepTrellisValue: 'sync_conflict.keep_trellis',
  keepCrmValue: 'sync_conflict.keep_crm',
  assignToMe: 'partner.assign_to_me',
  snooze: 'alert.snooze',
} as const;

/** The button of each choice on a conflict. */
export const CONFLICT_CHOICE_ACTIONS: Record<ConflictChoice, string> = {
  approve_earlier: ACTIONS.approveEarlier,
  approve_newer: ACTIONS.approveNewer,
  reject_newer: ACTIONS.rejectNewer,
  not_a_conflict: ACTIONS.notAConflict,
};

export const VIEWS = { rejectReason: 'registration.reject_reason', detailsQuestion: 'registration.details_question' } as const;

/** Every message starts with a block carrying the alert id, so a click names its alert (and adopts an unrecorded post). */
export const markerBlockId = (alertId: string) => `trellis-alert-${alertId}`;
