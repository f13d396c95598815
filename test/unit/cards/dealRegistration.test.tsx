import { Alert, Button, EmptyState, ErrorState, LoadingSpinner, NumberInput, Select, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { DealRegistrationCard } from '../../../extensions/hubspot/src/DealRegistrationCard.js';
import { hubspotHost, onCompany, onGlobexDeal, type CardRequest } from './host.js';

const contosoConflict = {
  kind: 'cross_region',
  score: 1,
  blocksApproval: true,
  registrationId: 'r-contoso',
  partner: { id: 'p-contoso', name: 'Contoso Consulting' },
  evidence: {
    matchedOn: 'domain',
    customer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
    existingCustomer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
    nameSimilarity: 1,
    overlappingProducts: ['analytics suite'],
    regions: { submitted: 'NA', existing: 'EMEA' },
    existingStatus: 'approved',
  },
};

const pending = {
  id: 'r-new',
  status: 'pending',
  partner: { id: 'p-north', name: 'Northwind Partners' },
  products: ['analytics suite'],
  amount: 125000,
  currency: 'USD',
  expectedCloseDate: '2026-06-30',
  region: 'NA',
  submittedAt: '2026-03-02T09:00:00.000Z',
  decision: null,
  override: null,
  protection: null,
  canDecide: true,
  awaiting: { approver: { name: 'Dana Reyes', email: 'dana@vendor.com' }, since: '2026-03-02T09:00:00.000Z', line: 'Waiting for Dana Reyes for 2 days' },
  conflictCount: 1,
  conflicts: [{ ...contosoConflict, id: 'c1', status: 'open', blocksApproval: undefined }],
};

const listOf = (registrations: unknown[]) => ({ body: { viewer: { name: 'maria@vendor.com' }, rules: { rulesOfEngagement: 'first_to_register', protectionWindowDays: 90 }, registrations } });

/** The card backend as the tests need it: a list per call, partner search, the dry run, submit and decisions. */
function backend(lists: unknown[][], decide: (req: CardRequest) => { status?: number; body: unknown } = () => ({ body: { registration: pending } })) {
  let listCalls = 0;
  return hubspotHost((req) => {
    if (req.path.startsWith('/registrations?')) return listOf(lists[Math.min(listCalls++, lists.length - 1)]!);
    if (req.path.startsWith('/partners')) return { body: { partners: [{ id: 'p-north', name: 'Northwind Partners', tier: 'gold', region: 'NA', status: 'active', specialties: [] }] } };
    if (req.path === '/registrations/check') return { body: { conflictCount: 1, conflicts: [contosoConflict] } };
    if (req.path === '/registrations') return { status: 201, body: { registration: pending } };
    return decide(req);
  });
}

describe('Deal registration card', () => {
  it('shows a spinner while HubSpot reads the deal', () => {
    const { render, find, mocks } = createRenderer('crm.record.tab');
    hubspotHost(() => ({ body: {} }));
    onGlobexDeal(mocks);
    mocks.useCrmProperties.willCall(() => ({ properties: {}, error: null, isLoading: true, isRefetching: false, refetch: async () => {} }));
    render(<DealRegistrationCard />);
    expect(find(LoadingSpinner).props.label).toBe('Reading the deal');
  });

  it('asks for a company when the deal has none', () => {
    const { render, find, mocks } = createRenderer('crm.record.tab');
    hubspotHost(() => ({ body: {} }));
    onGlobexDeal(mocks, null);
    render(<DealRegistrationCard />);
    expect(find(EmptyState).props.title).toBe('No company on this deal');
  });

  it('says Trellis is unreachable and offers a retry when the request fails', async () => {
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => new Error('connection reset'));
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(ErrorState).props.title).toBe('Deal registrations are unavailable'));
    expect(find(ErrorState).find(Text).text).toContain('Trellis could not be reached');
    find(Button, { variant: 'secondary' }).trigger('onClick');
    await waitFor(() => expect(requests.length).toBe(2));
  });

  it('registers the deal: amount and products prefilled, conflicts checked live with evidence, then submitted', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = backend([[], [pending]]);
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No partner has registered this deal'));
    expect(requests[0]!.path).toBe('/registrations?name=Globex%20Corporation&domain=globex.com');

    find(Button, { testId: 'start-registration' }).trigger('onClick');
    expect(find(NumberInput).props.value).toBe(125000);
    await waitFor(() => expect(find(Select).props.options).toEqual([{ label: 'Northwind Partners · gold · NA', value: 'p-north' }]));
    // trigger() types its argument as the handler itself; the value is what the handler receives.
    find(Select).trigger('onChange', 'p-north' as never);

    await waitFor(() => expect(find(Alert, { testId: 'check-conflict' }).props.title).toBe('Cross-region conflict with Contoso Consulting'), { timeoutInMs: 3000 });
    const evidence = find(Alert, { testId: 'check-conflict' }).findAll(Text).map((t) => t.text).join('\n');
    expect(evidence).toContain('Same web domain: globex.com');
    expect(evidence).toContain('Overlapping products: analytics suite');
    expect(evidence).toContain('needs a manager override');
    const check = requests.find((r) => r.path === '/registrations/check')!;
    expect(check.body).toEqual({
      partnerId: 'p-north',
      customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
      products: ['Analytics Suite'],
      amount: 125000,
      currency: 'USD',
      expectedCloseDate: '2026-06-30',
    });

    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status' }).text).toBe('Pending approval'));
    expect(requests.filter((r) => r.path === '/registrations' && r.method === 'POST')).toHaveLength(1);
    expect(findAll(Alert, { testId: 'registration-conflict' })).toHaveLength(1);
    expect(findAll(Text, { testId: 'registration-conflict-more' })).toHaveLength(0);
  });

  it('sends one idempotency key per submission: trying again after no answer repeats it, a decision gets its own', async () => {
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    let lists = 0;
    let submits = 0;
    const requests = hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf(lists++ === 0 ? [] : [pending]);
      if (req.path.startsWith('/partners')) return { body: { partners: [{ id: 'p-north', name: 'Northwind Partners', tier: 'gold', region: 'NA', status: 'active', specialties: [] }] } };
      if (req.path === '/registrations/check') return { body: { conflictCount: 0, conflicts: [] } };
      // The first submission times out: Trellis may have registered the deal, the card cannot know.
      if (req.path === '/registrations') return submits++ === 0 ? new Error('timed out') : { status: 201, body: { registration: pending } };
      return { body: { registration: pending } };
    });
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No partner has registered this deal'));
    find(Button, { testId: 'start-registration' }).trigger('onClick');
    await waitFor(() => expect(find(Select).props.options).toHaveLength(1));
    find(Select).trigger('onChange', 'p-north' as never);
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(Alert, { title: 'Not registered' }).text).toContain('Trellis could not be reached'));
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status' }).text).toBe('Pending approval'));

    const submitted = requests.filter((r) => r.path === '/registrations' && r.method === 'POST');
    expect(submitted).toHaveLength(2);
    expect(submitted[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted[1]!.idempotencyKey).toBe(submitted[0]!.idempotencyKey);
    find(Button, { testId: 'approve' }).trigger('onClick');
    await waitFor(() => expect(requests.filter((r) => r.path === '/registrations/r-new/approve')).toHaveLength(1));
    const approve = requests.find((r) => r.path === '/registrations/r-new/approve')!;
    expect(approve.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(approve.idempotencyKey).not.toBe(submitted[0]!.idempotencyKey);
  });

  it('says how many conflicts there are when only the most pressing ones came back', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    backend([[{ ...pending, conflictCount: 214 }]]);
    onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Text, { testId: 'registration-conflict-more' }).text).toBe('Showing the 1 most pressing of 214 conflicts.'));
    expect(findAll(Alert, { testId: 'registration-conflict' })).toHaveLength(1);
  });

  it('lets a partner manager approve with an override when a protected registration blocks', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const approved = { ...pending, status: 'approved', canDecide: false, awaiting: null, protection: { expiresAt: '2026-05-31T09:00:00.000Z', daysLeft: 90 }, decision: { by: 'maria@vendor.com', at: '2026-03-02T09:00:00.000Z', reason: null } };
    const requests = backend([[pending], [approved]], (req) =>
      req.body && 'override' in req.body
        ? { body: { registration: approved } }
        : { status: 409, body: { error: { code: 'blocked_by_protected_registration', message: 'blocked' } } },
    );
    onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Button, { testId: 'approve' })).toBeTruthy());
    expect(find(Text, { testId: 'awaiting' }).text).toBe('Waiting for Dana Reyes for 2 days');
    find(Button, { testId: 'approve' }).trigger('onClick');
    await waitFor(() => expect(find(TextArea, { testId: 'decision-reason' }).props.label).toBe('Why override the protected registration?'));
    expect(find(Button, { testId: 'confirm-decision' }).props.disabled).toBe(true);
    find(TextArea, { testId: 'decision-reason' }).trigger('onInput', 'Customer asked for Northwind' as never);
    find(Button, { testId: 'confirm-decision' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status' }).text).toBe('Approved'));
    expect(find(Text, { testId: 'protection' }).text).toBe('Protected for 90 more days, until May 31, 2026');
    expect(findAll(Text, { testId: 'awaiting' })).toEqual([]);
    expect(requests.filter((r) => r.path === '/registrations/r-new/approve').map((r) => r.body)).toEqual([{}, { override: { reason: 'Customer asked for Northwind' } }]);
  });
});
