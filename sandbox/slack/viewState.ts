import { EmulatorError } from './errors';

type Json = Record<string, unknown>;

/** What a test types or picks into one input: a string, several strings, or a raw `ViewStateValue`. */
export type EnteredValue = string | string[] | Json;
/** Entered values by block_id, then action_id — the shape of `view.state.values`. */
export type EnteredValues = Record<string, Record<string, EnteredValue>>;

/** Single-pick elements and the state field their choice lands in. */
const PICKED: Record<string, string> = {
  users_select: 'selected_user',
  conversations_select: 'selected_conversation',
  channels_select: 'selected_channel',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
};
const MULTI_PICKED: Record<string, string> = {
  multi_users_select: 'selected_users',
  multi_conversations_select: 'selected_conversations',
  multi_channels_select: 'selected_channels',
};

/**
 * Builds `view.state.values` from what a user entered, shaped per element type as
 * Slack sends it (bolt-js `ViewStateValue`). Like the Slack client, it refuses to
 * submit while a required input is empty.
 */
export function buildViewState(blocks: unknown[], entered: EnteredValues): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const raw of blocks) {
    const block = raw as Json;
    if (block.type !== 'input') continue;
    const element = block.element as Json;
    const blockId = block.block_id as string;
    const actionId = element.action_id as string;
    const input = entered[blockId]?.[actionId];
    if (input === undefined && block.optional !== true) {
      throw new EmulatorError(`input ${blockId}/${actionId} is required; the Slack client would not submit`);
    }
    values[blockId] = { [actionId]: stateValue(element, input) };
  }
  for (const blockId of Object.keys(entered)) {
    if (!(blockId in values)) throw new EmulatorError(`the view has no input block ${blockId}`);
  }
  return values;
}

function stateValue(element: Json, input: EnteredValue | undefined): Json {
  const type = element.type as string;
  if (input !== undefined && typeof input === 'object' && !Array.isArray(input)) return { type, ...input };
  const strings = input === undefined ? [] : Array.isArray(input) ? input : [input];
  if (['static_select', 'external_select', 'radio_buttons'].includes(type)) {
    return { type, selected_option: strings[0] === undefined ? null : option(element, strings[0]) };
  }
  if (['multi_static_select', 'multi_external_select', 'checkboxes'].includes(type)) {
    return { type, selected_options: strings.map((v) => option(element, v)) };
  }
  const picked = PICKED[type];
  if (picked) return { type, [picked]: strings[0] ?? null };
  const multi = MULTI_PICKED[type];
  if (multi) return { type, [multi]: strings };
  return { type, value: strings[0] ?? null };
}

function option(element: Json, value: string): Json {
  const groups = (element.option_groups as Json[] | undefined)?.flatMap((g) => g.options as Json[]) ?? [];
  const found = [...((element.options as Json[] | undefined) ?? []), ...groups].find((o) => o.value === value);
  if (!found) throw new EmulatorError(`no option with value ${value} in ${String(element.action_id)}`);
  return { text: found.text, value: found.value };
}
