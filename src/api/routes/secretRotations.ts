import { z } from 'zod';
import type { Deps } from '../../usecases/context';
import { describeRotation, rotateSecrets } from '../../usecases/rotateSecrets';
import { defineRoute } from '../route';
import { ErrorBody } from '../views';

const RotationReport = z.object({
  activeKeyId: z.string(),
  rewritten: z.number().int(),
  changedMeanwhile: z.number().int(),
  unreadable: z.array(z.object({ secret: z.string(), reason: z.string() })),
  keys: z.array(z.object({ keyId: z.string(), active: z.boolean(), inKeyring: z.boolean(), ciphertexts: z.number().int(), unbound: z.number().int() })),
  summary: z.array(z.string()),
});

export const secretRotationRoutes = (deps: Deps) => [
  defineRoute({
    method: 'post',
    path: '/api/v1/secret-rotations',
    summary: 'Re-encrypt every stored token under the active key and report what each key still holds (admin token required)',
    tag: 'Secrets',
    auth: 'admin',
    responses: {
      200: { description: 'What was rewritten, and per key id how many ciphertexts remain: a key with none can be removed', schema: RotationReport },
      401: { description: 'Missing or wrong admin token', schema: ErrorBody },
    },
    async handle() {
      const report = await rotateSecrets(deps);
      return { status: 200, body: { ...report, summary: describeRotation(report) } };
    },
  }),
];
