import { REGISTRATION_STATUSES } from '../../domain/registration';

/** The deal registration fields a mapping may name (provisioned as custom object properties). */
export const REGISTRATION_FIELDS: Record<string, { label: string; options?: readonly string[] }> = {
  customerName: { label: 'Customer name' },
  status: { label: 'Registration status', options: REGISTRATION_STATUSES },
  decisionReason: { label: 'Decision reason' },
  amount: { label: 'Amount' },
  dealStage: { label: 'Deal stage' },
};
