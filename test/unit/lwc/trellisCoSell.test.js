import { createElement } from 'lwc';
import TrellisCoSell from 'c/trellisCoSell';
import getCoSell from '@salesforce/apex/TrellisCards.getCoSell';

jest.mock('@salesforce/apex/TrellisCards.getCoSell', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/TrellisCards.requestCoSell', () => ({ default: jest.fn() }), { virtual: true });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-trellis-co-sell', () => {
    afterEach(() => {
        document.body.innerHTML = '';
    });

    it("shows each suggested partner's reasons as separate items", async () => {
        getCoSell.mockResolvedValue(JSON.stringify({
            suggestions: [{ partner: { id: 'p-br', name: 'Brasil Partners' }, score: 62, reasons: ['Gold tier', 'Based in BR', 'No closed registrations yet'] }],
            engagements: []
        }));
        const element = createElement('c-trellis-co-sell', { is: TrellisCoSell });
        element.recordId = '006000000000001AAA';
        document.body.appendChild(element);
        await flush();
        const suggestion = element.shadowRoot.querySelector('.suggestion');
        expect([...suggestion.querySelectorAll('ul.reasons > li.reason')].map((li) => li.textContent)).toEqual(['Gold tier', 'Based in BR', 'No closed registrations yet']);
    });
});
