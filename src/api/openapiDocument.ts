import { apiRoutes, type AppOptions } from './app';
import { API_VERSION, buildOpenApi } from './openapi';

/**
 * The document a deployment with every optional API on (sync, installs) serves, built without a
 * store or a CRM: routes are only described here, never run.
 */
export function fullApiDocument(publicUrl?: string) {
  const unused = {} as never;
  const options: AppOptions = { db: unused, clock: unused, keyring: unused, logger: unused, adminToken: undefined, sync: { control: unused, webhooks: unused }, install: unused };
  return buildOpenApi(apiRoutes(options, unused), API_VERSION, publicUrl);
}
