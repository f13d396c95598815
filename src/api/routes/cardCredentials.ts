import { z } from 'zod';
import type { Deps } from '../../usecases/context';
import { issueSalesforceCardSecret } from '../../usecases/cardCredentials';
import { defineRoute } from '../route';
import { ErrorBody } from '../views';

export const cardCredentialRoutes = (deps: Deps) => [
  defineRoute({
    method: 'post',
    path: '/api/v1/card-credentials/salesforce',
    summary: "Issue the secret the Salesforce org's Named Credential sends to the card backend (replaces the previous one)",
    tag: 'CRM cards',
    auth: 'tenant',
    responses: {
      201: { description: 'The secret, shown this once', schema: z.object({ orgId: z.string(), secret: z.string() }) },
      401: { description: 'Missing or invalid API key', schema: ErrorBody },
      409: { description: 'No Salesforce org is connected', schema: ErrorBody },
    },
    async handle({ actor }) {
      return { status: 201, body: await issueSalesforceCardSecret(deps, actor) };
    },
  }),
];
