import type { RecordRejection } from '../port';

/** What one call made of a part of a batch: HubSpot's answer, or its refusal of the whole part. */
export type PartAnswer<A> = { answer: A } | { refused: RecordRejection };

/** A part of the batch HubSpot took (its answer may still name per-record errors), or one input it refused. */
export type Bisected<I, A> = { inputs: I[]; answer: A } | { input: I; rejection: RecordRejection };

/**
 * Sends a batch; when HubSpot refuses it whole for one input's sake (batch update and upsert
 * answer 400 for one bad property value), sends each half again, recursively, so every good
 * input is written and each bad one comes back alone with HubSpot's reason. One bad input among
 * 100 costs 14 more calls rather than 99; each is paced like any other call.
 */
export async function bisectRefusals<I, A>(inputs: I[], send: (part: I[]) => Promise<PartAnswer<A>>): Promise<Array<Bisected<I, A>>> {
  if (inputs.length === 0) return [];
  const sent = await send(inputs);
  if ('answer' in sent) return [{ inputs, answer: sent.answer }];
  if (inputs.length === 1) return [{ input: inputs[0]!, rejection: sent.refused }];
  const middle = Math.ceil(inputs.length / 2);
  return [...(await bisectRefusals(inputs.slice(0, middle), send)), ...(await bisectRefusals(inputs.slice(middle), send))];
}
