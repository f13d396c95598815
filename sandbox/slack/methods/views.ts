import type { Args } from '../args';
import { validateView } from '../blockKit';
import { invalidArguments, SlackApiError } from '../errors';
import type { MethodDefinition } from './method';

/** The `view` argument, parsed and validated; Slack reports view problems as invalid_arguments. */
function readView(args: Args): Record<string, unknown> {
  const view = args.json('view', 'invalid_arguments');
  if (view === undefined) throw invalidArguments('missing required field: view');
  const errors = validateView(view);
  if (errors.length > 0) throw invalidArguments(...errors);
  return view as Record<string, unknown>;
}

export const viewsMethods: MethodDefinition[] = [
  {
    name: 'views.open',
    tier: 'tier4',
    auth: 'bot',
    handle: ({ args, bot, services }) => {
      const triggerId = args.optionalString('trigger_id') ?? args.optionalString('interactivity_pointer');
      if (!triggerId) throw invalidArguments('missing required field: trigger_id');
      const spec = readView(args);
      if (spec.type !== 'modal') throw invalidArguments('views.open only opens modals [json-pointer:/view/type]');
      const { userId } = services.triggers.consume(triggerId, bot.appId);
      const view = services.modals.open(bot, userId, spec);
      return { view: services.modals.toApi(view) };
    },
  },
  {
    name: 'views.update',
    tier: 'tier4',
    auth: 'bot',
    handle: ({ args, bot, services }) => {
      const viewId = args.optionalString('view_id');
      const externalId = args.optionalString('external_id');
      if (!viewId && !externalId) throw invalidArguments('missing required field: view_id or external_id');
      const spec = readView(args);
      const view = viewId ? services.modals.get(viewId) : services.modals.byExternalId(bot.teamId, externalId!);
      if (!view || view.appId !== bot.appId || view.teamId !== bot.teamId) throw new SlackApiError('not_found');
      const hash = args.optionalString('hash');
      if (hash !== undefined && hash !== view.hash) throw new SlackApiError('hash_conflict');
      return { view: services.modals.toApi(services.modals.update(view, spec)) };
    },
  },
];
