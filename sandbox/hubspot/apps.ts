import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorState, RegisteredApp } from './state';

const Subscription = z.object({
  subscriptionType: z.string().regex(/^[a-z_]+\.[a-zA-Z]+$/, 'expected <object>.<action>, e.g. contact.creation'),
  propertyName: z.string().optional(),
  objectTypeId: z.string().optional(),
  active: z.boolean().default(true),
});

/** What registering an app takes (`POST /_admin/apps` or the `apps` option). */
export const AppInput = z.object({
  name: z.string().default('Test app'),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
  redirectUrls: z.array(z.string().url()).min(1),
  /** The required scopes. */
  scopes: z.array(z.string()).default([]),
  conditionallyRequiredScopes: z.array(z.string()).default([]),
  optionalScopes: z.array(z.string()).default([]),
  webhooks: z.object({ targetUrl: z.string().url(), subscriptions: z.array(Subscription).default([]) }).optional(),
});
export type AppInput = z.input<typeof AppInput>;

export function registerApp(state: EmulatorState, input: AppInput): RegisteredApp {
  const parsed = AppInput.parse(input);
  const app: RegisteredApp = {
    id: state.nextAppId++,
    name: parsed.name,
    clientId: parsed.clientId ?? randomUUID(),
    clientSecret: parsed.clientSecret ?? randomUUID(),
    redirectUrls: parsed.redirectUrls,
    scopes: parsed.scopes,
    conditionallyRequiredScopes: parsed.conditionallyRequiredScopes,
    optionalScopes: parsed.optionalScopes,
    ...(parsed.webhooks
      ? {
          webhooks: {
            targetUrl: parsed.webhooks.targetUrl,
            subscriptions: parsed.webhooks.subscriptions.map((s) => ({ id: state.nextSubscriptionId++, ...s })),
          },
        }
      : {}),
  };
  state.apps[String(app.id)] = app;
  return app;
}
