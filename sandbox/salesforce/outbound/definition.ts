import { z } from 'zod';

/** Setup → Outbound Message plus the flow that sends it: which object, when, which fields, where. */
export const OutboundMessageInput = z
  .object({
    name: z.string().min(1).default('Trellis_Notification'),
    object: z.string().min(1),
    fields: z.array(z.string().min(1)).default([]),
    endpointUrl: z.url(),
    events: z.array(z.enum(['create', 'update'])).min(1).default(['create', 'update']),
  })
  .strict();
export type OutboundMessageInput = z.infer<typeof OutboundMessageInput>;

export interface OutboundMessageDefinition extends OutboundMessageInput {
  /** The ActionId sent in every message (key prefix 04k). */
  id: string;
}
