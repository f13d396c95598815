import { createElement } from 'lwc';
import TrellisRegistration from 'c/trellisRegistration';
import answerDetails from '@salesforce/apex/TrellisCards.answerDetails';

// The Apex class is the platform boundary: each method answers as Trellis would through the Named Credential.
jest.mock('@salesforce/apex/TrellisCards.answerDetails', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.approve', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.reject', () => ({ default: jest.fn() }), { virtual: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const question = { question: 'Which business unit is buying?', askedBy: 'Ingrid Larsen', askedAt: '2026-03-02T09:00:00.000Z', answer: null };

/** A CardRegistration as src/api/cards/replies.ts declares it. */
function registration(detailsRequest) {
    return {
        id: '4f3e2d1c-0b9a-4877-a665-544332211004',
        status: 'pending',
        partner: { id: '6b1f6c1e-2d7a-4f0e-9a51-0c2f8e6d1a01', name: 'Northwind Partners' },
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
        canDecide: false,
        forThisDeal: true,
        awaiting: null,
        conflictCount: 0,
        conflicts: [],
        detailsRequest
    };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const refusal = (code, message) => ({ body: { message: JSON.stringify({ code, message, details: [] }) } });

function mount(reg) {
    const element = createElement('c-trellis-registration', { is: TrellisRegistration });
    element.registration = reg;
    const changed = jest.fn();
    element.addEventListener('changed', changed);
    document.body.appendChild(element);
    const details = () => element.shadowRoot.querySelector('c-trellis-details-question').shadowRoot;
    return { element, changed, details };
}
const change = (node, value) => node.dispatchEvent(new CustomEvent('change', { detail: { value } }));

describe('c-trellis-details-question on a registration tile', () => {
    afterEach(() => {
        document.body.innerHTML = '';
        jest.clearAllMocks();
    });

    it('shows the open question, and sends the rep\'s answer once through Apex', async () => {
        answerDetails.mockResolvedValue(JSON.stringify({ registration: registration({ ...question, answer: { text: 'Logistics.', by: 'rob@vendor.com', at: '2026-03-03T10:00:00.000Z' } }) }));
        const { changed, details } = mount(registration(question));
        await flush();
        expect(details().querySelector('.details-question').textContent).toBe('Ingrid Larsen asked on Mar 2, 2026: Which business unit is buying?');
        const send = details().querySelector('lightning-button.send-details-answer');
        expect(send.label).toBe('Send answer');
        expect(send.disabled).toBe(true);
        change(details().querySelector('lightning-textarea.details-answer-input'), 'The EMEA logistics division.');
        await flush();
        expect(send.disabled).toBe(false);
        send.click();
        await flush();
        expect(answerDetails.mock.calls.map((c) => c[0])).toEqual([
            { registrationId: '4f3e2d1c-0b9a-4877-a665-544332211004', answer: 'The EMEA logistics division.', idempotencyKey: expect.stringMatching(UUID) }
        ]);
        // The card reloads its registrations, which now carry the answer.
        expect(changed).toHaveBeenCalledTimes(1);
    });

    it('shows the answer, with no box, once the question is answered', async () => {
        const { details } = mount(registration({ ...question, answer: { text: 'Logistics.', by: 'rob@vendor.com', at: '2026-03-03T10:00:00.000Z' } }));
        await flush();
        expect(details().querySelector('.details-answer').textContent).toBe('Answered by rob@vendor.com on Mar 3, 2026: Logistics.');
        expect(details().querySelector('lightning-textarea')).toBeNull();
    });

    it('says why Trellis refused the answer', async () => {
        answerDetails.mockRejectedValue(refusal('conflict', 'this question was already answered by rita@vendor.com'));
        const { changed, details } = mount(registration(question));
        await flush();
        change(details().querySelector('lightning-textarea.details-answer-input'), 'Logistics.');
        await flush();
        details().querySelector('lightning-button.send-details-answer').click();
        await flush();
        await flush();
        expect(details().querySelector('.details-answer-error').textContent).toBe('this question was already answered by rita@vendor.com');
        expect(changed).not.toHaveBeenCalled();
    });

    it('shows nothing when no question was asked', async () => {
        const { details } = mount(registration(null));
        await flush();
        expect(details().querySelector('.details')).toBeNull();
    });
});
