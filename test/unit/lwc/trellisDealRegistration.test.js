import { createElement } from 'lwc';
import TrellisDealRegistration from 'c/trellisDealRegistration';
import getRecordContext from '@salesforce/apex/TrellisCards.getRecordContext';
import getRegistrations from '@salesforce/apex/TrellisCards.getRegistrations';
import searchPartners from '@salesforce/apex/TrellisCards.searchPartners';
import checkRegistration from '@salesforce/apex/TrellisCards.checkRegistration';
import submitRegistration from '@salesforce/apex/TrellisCards.submitRegistration';
import approve from '@salesforce/apex/TrellisCards.approve';

// The Apex class is the platform boundary: each method answers as Trellis would through the Named Credential.
jest.mock('@salesforce/apex/TrellisCards.getRecordContext', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.getRegistrations', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.searchPartners', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.checkRegistration', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.submitRegistration', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.approve', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.reject', () => ({ default: jest.fn() }), { virtual: true });

const conflict = {
    kind: 'cross_region',
    score: 1,
    registrationId: 'r-contoso',
    partner: { id: 'p-contoso', name: 'Contoso Consulting' },
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
const pending = {
    id: 'r-new', status: 'pending', partner: { id: 'p-north', name: 'Northwind Partners' }, products: ['analytics suite'], amount: 125000, currency: 'USD',
    expectedCloseDate: '2026-06-30', region: 'NA', protection: null, canDecide: true, conflictCount: 1,
    awaiting: { approver: { name: 'Dana Reyes', email: 'dana@vendor.com' }, since: '2026-03-02T09:00:00.000Z', line: 'Waiting for Dana Reyes for 2 days' }, conflicts: [{ ...conflict, id: 'c1', otherStatus: 'approved' }]
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function mount() {
    const element = createElement('c-trellis-deal-registration', { is: TrellisDealRegistration });
    element.recordId = '006000000000001AAA';
    element.objectApiName = 'Opportunity';
    document.body.appendChild(element);
    return element;
}

describe('c-trellis-deal-registration', () => {
    beforeEach(() => {
        getRecordContext.mockResolvedValue(JSON.stringify({ customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' }, deal: { name: 'Globex', amount: 125000, closeDate: '2026-06-30' } }));
        searchPartners.mockResolvedValue(JSON.stringify({ partners: [{ id: 'p-north', name: 'Northwind Partners', tier: 'gold', region: 'NA' }] }));
    });
    afterEach(() => {
        document.body.innerHTML = '';
        jest.clearAllMocks();
    });

    it('registers the opportunity for a partner after a live conflict check that shows the evidence', async () => {
        getRegistrations.mockResolvedValueOnce(JSON.stringify({ registrations: [] })).mockResolvedValueOnce(JSON.stringify({ registrations: [pending] }));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 37, conflicts: [conflict] }));
        submitRegistration.mockResolvedValue(JSON.stringify({ registration: pending }));
        const element = mount();
        await flush();
        expect(element.shadowRoot.querySelector('.empty').textContent).toBe('No partner has registered this deal.');

        element.shadowRoot.querySelector('lightning-button.start').click();
        await flush();
        expect(element.shadowRoot.querySelector('lightning-input.amount').value).toBe(125000);
        const partner = element.shadowRoot.querySelector('lightning-combobox.partner');
        expect(partner.options).toEqual([{ label: 'Northwind Partners · gold · NA', value: 'p-north' }]);
        partner.dispatchEvent(new CustomEvent('change', { detail: { value: 'p-north' } }));
        const products = element.shadowRoot.querySelector('lightning-input.products');
        products.dispatchEvent(new CustomEvent('change', { detail: { value: 'Analytics Suite' } }));
        await wait(350);
        await flush();

        const live = element.shadowRoot.querySelector('.check-conflict');
        expect(live.textContent).toContain('Cross-region conflict with Contoso Consulting');
        expect(live.textContent).toContain('Same web domain: globex.com');
        expect(element.shadowRoot.querySelector('.more-conflicts').textContent).toBe('Showing the 1 most pressing of 37 conflicts.');
        expect(JSON.parse(checkRegistration.mock.calls.at(-1)[0].registrationJson)).toEqual({
            partnerId: 'p-north', customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' }, products: ['Analytics Suite'], amount: 125000, currency: 'USD', expectedCloseDate: '2026-06-30'
        });

        element.shadowRoot.querySelector('lightning-button.submit').click();
        await flush();
        await flush();
        expect(submitRegistration).toHaveBeenCalledTimes(1);
        expect(element.shadowRoot.querySelector('.registration lightning-badge.status').label).toBe('Pending approval');
        expect(element.shadowRoot.querySelector('.registration .awaiting').textContent).toBe('Waiting for Dana Reyes for 2 days');
        expect(element.shadowRoot.querySelector('.registration .more-conflicts')).toBeNull();
    });

    it('asks the manager for an override reason when a protected registration blocks the approval', async () => {
        getRegistrations.mockResolvedValue(JSON.stringify({ registrations: [pending] }));
        approve.mockRejectedValueOnce({ body: { message: 'blocked_by_protected_registration: another partner holds an approved, protected registration' } });
        approve.mockResolvedValueOnce(JSON.stringify({ registration: { ...pending, status: 'approved' } }));
        const element = mount();
        await flush();
        element.shadowRoot.querySelector('lightning-button.approve').click();
        await flush();
        const reason = element.shadowRoot.querySelector('lightning-textarea.reason');
        expect(reason.label).toBe('Why override the protected registration?');
        reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Customer asked for Northwind' } }));
        await flush();
        element.shadowRoot.querySelector('lightning-button.confirm').click();
        await flush();
        expect(approve.mock.calls.map((c) => c[0])).toEqual([
            { registrationId: 'r-new', overrideReason: null, idempotencyKey: expect.stringMatching(UUID) },
            { registrationId: 'r-new', overrideReason: 'Customer asked for Northwind', idempotencyKey: expect.stringMatching(UUID) }
        ]);
        // The override is another decision, with its own key.
        expect(approve.mock.calls[1][0].idempotencyKey).not.toBe(approve.mock.calls[0][0].idempotencyKey);
    });

    it('submits again with the same idempotency key after Trellis gave no answer, so the deal is registered once', async () => {
        getRegistrations.mockResolvedValueOnce(JSON.stringify({ registrations: [] })).mockResolvedValue(JSON.stringify({ registrations: [pending] }));
        checkRegistration.mockResolvedValue(JSON.stringify({ conflictCount: 0, conflicts: [] }));
        // Apex's own retry timed out too: the callout error reaches the component without a Trellis answer.
        submitRegistration.mockRejectedValueOnce({ body: { message: 'Read timed out' } });
        submitRegistration.mockResolvedValueOnce(JSON.stringify({ registration: pending }));
        const element = mount();
        await flush();
        element.shadowRoot.querySelector('lightning-button.start').click();
        await flush();
        element.shadowRoot.querySelector('lightning-combobox.partner').dispatchEvent(new CustomEvent('change', { detail: { value: 'p-north' } }));
        element.shadowRoot.querySelector('lightning-input.products').dispatchEvent(new CustomEvent('change', { detail: { value: 'Analytics Suite' } }));
        await flush();

        element.shadowRoot.querySelector('lightning-button.submit').click();
        await flush();
        expect(element.shadowRoot.querySelector('p.slds-text-color_error').textContent).toBe('Read timed out');
        element.shadowRoot.querySelector('lightning-button.submit').click();
        await flush();
        await flush();
        expect(element.shadowRoot.querySelector('.registration lightning-badge.status').label).toBe('Pending approval');
        expect(element.shadowRoot.querySelector('.registration .awaiting').textContent).toBe('Waiting for Dana Reyes for 2 days');
        const [first, retry] = submitRegistration.mock.calls.map((c) => c[0]);
        expect(first.idempotencyKey).toMatch(UUID);
        expect(retry).toEqual(first);
    });

    it('says so when Trellis cannot be reached', async () => {
        getRecordContext.mockRejectedValue({ body: { message: 'unreachable: Read timed out' } });
        const element = mount();
        await flush();
        expect(element.shadowRoot.querySelector('.error').textContent).toContain('Deal registrations are unavailable: Read timed out');
    });
});
