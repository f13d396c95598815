import { z } from 'zod';
import { defineRoute } from '../../../src/api/route';
import { responseBreaches } from '../../../src/api/responseContract';

const route = defineRoute({
  method: 'get',
  path: '/api/v1/things/:id',
  summary: 'A thing',
  tag: 'Things',
  auth: 'tenant',
  responses: { 200: { description: 'The thing', schema: z.object({ id: z.string(), at: z.iso.datetime(), tags: z.array(z.object({ name: z.string() })) }) } },
  handle: async () => ({ status: 200, body: {} }),
});

describe('checking an answer against its route’s declared responses', () => {
  it('accepts the answer as the client receives it, as JSON', () => {
    expect(responseBreaches(route, 200, { id: 't1', at: new Date('2026-03-02T09:00:00Z'), tags: [{ name: 'a' }] })).toEqual([]);
  });

  it('names a status the route does not declare', () => {
    expect(responseBreaches(route, 201, { id: 't1' })).toEqual([{ path: [], message: 'status 201 is not among the declared responses (200)' }]);
  });

  it('names a field of the wrong shape, and a field the schema does not describe', () => {
    const breaches = responseBreaches(route, 200, { id: 7, at: '2026-03-02T09:00:00.000Z', tags: [] });
    expect(breaches.map((b) => b.path)).toEqual([['id']]);
    expect(responseBreaches(route, 200, { id: 't1', at: '2026-03-02T09:00:00.000Z', tags: [{ name: 'a', colour: 'red' }], secret: 'x' })).toEqual([
      { path: ['tags', 0, 'colour'], message: 'not in the response schema' },
      { path: ['secret'], message: 'not in the response schema' },
    ]);
  });
});
