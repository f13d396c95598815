import { createElement } from 'lwc';
import TrellisDealRegistration from 'c/trellisDealRegistration';
import getRecordContext from '@salesforce/apex/TrellisCards.getRecordContext';
import getRegistrations from '@salesforce/apex/TrellisCards.getRegistrations';
import searchPartners from '@salesforce/apex/TrellisCards.searchPartners';
import checkRegistration from '@salesforce/apex/TrellisCards.checkRegistration';
import submitRegistration from '@salesforce/apex/TrellisCards.submitRegistration';
import approve from '@salesforce/apex/TrellisCards.approve';
import answerDetails from '@salesforce/apex/TrellisCards.answerDetails';

// The Apex class is the platform boundary: each method answers as Trellis would through the Named Credential.
jest.mock('@salesforce/apex/TrellisCards.getRecordContext', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.getRegistrations', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.searchPartners', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.checkRegistration', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.submitRegistration', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.approve', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.reject', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.answerDetails', () => ({ default: jest.fn() }), { virtual: true });

const OPPORTUNITY = '006000000000001AAA';
const NORTHWIND = { id: '6b1f6c1e-2d7a-4f0e-9a51-0c2f8e6d1a01', name: 'Northwind Partners', tier: 'gold', region: 'NA', status: 'active', specialties: ['analytics'] };
const CONTOSO = { id: '9e4a2b7c-5f3d-4c81-8b6e-1d0f7a3c2e02', name: 'Contoso Consulting' };
const customer = { name: 'Globex Corporation', domain: 'globex.com', country: 'US' };

const conflict = {
    kind: 'cross_region',
    score: 1,
    registrationId: '2c9d7e1f-3a4b-4c5d-8e6f-7a8b9c0d1e03',
    partner: CONTOSO,
    evidence: {
        matchedOn: 'domain',
        customer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
        existingCustomer: { normalizedName: 'globex', normalizedDomain: 'globex.com' },
        nameSimilarity: 1,
        overlappingProducts: ['analytics suite'],
        regions: { submitted: 'NA', existing: 'EMEA' },
        existingStatus: 'approved'
    },
    blocksApproval: true
};

/** A CardRegistration as src/api/cards/replies.ts declares it, with the backend's `forThisDeal`. */
function registration(overrides = {}) {
    return {
        id: '4f3e2d1c-0b9a-4877-a665-544332211004',
        status: 'pending',
        partner: { id: NORTHWIND.id, name: NORTHWIND.name },
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
        awaiting: { approver: { name: 'Dana Reyes', email: 'dana@vendor.com' }, since: '2026-03-02T09:00:00.000Z', line: 'Waiting for Dana Reyes for 2 days' },
        conflictCount: 1,
        conflicts: [{ ...conflict, id: '8a7b6c5d-4e3f-4a1b-9c2d-3e4f5a6b7c05', status: 'open', resolution: null, otherStatus: 'approved' }],
        forThisDeal: true,
        detailsRequest: null,
        ...overrides
    };
}
const pending = registration();
const otherRegistration = (n, overrides = {}) =>
    registration({ id: `4f3e2d1c-0b9a-4877-a665-54433221100${n}`, partner: CONTOSO, forThisDeal: false, canDecide: false, conflictCount: 0, conflicts: [], ...overrides });

/** A RecordRegistrationsReply. */
const listReply = (registrations) =>
    JSON.stringify({ viewer: { name: 'Sam Rep' }, rules: { rulesOfEngagement: 'first_to_register', protectionWindowDays: 90, earliestCloseDate: '2026-02-28' }, registrations });
/** How the Apex class hands on Trellis's 4xx answer: its error object as JSON. */
const refusal = (code, message, details) => ({ body: { message: JSON.stringify({ code, message, details }) } });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const afterDebounce = async () => {
    await wait(350);
    await flush();
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function mount(objectApiName = 'Opportunity', recordId = OPPORTUNITY) {
    const element = createElement('c-trellis-deal-registration', { is: TrellisDealRegistration });
    element.recordId = recordId;
    element.objectApiName = objectApiName;
    document.body.appendChild(element);
    return element;
}
const card = (element) => element.shadowRoot;
const form = (element) => {
    const f = card(element).querySelector('c-trellis-registration-form');
    return f && f.shadowRoot;
};
const tilesIn = (root) => [...root.querySelectorAll('c-trellis-registration')].map((t) => t.shadowRoot);
const change = (node, value) => node.dispatchEvent(new CustomEvent('change', { detail: { value } }));
/** Everything a rep can read, through the components' shadow roots. */
const textOf = (node) =>
    [node.textContent, ...[...node.querySelectorAll('*')].map((n) => (n.shadowRoot ? textOf(n.shadowRoot) : '')), ...[...node.querySelectorAll('[label]')].map((n) => n.label || '')].join(' ');

async function openForm(element) {
    await flush();
    card(element).querySelector('lightning-button.start').click();
    await flush();
    return form(element);
}
async function choosePartner(f, text = 'north') {
    change(f.querySelector('lightning-input.partner-search'), text);
    await afterDebounce();
    f.querySelector(`.partner-option[data-id="${NORTHWIND.id}"]`).click();
    await flush();
}
/** Opens the form, registers Analytics Suite for Northwind and waits for Trellis's answer; `beforeSubmit` sees the form first. */
async function register(element, beforeSubmit = () => {}) {
    const f = await openForm(element);
    await choosePartner(f);
    change(f.querySelector('lightning-input.products'), 'Analytics Suite');
    await flush();
    beforeSubmit(f);
    f.querySelector('lightning-button.submit').click();
    await flush();
    await flush();
    await flush();
    return f;
}
const liveCheck = (f) => f.querySelector('c-trellis-conflict-list.check-conflicts').shadowRoot;

describe('c-trellis-deal-registration', () => {
    beforeEach(() => {
        getRecordContext.mockResolvedValue(JSON.stringify({ customer, deal: { name: 'Globex', amount: 125000, closeDate: '2026-06-30' } }));
        searchPartners.mockResolvedValue(JSON.stringify({ partners: [NORTHWIND] }));
    });
    afterEach(() => {
        document.body.innerHTML = '';
        jest.clearAllMocks();
        getRegistrations.mockReset();
        submitRegistration.mockReset();
    });

    it('registers the opportunity for a partner found by search, after a live conflict check, and says who decides', async () => {
        getRegistrations.mockResolvedValueOnce(listReply([])).mockResolvedValue(listReply([pending]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 37, conflicts: [conflict] }));
        submitRegistration.mockResolvedValue(JSON.stringify({ registration: pending }));
        const element = mount();
        await flush();
        expect(card(element).querySelector('.this-deal .empty').textContent).toBe('No partner has registered this deal.');

        const f = await openForm(element);
        expect(f.querySelector('lightning-input.amount').value).toBe(125000);
        expect(f.querySelector('lightning-input.close-date').min).toBe('2026-02-28');
        change(f.querySelector('lightning-input.partner-search'), 'north');
        await afterDebounce();
        expect(searchPartners).toHaveBeenLastCalledWith({ text: 'north' });
        const option = f.querySelector('[role="listbox"] .partner-option');
        expect(option.textContent).toBe('Northwind Partnersgold · NA');
        option.click();
        await flush();
        expect(f.querySelector('[role="listbox"]')).toBeNull();
        expect(f.querySelector('lightning-input.partner-search').value).toBe('Northwind Partners');
        change(f.querySelector('lightning-input.products'), 'Analytics Suite');
        await afterDebounce();

        const live = liveCheck(f).querySelector('.conflict');
        expect(live.textContent).toContain('Cross-region conflict with Contoso Consulting');
        expect(live.textContent).toContain('Same web domain: globex.com');
        // Trellis matches products case-insensitively; the rep sees them as typed.
        expect(live.textContent).toContain('Overlapping products: Analytics Suite');
        expect(liveCheck(f).querySelector('.more-conflicts').textContent).toBe('Showing the 1 most pressing of 37 conflicts.');
        expect(JSON.parse(checkRegistration.mock.calls.at(-1)[0].registrationJson)).toEqual({
            partnerId: NORTHWIND.id, customer, products: ['Analytics Suite'], amount: 125000, currency: 'USD', expectedCloseDate: '2026-06-30'
        });

        f.querySelector('lightning-button.submit').click();
        await flush();
        await flush();
        expect(JSON.parse(submitRegistration.mock.calls[0][0].registrationJson)).toEqual({
            partnerId: NORTHWIND.id, customer, products: ['Analytics Suite'], amount: 125000, currency: 'USD', expectedCloseDate: '2026-06-30', crmDealRef: `salesforce:Opportunity:${OPPORTUNITY}`
        });
        expect(form(element)).toBeNull();
        expect(card(element).querySelector('.confirmation').textContent).toBe('Sent to Dana Reyes for approval');
        const [tile] = tilesIn(card(element).querySelector('.this-deal'));
        expect(tile.querySelector('lightning-badge.status').label).toBe('Pending approval');
        expect(tile.querySelector('.summary').textContent).toBe('$125,000 · Analytics Suite · NA · closes 2026-06-30');
        expect(tile.querySelector('.awaiting').textContent).toBe('Waiting for Dana Reyes for 2 days');
        const stored = tile.querySelector('c-trellis-conflict-list').shadowRoot;
        expect(stored.querySelector('.conflict').textContent).toContain('Their registration is approved and protected');
        expect(stored.querySelector('.more-conflicts')).toBeNull();
    });

    it('confirms an approval with the day its protection ends', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        const approved = registration({ status: 'approved', awaiting: null, canDecide: false, protection: { expiresAt: '2026-06-30T09:00:00.000Z', daysLeft: 90 }, conflictCount: 0, conflicts: [] });
        submitRegistration.mockResolvedValue(JSON.stringify({ registration: approved }));
        const element = mount();
        await register(element);
        expect(card(element).querySelector('.confirmation').textContent).toBe('Approved — protected until Jun 30, 2026');
    });

    it('asks to keep typing when more partners match than are listed, and says when none does', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        const many = Array.from({ length: 10 }, (_, i) => ({ ...NORTHWIND, id: `6b1f6c1e-2d7a-4f0e-9a51-0c2f8e6d1b${String(i).padStart(2, '0')}`, name: `Partner ${i}` }));
        searchPartners.mockResolvedValueOnce(JSON.stringify({ partners: many })).mockResolvedValueOnce(JSON.stringify({ partners: [NORTHWIND] })).mockResolvedValueOnce(JSON.stringify({ partners: [] }));
        const element = mount();
        const f = await openForm(element);
        f.querySelector('lightning-input.partner-search').dispatchEvent(new CustomEvent('focus'));
        await flush();
        expect(f.querySelectorAll('.partner-option')).toHaveLength(10);
        expect(f.querySelector('.more-partners').textContent).toBe('More partners match than are listed: keep typing to narrow the list.');

        change(f.querySelector('lightning-input.partner-search'), 'northw');
        await afterDebounce();
        expect(f.querySelectorAll('.partner-option')).toHaveLength(1);
        expect(f.querySelector('.more-partners')).toBeNull();

        change(f.querySelector('lightning-input.partner-search'), 'zzz');
        await afterDebounce();
        expect(f.querySelector('[role="listbox"]')).toBeNull();
        expect(f.querySelector('.no-partners').textContent).toBe('No partner matches "zzz".');
    });

    it('lets the rep pick a partner with the keyboard, as in Salesforce lookups', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        const contoso = { ...NORTHWIND, ...CONTOSO, tier: 'silver', region: 'EMEA' };
        searchPartners.mockResolvedValue(JSON.stringify({ partners: [NORTHWIND, contoso] }));
        const element = mount();
        const f = await openForm(element);
        const search = f.querySelector('lightning-input.partner-search');
        change(search, 'o');
        await afterDebounce();
        const key = async (name) => {
            search.dispatchEvent(new KeyboardEvent('keydown', { key: name }));
            await flush();
        };
        await key('ArrowDown');
        await key('ArrowDown');
        expect([...f.querySelectorAll('.partner-option')].map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true']);
        await key('Enter');
        expect(f.querySelector('[role="listbox"]')).toBeNull();
        expect(search.value).toBe('Contoso Consulting');
        expect(f.querySelector('.missing').textContent).toBe('To register, add the products.');
    });

    it('marks the required fields and says what is missing while Register is disabled', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        const element = mount();
        const f = await openForm(element);
        expect([...f.querySelectorAll('lightning-input')].map((i) => [i.label, i.required])).toEqual([
            ['Partner', true],
            ['Products', true],
            ['Amount (USD)', true],
            ['Expected close', true]
        ]);
        expect(f.querySelector('lightning-button.submit').disabled).toBe(true);
        expect(f.querySelector('.missing').textContent).toBe('To register, add a partner and the products.');
        change(f.querySelector('lightning-input.amount'), '');
        await flush();
        expect(f.querySelector('.missing').textContent).toBe('To register, add a partner, the products and an amount.');
        await choosePartner(f);
        change(f.querySelector('lightning-input.amount'), '90000');
        await flush();
        expect(f.querySelector('.missing').textContent).toBe('To register, add the products.');
        change(f.querySelector('lightning-input.products'), 'Payments');
        await flush();
        expect(f.querySelector('lightning-button.submit').disabled).toBe(false);
        expect(f.querySelector('.missing')).toBeNull();
    });

    it('shows each refusal once, at the field it is about, and clears it when the field is edited', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        submitRegistration.mockRejectedValueOnce(
            refusal('validation_error', 'Invalid request body', [
                { location: 'body', path: ['products', 0], message: 'Too big: expected string to have <=120 characters' },
                { location: 'body', path: ['products', 1], message: 'Too big: expected string to have <=120 characters' },
                { location: 'body', path: ['amount'], message: 'Too big: expected number to be <=10000000000000' },
                { location: 'body', path: ['customer', 'domain'], message: 'must be a web domain' }
            ])
        );
        const element = mount();
        const f = await openForm(element);
        await choosePartner(f);
        const products = f.querySelector('lightning-input.products');
        change(products, 'A very long product name, Another one');
        await flush();
        const told = {};
        for (const input of f.querySelectorAll('lightning-input')) {
            told[input.dataset.field] = jest.spyOn(input, 'setCustomValidity');
            jest.spyOn(input, 'reportValidity');
        }
        f.querySelector('lightning-button.submit').click();
        await flush();
        await flush();

        expect(told.products).toHaveBeenLastCalledWith('Too big: expected string to have <=120 characters');
        expect(told.amount).toHaveBeenLastCalledWith('Too big: expected number to be <=10000000000000');
        expect(told.partner).toHaveBeenLastCalledWith('');
        expect(told.closeDate).toHaveBeenLastCalledWith('');
        expect(products.reportValidity).toHaveBeenCalled();
        // The account's domain has no field in the form: said once above the button, the summary not at all.
        expect(f.querySelector('.form-error').textContent).toBe('customer.domain: must be a web domain');
        expect(textOf(f)).not.toContain('Invalid request body');

        change(products, 'Analytics Suite');
        await flush();
        expect(told.products).toHaveBeenLastCalledWith('');
        expect(told.amount).toHaveBeenLastCalledWith('Too big: expected number to be <=10000000000000');
    });

    it('puts a close date in the past at the date field', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        const message = 'the expected close date 2026-01-02 is in the past; a registration claims a deal still to be won, so give a date today or later';
        submitRegistration.mockRejectedValueOnce(refusal('close_date_in_past', message, { earliestCloseDate: '2026-03-04' }));
        const element = mount();
        let told;
        const f = await register(element, (form) => {
            told = jest.spyOn(form.querySelector('lightning-input.close-date'), 'setCustomValidity');
        });
        expect(told).toHaveBeenLastCalledWith(message);
        expect(f.querySelector('.form-error')).toBeNull();
    });

    it.each([
        ['the refusal points at it', { registrationId: pending.id }, 'this partner already holds a pending registration of this customer'],
        ['the refusal names it as it does today', { existingRegistrationId: pending.id, existingStatus: 'pending' }, 'this partner already holds a pending registration of this customer'],
        ['only the message names it', {}, `this partner already holds a pending registration of this customer for analytics suite (${pending.id}); ask for that one to be extended rather than registering it again`]
    ])('says who registered the same customer and products first, and when (%s)', async (_how, details, message) => {
        getRegistrations.mockResolvedValueOnce(listReply([])).mockResolvedValue(listReply([pending]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        submitRegistration.mockRejectedValueOnce(refusal('duplicate_registration', message, details));
        const f = await register(mount());
        expect(f.querySelector('.form-error').textContent).toBe('Already registered by Northwind Partners on Mar 2, 2026. Ask for that registration to be extended instead.');
    });

    it('closes the form on Cancel', async () => {
        getRegistrations.mockResolvedValue(listReply([]));
        const element = mount();
        const f = await openForm(element);
        f.querySelector('lightning-button.cancel').click();
        await flush();
        expect(form(element)).toBeNull();
        expect(card(element).querySelector('lightning-button.start').label).toBe('Register this deal for a partner');
        expect(submitRegistration).not.toHaveBeenCalled();
    });

    it("shows this deal's registration first and folds the account's others below", async () => {
        const others = [otherRegistration(6), otherRegistration(7, { status: 'approved', awaiting: null }), otherRegistration(8, { status: 'rejected', awaiting: null })];
        getRegistrations.mockResolvedValue(listReply([pending, ...others]));
        const element = mount();
        await flush();
        const thisDeal = card(element).querySelector('.this-deal');
        expect(thisDeal.querySelector('h3').textContent).toBe('This deal');
        expect(tilesIn(thisDeal).map((t) => t.querySelector('.partner').textContent)).toEqual(['Northwind Partners']);
        const toggle = card(element).querySelector('.others-toggle');
        expect(toggle.textContent).toBe('3 other registrations for this account');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect(tilesIn(card(element).querySelector('.others'))).toHaveLength(0);

        toggle.click();
        await flush();
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(tilesIn(card(element).querySelector('.others')).map((t) => t.querySelector('lightning-badge.status').label)).toEqual(['Pending approval', 'Approved', 'Rejected']);
    });

    it('treats a registration without forThisDeal as another deal’s', async () => {
        const { forThisDeal, ...older } = otherRegistration(6);
        getRegistrations.mockResolvedValue(listReply([older]));
        const element = mount();
        await flush();
        expect(card(element).querySelector('.this-deal .empty').textContent).toBe('No partner has registered this deal.');
        expect(card(element).querySelector('.others-toggle').textContent).toBe('1 other registration for this account');
    });

    it('lists every registration of the account on an Account page', async () => {
        getRecordContext.mockResolvedValue(JSON.stringify({ customer }));
        getRegistrations.mockResolvedValue(listReply([otherRegistration(6), otherRegistration(7)]));
        const element = mount('Account', '001000000000001AAA');
        await flush();
        expect(tilesIn(card(element))).toHaveLength(2);
        expect(card(element).querySelector('.others-toggle')).toBeNull();
        expect(card(element).querySelector('lightning-button.start').label).toBe('Register a deal for a partner');
    });

    it('asks the manager for an override reason when a protected registration blocks the approval', async () => {
        getRegistrations.mockResolvedValue(listReply([pending]));
        approve.mockRejectedValueOnce(refusal('blocked_by_protected_registration', 'another partner holds an approved, protected registration', {}));
        approve.mockResolvedValueOnce(JSON.stringify({ registration: { ...pending, status: 'approved' } }));
        const element = mount();
        await flush();
        const [tile] = tilesIn(card(element));
        tile.querySelector('lightning-button.approve').click();
        await flush();
        const reason = tile.querySelector('lightning-textarea.reason');
        expect(reason.label).toBe('Why override the protected registration?');
        expect(reason.required).toBe(true);
        change(reason, 'Customer asked for Northwind');
        await flush();
        tile.querySelector('lightning-button.confirm').click();
        await flush();
        expect(approve.mock.calls.map((c) => c[0])).toEqual([
            { registrationId: pending.id, overrideReason: null, idempotencyKey: expect.stringMatching(UUID) },
            { registrationId: pending.id, overrideReason: 'Customer asked for Northwind', idempotencyKey: expect.stringMatching(UUID) }
        ]);
        // The override is another decision, with its own key.
        expect(approve.mock.calls[1][0].idempotencyKey).not.toBe(approve.mock.calls[0][0].idempotencyKey);
    });

    it('submits again with the same idempotency key after Trellis gave no answer, so the deal is registered once', async () => {
        getRegistrations.mockResolvedValueOnce(listReply([])).mockResolvedValue(listReply([pending]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        // Apex's own retry timed out too: the callout error reaches the component without a Trellis answer.
        submitRegistration.mockRejectedValueOnce({ body: { message: 'Read timed out' } });
        submitRegistration.mockResolvedValueOnce(JSON.stringify({ registration: pending }));
        const element = mount();
        const f = await register(element);
        expect(f.querySelector('.form-error').textContent).toBe('Read timed out');
        f.querySelector('lightning-button.submit').click();
        await flush();
        await flush();
        expect(card(element).querySelector('.confirmation').textContent).toBe('Sent to Dana Reyes for approval');
        const [first, retry] = submitRegistration.mock.calls.map((c) => c[0]);
        expect(first.idempotencyKey).toMatch(UUID);
        expect(retry).toEqual(first);
    });

    it('never says "tenant" to a rep', async () => {
        getRegistrations.mockResolvedValue(listReply([pending, otherRegistration(6)]));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 1, conflicts: [conflict] }));
        const element = mount();
        const f = await openForm(element);
        card(element).querySelector('.others-toggle').click();
        await choosePartner(f);
        await afterDebounce();
        expect(textOf(card(element))).toContain('Cross-region conflict with Contoso Consulting');
        expect(textOf(card(element))).not.toMatch(/tenant/i);
    });

    it('says so when Trellis cannot be reached', async () => {
        getRecordContext.mockRejectedValue({ body: { message: 'Read timed out' } });
        const element = mount();
        await flush();
        expect(card(element).querySelector('.error').textContent).toContain('Deal registrations are unavailable: Read timed out');
    });

    describe("an approver's question on a registration", () => {
        const question = { question: 'Which business unit is buying?', askedBy: 'Ingrid Larsen', askedAt: '2026-03-02T09:00:00.000Z', answer: null };
        const answer = { text: 'The EMEA logistics division.', by: 'rob@vendor.com', at: '2026-03-03T10:00:00.000Z' };
        const asked = registration({ canDecide: false, detailsRequest: question });
        const answered = registration({ canDecide: false, detailsRequest: { ...question, answer } });
        const detailsOf = (element) => tilesIn(card(element))[0].querySelector('c-trellis-details-question').shadowRoot;

        it("shows the open question, sends the rep's answer once through Apex, then shows the answer", async () => {
            getRegistrations.mockResolvedValueOnce(listReply([asked])).mockResolvedValueOnce(listReply([answered]));
            answerDetails.mockResolvedValue(JSON.stringify({ registration: answered }));
            const element = mount();
            await flush();
            expect(detailsOf(element).querySelector('.details-question').textContent).toBe('Ingrid Larsen asked on Mar 2, 2026: Which business unit is buying?');
            const send = detailsOf(element).querySelector('lightning-button.send-details-answer');
            expect(send.label).toBe('Send answer');
            expect(send.disabled).toBe(true);
            change(detailsOf(element).querySelector('lightning-textarea.details-answer-input'), 'The EMEA logistics division.');
            await flush();
            expect(send.disabled).toBe(false);
            send.click();
            await flush();
            await flush();
            expect(answerDetails.mock.calls.map((c) => c[0])).toEqual([{ registrationId: asked.id, answer: 'The EMEA logistics division.', idempotencyKey: expect.stringMatching(UUID) }]);
            expect(detailsOf(element).querySelector('.details-answer').textContent).toBe('Answered by rob@vendor.com on Mar 3, 2026: The EMEA logistics division.');
            expect(detailsOf(element).querySelector('lightning-textarea')).toBeNull();
        });

        it('says why Trellis refused the answer', async () => {
            getRegistrations.mockResolvedValue(listReply([asked]));
            answerDetails.mockRejectedValue(refusal('conflict', 'this question was already answered by rita@vendor.com', {}));
            const element = mount();
            await flush();
            change(detailsOf(element).querySelector('lightning-textarea.details-answer-input'), 'Logistics.');
            await flush();
            detailsOf(element).querySelector('lightning-button.send-details-answer').click();
            await flush();
            await flush();
            expect(detailsOf(element).querySelector('.details-answer-error').textContent).toBe('this question was already answered by rita@vendor.com');
            expect(getRegistrations).toHaveBeenCalledTimes(1);
        });

        it('shows nothing of the kind when no question was asked', async () => {
            getRegistrations.mockResolvedValue(listReply([pending]));
            const element = mount();
            await flush();
            expect(detailsOf(element).querySelector('.details')).toBeNull();
        });
    });
});
