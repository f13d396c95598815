import { createElement } from 'lwc';
import TrellisPartnerHealth from 'c/trellisPartnerHealth';
import getPartnerHealth from '@salesforce/apex/TrellisCards.getPartnerHealth';

jest.mock('@salesforce/apex/TrellisCards.getPartnerHealth', () => ({ default: jest.fn() }), { virtual: true });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-trellis-partner-health', () => {
    afterEach(() => {
        document.body.innerHTML = '';
    });

    it('shows the score, the at-risk reasons and the pipeline, and is honest about certifications', async () => {
        getPartnerHealth.mockResolvedValue(JSON.stringify({
            partner: { id: 'p', name: 'Northwind Partners' },
            health: { score: 31, trend: 'down', previousScore: 55, atRisk: true, reasons: ['no recent deal activity'] },
            pipeline: [{ currency: 'USD', amount: 250000, count: 2 }],
            certifications: null
        }));
        const element = createElement('c-trellis-partner-health', { is: TrellisPartnerHealth });
        element.recordId = '001000000000001AAA';
        document.body.appendChild(element);
        await flush();
        const root = element.shadowRoot;
        expect(root.querySelector('.score').textContent).toBe('31');
        expect(root.querySelector('.trend').textContent).toBe('Declining');
        expect(root.querySelector('.at-risk').textContent).toContain('no recent deal activity');
        expect(root.querySelector('.pipeline').textContent).toBe('$250,000 in 2 registrations');
        expect(root.querySelector('.certifications').textContent).toContain('does not track partner certifications yet');
    });

    it('explains itself on an account that is not a partner', async () => {
        getPartnerHealth.mockResolvedValue(JSON.stringify({ partner: null }));
        const element = createElement('c-trellis-partner-health', { is: TrellisPartnerHealth });
        element.recordId = '001000000000002AAA';
        document.body.appendChild(element);
        await flush();
        expect(element.shadowRoot.querySelector('.empty').textContent).toContain('not a partner');
    });
});
