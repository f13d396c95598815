import { startTestApp, type ApiClient, type TestApp } from '../../support/api';
import { STORE_KINDS } from '../../support/databases';
import { createPartner, registration } from '../../support/fixtures';

describe.each(STORE_KINDS)('conflicts API on %s', (kind) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app.close());

  async function conflictPair(approveFirst = false) {
    const api = await app.newTenant();
    const a = await createPartner(api, { region: 'NA' });
    const b = await createPartner(api, { region: 'NA' });
    const first = (await api.post('/api/v1/deal-registrations', registration(a.id))).body;
    if (approveFirst) await api.post(`/api/v1/deal-registrations/${first.id}/approve`, {});
    const second = (await api.post('/api/v1/deal-registrations', registration(b.id))).body;
    return { api, first, second, conflictId: second.conflicts[0].id as string };
  }

  const status = async (api: ApiClient, id: string) => (await api.get(`/api/v1/deal-registrations/${id}`)).body.status;

  it('lists open conflicts with both parties', async () => {
    const { api, first, second, conflictId } = await conflictPair();
    const list = await api.get('/api/v1/conflicts?status=open');
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: conflictId,
        kind: 'duplicate',
        status: 'open',
        registrationId: second.id,
        conflictingRegistrationId: first.id,
        resolution: null,
      }),
    ]);
    expect((await api.get(`/api/v1/conflicts/${conflictId}`)).body.id).toBe(conflictId);
    expect((await api.get(`/api/v1/conflicts?registrationId=${first.id}`)).body.data).toHaveLength(1);
  });

  it('existing_wins rejects the newer registration with a reason the partner can read', async () => {
    const { api, first, second, conflictId } = await conflictPair();
    const res = await api.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'existing_wins', note: 'first partner sourced it', decidedBy: 'pm@vendor.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolution: 'existing_wins', resolutionNote: 'first partner sourced it', resolvedBy: 'pm@vendor.com' });
    const loser = (await api.get(`/api/v1/deal-registrations/${second.id}`)).body;
    expect(loser.status).toBe('rejected');
    // Written for the partner: neither the other registration's id nor the managers' own note.
    expect(loser.decision.reason).toMatch(/^Another partner had already registered this customer for .+, and the conflict was decided in favour of that registration\.$/);
    expect(loser.decision.reason).not.toContain(first.id);
    expect(await status(api, first.id)).toBe('pending');
    const again = await api.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'new_wins' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict_already_resolved');
  });

  it('new_wins rejects a pending earlier registration but not an approved one', async () => {
    const pending = await conflictPair();
    await pending.api.post(`/api/v1/conflicts/${pending.conflictId}/resolve`, { resolution: 'new_wins' });
    expect(await status(pending.api, pending.first.id)).toBe('rejected');
    expect(await status(pending.api, pending.second.id)).toBe('pending');

    const approved = await conflictPair(true);
    const refused = await approved.api.post(`/api/v1/conflicts/${approved.conflictId}/resolve`, { resolution: 'new_wins' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('resolution_not_applicable');
    expect(await status(approved.api, approved.first.id)).toBe('approved');
  });

  it('not_a_conflict lets the second registration be approved without an override', async () => {
    const { api, second, conflictId } = await conflictPair(true);
    expect((await api.post(`/api/v1/deal-registrations/${second.id}/approve`, {})).status).toBe(409);
    await api.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'not_a_conflict', note: 'different subsidiaries' });
    const approved = await api.post(`/api/v1/deal-registrations/${second.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.override).toBeNull();
  });

  it('validates the resolution and hides other tenants’ conflicts', async () => {
    const { api, conflictId } = await conflictPair();
    const bad = await api.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'coin_flip' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toEqual(['resolution']);
    const other = await app.newTenant();
    expect((await other.get(`/api/v1/conflicts/${conflictId}`)).status).toBe(404);
    expect((await other.post(`/api/v1/conflicts/${conflictId}/resolve`, { resolution: 'existing_wins' })).status).toBe(404);
  });
});
