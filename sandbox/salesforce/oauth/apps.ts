import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorState, ExternalClientApp } from '../state';

export const AppInput = z
  .object({
    name: z.string().min(1).default('Trellis'),
    consumerKey: z.string().min(8).optional(),
    consumerSecret: z.string().min(8).optional(),
    callbackUrls: z.array(z.url()).min(1),
    scopes: z.array(z.string().min(1)).default(['api', 'refresh_token', 'id']),
    requireSecret: z.boolean().default(true),
  })
  .strict();
export type AppInput = z.input<typeof AppInput>;

/** Register an External Client App; keys look like Salesforce's (`3MVG9…`, a 64-hex secret). */
export function registerApp(state: EmulatorState, rawInput: unknown): ExternalClientApp {
  const input = AppInput.parse(rawInput);
  const app: ExternalClientApp = {
    name: input.name,
    consumerKey: input.consumerKey ?? `3MVG9${randomBytes(60).toString('base64url')}`,
    consumerSecret: input.consumerSecret ?? randomBytes(32).toString('hex').toUpperCase(),
    callbackUrls: input.callbackUrls,
    scopes: input.scopes,
    requireSecret: input.requireSecret,
  };
  state.apps[app.consumerKey] = app;
  return app;
}
