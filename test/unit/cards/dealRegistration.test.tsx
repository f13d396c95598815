import { Accordion, Alert, Button, EmptyState, ErrorState, Heading, Input, LoadingSpinner, NumberInput, Select, StatusTag, Text, TextArea, Tile } from '@hubspot/ui-extensions';
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
    overlappingProducts: ['Analytics Suite'],
    regions: { submitted: 'NA', existing: 'EMEA' },
    existingStatus: 'approved',
  },
};

const pending = {
  id: 'r-new',
  status: 'pending',
  partner: { id: 'p-north', name: 'Northwind Partners' },
  customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
  products: ['Analytics Suite'],
  amount: 125000,
  currency: 'USD',
  expectedCloseDate: '2026-06-30',
  region: 'NA',
  submittedAt: '2026-03-02T09:00:00.000Z',
  decision: null,
  override: null,
  protection: null,
  canDecide: true,
  forThisDeal: true,
  awaiting: { approver: { name: 'Dana Reyes', email: 'dana@vendor.com' }, since: '2026-03-02T09:00:00.000Z', line: 'Waiting for Dana Reyes for 2 days' },
  conflictCount: 1,
  conflicts: [{ ...contosoConflict, id: 'c1', status: 'open', blocksApproval: undefined }],
  detailsRequest: null,
};

const listOf = (registrations: unknown[]) => ({ body: { viewer: { name: 'maria@vendor.com' }, rules: { rulesOfEngagement: 'first_to_register', protectionWindowDays: 90 }, registrations } });

const northwind = { id: 'p-north', name: 'Northwind Partners', tier: 'gold', region: 'NA', status: 'active', specialties: [] };
const partnersFound = { body: { partners: [northwind], total: 1 } };

/** The card backend as the tests need it: a list per call, partner search, the dry run, submit and decisions. */
function backend(lists: unknown[][], decide: (req: CardRequest) => { status?: number; body: unknown } = () => ({ body: { registration: pending } })) {
  let listCalls = 0;
  return hubspotHost((req) => {
    if (req.path.startsWith('/registrations?')) return listOf(lists[Math.min(listCalls++, lists.length - 1)]!);
    if (req.path.startsWith('/partners')) return partnersFound;
    if (req.path === '/registrations/check') return { body: { conflictCount: 1, conflicts: [contosoConflict] } };
    if (req.path === '/registrations') return { status: 201, body: { registration: pending } };
    return decide(req);
  });
}

/** Matches the element whose test id starts so: a card's registrations and conflicts carry their ids in theirs. */
const idStarting = (prefix: string) => (node: { props: { testId?: string } }) => node.props.testId?.startsWith(prefix) === true;

type Card = ReturnType<typeof createRenderer<'crm.record.tab'>>;

