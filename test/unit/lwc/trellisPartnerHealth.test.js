import { createElement } from 'lwc';
import TrellisPartnerHealth from 'c/trellisPartnerHealth';
import getPartnerHealth from '@salesforce/apex/TrellisCards.getPartnerHealth';

jest.mock('@salesforce/apex/TrellisCards.getPartnerHealth', () => ({ default: jest.fn() }), { virtual: true });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('c-trellis-partner-health', () => {
    afterEach(() => {
        document.body.innerHTML = '';
    });

    it('shows the score, its components with their reasons, the at-risk reasons, the pipeline and current certifications', async () => {
        getPartnerHealth.mockResolvedValue(JSON.stringify({
            partner: { id: 'p', name: 'Northwind Partners' },
            health: {
                score: 31, trend: 'down', previousScore: 55, evaluatedAt: '2026-03-02T09:00:00.000Z', atRisk: true, reasons: ['no recent deal activity'],
                summary: 'Weighted mean of engagement, pipeline, enablement; satisfaction, support left out for lack of data and the other weights rescaled to 100 %.',
                components: [
                    { component: 'engagement', value: 20, share: 35.7, explanation: 'last active 40 days ago; active on 1 of the last 30 days' },
                    { component: 'pipeline', value: 25, share: 42.9, explanation: 'won 1 of 4 closed in the last year' },
                    { component: 'enablement', value: 50, share: 21.4, explanation: '1 current certification (unexpired); 2 is healthy' },
                    { component: 'satisfaction', value: null, share: 0, explanation: 'left out: no PSAT responses in the last 180 days' }
                ]
            },
            pipeline: [{ currency: 'USD', amount: 250000, count: 2 }],
            certifications: [
                { name: 'Analytics Implementation', holderEmail: 'ana@northwind.com', issuedAt: '2025-04-01T00:00:00.000Z', expiresAt: '2026-04-01T00:00:00.000Z', daysLeft: 12 },
                { name: 'Partner Foundations', holderEmail: null, issuedAt: '2024-01-10T00:00:00.000Z', expiresAt: null, daysLeft: null }
            ]
        }));
        const element = createElement('c-trellis-partner-health', { is: TrellisPartnerHealth });
        element.recordId = '001000000000001AAA';
        document.body.appendChild(element);
        await flush();
        const root = element.shadowRoot;
        expect(root.querySelector('.score').textContent).toBe('31');
        expect(root.querySelector('.trend').textContent).toBe('Declining');
        expect(root.querySelector('.evaluated-at').textContent).toBe('Evaluated Mar 2, 2026');
        expect(root.querySelector('.not-scored')).toBeNull();
        expect(root.querySelector('.at-risk').textContent).toContain('no recent deal activity');
        expect(root.querySelector('[data-component="pipeline"] .component-label').textContent).toBe('Pipeline: 25 / 100 · 42.9 % of the score');
        expect(root.querySelector('[data-component="pipeline"] lightning-progress-bar').value).toBe(25);
        expect(root.querySelector('[data-component="enablement"] .component-explanation').textContent).toBe('1 current certification (unexpired); 2 is healthy');
        expect(root.querySelector('[data-component="satisfaction"] .component-label').textContent).toBe('Satisfaction: no data');
        expect(root.querySelector('[data-component="satisfaction"] lightning-progress-bar')).toBeNull();
        expect(root.querySelector('.pipeline').textContent).toBe('$250,000 in 2 registrations');
        const certifications = [...root.querySelectorAll('.certification')].map((li) => li.textContent);
        expect(certifications).toEqual([
            'Analytics Implementation · ana@northwind.com · expires Apr 1, 2026 (in 12 days)',
            'Partner Foundations · does not expire'
        ]);
        expect(root.querySelectorAll('.expires-soon')).toHaveLength(1);
        expect(root.querySelector('.no-certifications')).toBeNull();
    });

    it('says when the partner holds no current certification and has no open pipeline', async () => {
        const notScored = 'Not scored yet: Trellis evaluates partner health on a schedule and has not evaluated this partner.';
        getPartnerHealth.mockResolvedValue(JSON.stringify({ partner: { id: 'p', name: 'Northwind Partners' }, health: null, notScored, pipeline: [], certifications: [] }));
        const element = createElement('c-trellis-partner-health', { is: TrellisPartnerHealth });
        element.recordId = '001000000000003AAA';
        document.body.appendChild(element);
        await flush();
        expect(element.shadowRoot.querySelector('.not-scored').textContent).toBe(notScored);
        expect(element.shadowRoot.querySelector('.no-certifications').textContent).toContain('No current certifications');
        expect(element.shadowRoot.querySelector('.no-pipeline').textContent).toBe('No pending or approved registrations.');
    });

    it('offers a retry when partner health is unavailable', async () => {
        getPartnerHealth.mockRejectedValue({ body: { message: 'Read timed out' } });
        const element = createElement('c-trellis-partner-health', { is: TrellisPartnerHealth });
        element.recordId = '001000000000004AAA';
        document.body.appendChild(element);
        await flush();
        expect(element.shadowRoot.querySelector('.error').textContent).toContain('Partner health is unavailable: Read timed out');
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
