import { TenantSettingsPatch } from '../../domain/settings';
import type { Deps } from '../../usecases/context';
import { changeSettings } from '../../usecases/settings';
import { defineRoute } from '../route';
import { ErrorBody, SettingsView } from '../views';

export const settingsRoutes = (deps: Deps) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/settings',
    summary: "The tenant's rules of engagement and matching settings",
    tag: 'Settings',
    auth: 'tenant',
    responses: { 200: { description: 'Settings', schema: SettingsView }, 401: { description: 'Missing or invalid API key', schema: ErrorBody } },
    async handle({ actor }) {
      return { status: 200, body: actor.settings };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/settings',
    summary: 'Change settings',
    tag: 'Settings',
    auth: 'tenant',
    body: TenantSettingsPatch,
    responses: { 200: { description: 'Settings', schema: SettingsView }, 400: { description: 'Invalid input', schema: ErrorBody } },
    async handle({ body, actor }) {
      return { status: 200, body: await changeSettings(deps, actor, body) };
    },
  }),
];