/** Opens the form on the Globex deal and picks Northwind in the partner picker, as a rep would. */
async function pickNorthwind({ find, maybeFind, waitFor }: Card) {
  if (!maybeFind(Select, { testId: 'partner-picker' })) {
    await waitFor(() => expect(find(Button, { testId: 'start-registration' })).toBeTruthy());
    find(Button, { testId: 'start-registration' }).trigger('onClick');
  }
  // trigger() types its argument as the handler itself; the value is what the handler receives.
  find(Select, { testId: 'partner-picker' }).trigger('onInput', 'north' as never);
  await waitFor(() => expect(find(Select, { testId: 'partner-picker' }).props.options).toEqual([{ label: 'Northwind Partners · gold · NA', value: 'p-north' }]));
  find(Select, { testId: 'partner-picker' }).trigger('onChange', 'p-north' as never);
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

  it('registers the deal: amount and products prefilled, conflicts checked live with evidence, then says who decides', async () => {
    const card = createRenderer('crm.record.tab');
    const { render, find, findAll, waitFor, mocks } = card;
    const requests = backend([[], [pending]]);
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No partner has registered this deal'));
    expect(requests[0]!.path).toBe('/registrations?name=Globex%20Corporation&domain=globex.com&crmDealRef=hubspot%3Adeal%3A42');

    find(Button, { testId: 'start-registration' }).trigger('onClick');
    expect(find(NumberInput).props.value).toBe(125000);
    expect(find(Button, { testId: 'register-submit' }).text).toBe('Pick a partner to register');
    await pickNorthwind(card);
    await waitFor(() => expect(requests.some((r) => r.path === '/partners?q=north')).toBe(true));

    await waitFor(() => expect(find(Alert, idStarting('check-conflict:r-')).props.title).toBe('Cross-region conflict with Contoso Consulting'), { timeoutInMs: 3000 });
    const evidence = find(Alert, idStarting('check-conflict:r-')).findAll(Text).map((t) => t.text).join('\n');
    expect(evidence).toContain('Same web domain: globex.com');
    expect(evidence).toContain('Overlapping products: Analytics Suite');
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

    expect(find(Button, { testId: 'register-submit' }).text).toBe('Register anyway for review');
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status:r-new' }).text).toBe('Pending approval'));
    expect(requests.filter((r) => r.path === '/registrations' && r.method === 'POST').map((r) => r.body!.crmDealRef)).toEqual(['hubspot:deal:42']);
    expect(find(Alert, { testId: 'registration-confirmation' }).props.title).toBe('Sent to Dana Reyes for approval');
    expect(findAll(Alert, idStarting('registration-conflict:r-new:r-'))).toHaveLength(1);
    expect(findAll(Text, { testId: 'registration-conflict:r-new:more' })).toHaveLength(0);

    find(Button, { testId: 'dismiss-confirmation' }).trigger('onClick');
    await waitFor(() => expect(findAll(Alert, { testId: 'registration-confirmation' })).toHaveLength(0));
  });

  it('confirms an approved registration with the end of its protection', async () => {
    const card = createRenderer('crm.record.tab');
    const approved = { ...pending, status: 'approved', awaiting: null, canDecide: false, protection: { expiresAt: '2026-05-31T09:00:00.000Z', daysLeft: 90 } };
    hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf([]);
      if (req.path.startsWith('/partners')) return partnersFound;
      if (req.path === '/registrations/check') return { body: { conflictCount: 0, conflicts: [] } };
      return { status: 201, body: { registration: approved } };
    });
    onGlobexDeal(card.mocks);
    card.render(<DealRegistrationCard />);
    await pickNorthwind(card);
    card.find(Button, { testId: 'register-submit' }).trigger('onClick');
    await card.waitFor(() => expect(card.find(Alert, { testId: 'registration-confirmation' }).props.title).toBe('Approved — protected until May 31, 2026'));
    // The next action replaces it.
    card.find(Button, { testId: 'start-registration' }).trigger('onClick');
    expect(card.findAll(Alert, { testId: 'registration-confirmation' })).toHaveLength(0);
  });

  it('finds partners in one searchable picker and says how many more match', async () => {
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    const partners = Array.from({ length: 10 }, (_, i) => ({ ...northwind, id: `p-${i}`, name: `Reseller ${i}` }));
    const requests = hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf([]);
      if (req.path === '/partners') return { body: { partners, total: 40 } };
      if (req.path === '/partners?q=reseller%201') return { body: { partners: [partners[1]], total: 1 } };
      return { body: { conflictCount: 0, conflicts: [] } };
    });
    onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Button, { testId: 'start-registration' })).toBeTruthy());
    find(Button, { testId: 'start-registration' }).trigger('onClick');
    const picker = () => find(Select, { testId: 'partner-picker' });
    await waitFor(() => expect(picker().props.options).toHaveLength(10));
    expect(picker().props.description).toBe('30 more — keep typing to narrow the list');
    picker().trigger('onInput', 'reseller 1' as never);
    await waitFor(() => expect(picker().props.options).toEqual([{ label: 'Reseller 1 · gold · NA', value: 'p-1' }]));
    expect(picker().props.description).toBeUndefined();
    expect(requests.at(-1)!.path).toBe('/partners?q=reseller%201');
    // The one chosen stays listed while the rep searches on.
    picker().trigger('onChange', 'p-1' as never);
    picker().trigger('onInput', 'zzz' as never);
    await waitFor(() => expect(picker().props.value).toBe('p-1'));
    expect(picker().props.options[0]).toEqual({ label: 'Reseller 1 · gold · NA', value: 'p-1' });
  });

  it('names what is missing on the disabled Register button, and Cancel closes the form without submitting', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = backend([[]]);
    onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Button, { testId: 'start-registration' })).toBeTruthy());
    find(Button, { testId: 'start-registration' }).trigger('onClick');
    const submit = () => find(Button, { testId: 'register-submit' });
    expect(submit().props.disabled).toBe(true);
    expect(submit().text).toBe('Pick a partner, name the products and enter an amount to register');
    find(Input, { testId: 'products' }).trigger('onInput', 'Payments' as never);
    find(NumberInput, { testId: 'amount' }).trigger('onChange', 5000 as never);
    expect(submit().text).toBe('Pick a partner to register');

    find(Button, { testId: 'register-cancel' }).trigger('onClick');
    expect(findAll(Button, { testId: 'register-submit' })).toHaveLength(0);
    expect(find(Button, { testId: 'start-registration' })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/registrations')).toHaveLength(0);
  });

  it("shows the API's refusal at each field, once, and clears a field's error when it is edited", async () => {
    const card = createRenderer('crm.record.tab');
    const { find, findAll, waitFor } = card;
    hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf([]);
      if (req.path.startsWith('/partners')) return partnersFound;
      if (req.path === '/registrations/check') return { body: { conflictCount: 0, conflicts: [] } };
      return {
        status: 400,
        body: {
          error: {
            code: 'validation_error',
            message: 'Invalid request body',
            details: [
              { location: 'body', path: ['amount'], message: 'Too big: expected number to be <=10000000000000' },
              { location: 'body', path: ['amount'], message: 'Too big: expected number to be <=10000000000000' },
              { location: 'body', path: ['products', 0], message: 'Too big: expected string to have <=120 characters' },
            ],
          },
        },
      };
    });
    onGlobexDeal(card.mocks);
    card.render(<DealRegistrationCard />);
    await pickNorthwind(card);
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(NumberInput, { testId: 'amount' }).props.validationMessage).toBe('Too big: expected number to be <=10000000000000'));
    expect(find(NumberInput, { testId: 'amount' }).props.error).toBe(true);
    expect(find(Input, { testId: 'products' }).props).toMatchObject({ error: true, validationMessage: 'Too big: expected string to have <=120 characters' });
    // Said at the fields, so not again above the button.
    expect(findAll(Alert, { testId: 'register-error' })).toHaveLength(0);

    find(NumberInput, { testId: 'amount' }).trigger('onChange', 90000 as never);
    expect(find(NumberInput, { testId: 'amount' }).props).toMatchObject({ error: false, validationMessage: undefined });
    expect(find(Input, { testId: 'products' }).props.error).toBe(true);
  });

  it("points at the partner's first registration when the same deal is registered again", async () => {
    const card = createRenderer('crm.record.tab');
    const { find, findAll, waitFor } = card;
    const first = { ...pending, id: 'r-first', forThisDeal: false, conflicts: [], conflictCount: 0 };
    hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf([first]);
      if (req.path.startsWith('/partners')) return partnersFound;
      if (req.path === '/registrations/check') return { body: { conflictCount: 0, conflicts: [] } };
      return {
        status: 409,
        body: { error: { code: 'duplicate_registration', message: 'this partner already holds a pending registration', details: { existingRegistrationId: 'r-first', existingStatus: 'pending' } } },
      };
    });
    onGlobexDeal(card.mocks);
    card.render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Accordion).props.title).toBe('1 other registration for Globex Corporation'));
    expect(find(Accordion).props.open).toBe(false);
    expect(find(Text, { testId: 'this-deal-none' }).text).toBe('No partner has registered this deal yet.');
    await pickNorthwind(card);
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(Alert, { testId: 'already-registered' }).props.title).toBe('Already registered by Northwind Partners on Mar 2, 2026'));
    expect(findAll(Alert, { testId: 'register-error' })).toHaveLength(0);

    find(Button, { testId: 'show-existing' }).trigger('onClick');
    await waitFor(() => expect(find(Accordion).props.open).toBe(true));
    expect(findAll(Button, { testId: 'register-submit' })).toHaveLength(0);
    expect(find(Text, { testId: 'registration-pointed-at' }).text).toBe('Registered Mar 2, 2026: the registration to extend');
  });

  it("puts this deal's registration first and folds the customer's others below", async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const other = (id: string, partner: string) => ({ ...pending, id, forThisDeal: false, partner: { id: `p-${id}`, name: partner }, canDecide: false, conflicts: [], conflictCount: 0 });
    backend([[other('r-1', 'Contoso Consulting'), pending, other('r-2', 'Bluepeak Systems'), other('r-3', 'Fabrikam')]]);
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(Heading).text).toBe('This deal'));
    const tiles = findAll(Tile, idStarting('registration:'));
    expect(tiles.map((t) => t.find(Heading).text)).toEqual(['Northwind Partners', 'Contoso Consulting', 'Bluepeak Systems', 'Fabrikam']);
    expect(find(Accordion).props).toMatchObject({ title: '3 other registrations for Globex Corporation', open: false });
    expect(find(Accordion).findAll(Tile).map((t) => t.find(Heading).text)).toEqual(['Contoso Consulting', 'Bluepeak Systems', 'Fabrikam']);
    find(Accordion).trigger('onClick');
    await waitFor(() => expect(find(Accordion).props.open).toBe(true));
  });

  it('sends one idempotency key per submission: trying again after no answer repeats it, a decision gets its own', async () => {
    const card = createRenderer('crm.record.tab');
    const { render, find, waitFor, mocks } = card;
    let lists = 0;
    let submits = 0;
    const requests = hubspotHost((req) => {
      if (req.path.startsWith('/registrations?')) return listOf(lists++ === 0 ? [] : [pending]);
      if (req.path.startsWith('/partners')) return partnersFound;
      if (req.path === '/registrations/check') return { body: { conflictCount: 0, conflicts: [] } };
      // The first submission times out: Trellis may have registered the deal, the card cannot know.
      if (req.path === '/registrations') return submits++ === 0 ? new Error('timed out') : { status: 201, body: { registration: pending } };
      return { body: { registration: pending } };
    });
    onGlobexDeal(mocks);
    render(<DealRegistrationCard />);
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No partner has registered this deal'));
    await pickNorthwind(card);
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(Alert, { title: 'Not registered' }).text).toContain('Trellis could not be reached'));
    find(Button, { testId: 'register-submit' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status:r-new' }).text).toBe('Pending approval'));

    const submitted = requests.filter((r) => r.path === '/registrations' && r.method === 'POST');
    expect(submitted).toHaveLength(2);
    expect(submitted[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted[1]!.idempotencyKey).toBe(submitted[0]!.idempotencyKey);
    find(Button, { testId: 'approve:r-new' }).trigger('onClick');
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
    await waitFor(() => expect(find(Text, { testId: 'registration-conflict:r-new:more' }).text).toBe('Showing the 1 most pressing of 214 conflicts.'));
    expect(findAll(Alert, idStarting('registration-conflict:r-new:r-'))).toHaveLength(1);
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
    await waitFor(() => expect(find(Button, { testId: 'approve:r-new' })).toBeTruthy());
    expect(find(Text, { testId: 'awaiting:r-new' }).text).toBe('Waiting for Dana Reyes for 2 days');
    find(Button, { testId: 'approve:r-new' }).trigger('onClick');
    await waitFor(() => expect(find(TextArea, { testId: 'decision-reason:r-new' }).props.label).toBe('Why override the protected registration?'));
    expect(find(Button, { testId: 'confirm-decision:r-new' }).props.disabled).toBe(true);
    find(TextArea, { testId: 'decision-reason:r-new' }).trigger('onInput', 'Customer asked for Northwind' as never);
    find(Button, { testId: 'confirm-decision:r-new' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'registration-status:r-new' }).text).toBe('Approved'));
    expect(find(Text, { testId: 'protection:r-new' }).text).toBe('Protected for 90 more days, until May 31, 2026');
    expect(findAll(Text, { testId: 'awaiting:r-new' })).toEqual([]);
    expect(requests.filter((r) => r.path === '/registrations/r-new/approve').map((r) => r.body)).toEqual([{}, { override: { reason: 'Customer asked for Northwind' } }]);
  });

  describe("an approver's question about the registration", () => {
    const question = { question: 'Which business unit is buying?', askedBy: 'Ingrid Larsen', askedAt: '2026-03-02T09:00:00.000Z', answer: null };
    const asked = { ...pending, canDecide: false, detailsRequest: question };
    const answered = { ...asked, detailsRequest: { ...question, answer: { text: 'The EMEA logistics division.', by: 'rob.rep@vendor.com', at: '2026-03-03T10:00:00.000Z' } } };

    it('shows the open question on the tile, and the rep answers it there', async () => {
      const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
      const requests = backend([[asked], [answered]], () => ({ body: { registration: answered } }));
      onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
      render(<DealRegistrationCard />);
      await waitFor(() => expect(find(Text, { testId: 'details-question:r-new' }).text).toBe('Ingrid Larsen asked on Mar 2, 2026: Which business unit is buying?'));
      const send = () => find(Button, { testId: 'send-details-answer:r-new' });
      expect(send().text).toBe('Send answer');
      expect(send().props.disabled).toBe(true);
      find(TextArea, { testId: 'details-answer-input:r-new' }).trigger('onInput', 'The EMEA logistics division.' as never);
      send().trigger('onClick');
      await waitFor(() => expect(find(Text, { testId: 'details-answer:r-new' }).text).toBe('Answered by rob.rep@vendor.com on Mar 3, 2026: The EMEA logistics division.'));
      expect(findAll(TextArea, { testId: 'details-answer-input:r-new' })).toEqual([]);
      const sent = requests.filter((r) => r.path === '/registrations/r-new/details-answer');
      expect(sent.map((r) => r.body)).toEqual([{ answer: 'The EMEA logistics division.' }]);
      expect(sent[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('says why an answer was refused and keeps what was typed', async () => {
      const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
      backend([[asked]], () => ({ status: 409, body: { error: { code: 'conflict', message: 'this question was already answered by rita@vendor.com' } } }));
      onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
      render(<DealRegistrationCard />);
      await waitFor(() => expect(find(TextArea, { testId: 'details-answer-input:r-new' })).toBeTruthy());
      find(TextArea, { testId: 'details-answer-input:r-new' }).trigger('onInput', 'Logistics.' as never);
      find(Button, { testId: 'send-details-answer:r-new' }).trigger('onClick');
      await waitFor(() => expect(find(Text, { testId: 'details-answer-error:r-new' }).text).toContain('already answered by rita@vendor.com'));
      expect(find(TextArea, { testId: 'details-answer-input:r-new' }).props.value).toBe('Logistics.');
    });

    it('shows nothing of the kind when no question was asked', async () => {
      const { render, findAll, find, waitFor, mocks } = createRenderer('crm.record.tab');
      backend([[pending]]);
      onCompany(mocks, { name: 'Globex Corporation', domain: 'globex.com' });
      render(<DealRegistrationCard />);
      await waitFor(() => expect(find(Button, { testId: 'approve:r-new' })).toBeTruthy());
      expect(findAll(Text, { testId: 'details-question:r-new' })).toEqual([]);
    });
  });
});
