import { Alert, Button, EmptyState, ErrorState, List, ProgressBar, StatisticsItem, StatisticsTrend, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { CoSellCard } from '../../../extensions/hubspot/src/CoSellCard.js';
import { PartnerHealthCard } from '../../../extensions/hubspot/src/PartnerHealthCard.js';
import { hubspotHost, onCompany, onGlobexDeal } from './host.js';

const northwind = { id: 'p-north', name: 'Northwind Partners', tier: 'gold', region: 'NA', status: 'active', specialties: ['analytics'] };
const textsOf = (node: { findAll: (c: typeof Text) => { text: string | null }[] }) => node.findAll(Text).map((t) => t.text).join('\n');

describe('Co-sell card', () => {
  it('suggests partners with their reasons and records a co-sell request for this deal', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    let requested = false;
    const requests = hubspotHost((req) => {
      if (req.method === 'POST') {
        requested = true;
        return { status: 201, body: { engagement: { id: 'e1', role: 'co_sell', status: 'requested' } } };
      }
      return {
        body: {
          suggestions: [{ partner: northwind, score: 74, reasons: ['Works in NA', 'Specializes in analytics suite', 'Gold tier'] }],
          engagements: requested ? [{ id: 'e1', partner: northwind, role: 'co_sell', status: 'requested', requestedBy: 'rob@vendor.com', requestedAt: '2026-03-02T09:00:00.000Z' }] : [],
        },
      };
    });
    onGlobexDeal(mocks);
    render(<CoSellCard />);
    await waitFor(() => expect(findAll(Tile, { testId: 'co-sell-suggestion' })).toHaveLength(1));
    expect(requests[0]!.path).toBe('/co-sell?name=Globex%20Corporation&domain=globex.com&country=US&products=Analytics%20Suite');
    // The reasons are items of a divided list, one Text each, never one run of text.
    const reasons = find(Tile).find(List);
    expect(reasons.props.variant).toBe('inline-divided');
    expect(reasons.findAll(Text).map((t) => t.text)).toEqual(['Works in NA', 'Specializes in analytics suite', 'Gold tier']);

    find(Button, { size: 'sm' }).trigger('onClick');
    find(Button, { testId: 'request-co-sell' }).trigger('onClick');
    await waitFor(() => expect(find(StatusTag, { testId: 'engagement-status' }).text).toBe('requested'));
    expect(requests.find((r) => r.method === 'POST')!.body).toEqual({
      partnerId: 'p-north',
      customer: { name: 'Globex Corporation', domain: 'globex.com', country: 'US' },
      role: 'co_sell',
      crmDealRef: 'hubspot:deal:42',
    });
  });
});

describe('Partner health card', () => {
  const atRisk = {
    partner: { ...northwind, status: 'at_risk' },
    health: {
      score: 31,
      trend: 'down',
      previousScore: 55,
      evaluatedAt: '2026-03-02T09:00:00.000Z',
      atRisk: true,
      reasons: ['score fell 24 points since the last evaluation', 'no recent deal activity'],
      summary: 'Weighted mean of engagement, pipeline, enablement, support; satisfaction left out for lack of data and the other weights rescaled to 100 %.',
      components: [
        { component: 'engagement', value: 20, share: 29.4, explanation: 'last active 40 days ago; active on 1 of the last 30 days' },
        { component: 'pipeline', value: 25, share: 35.3, explanation: '0 registrations in the last 90 days (4 in the 90 before); won 1 of 4 closed in the last year' },
        { component: 'enablement', value: 50, share: 17.6, explanation: '1 current certification (unexpired); 2 is healthy' },
        { component: 'satisfaction', value: null, share: 0, explanation: 'left out: no PSAT responses in the last 180 days' },
        { component: 'support', value: 80, share: 17.6, explanation: '1 open support case, 0 closed in the last 90 days; more load lowers the score' },
      ],
    },
    activity: { submittedLast90: 0, submittedPrevious90: 4, won: 1, lost: 3, rejected: 0, expired: 1 },
    pipeline: [{ currency: 'USD', amount: 250000, count: 2 }],
    certifications: [{ name: 'Analytics Implementation', holderEmail: 'ana@northwind.com', issuedAt: '2025-04-01T00:00:00.000Z', expiresAt: '2026-04-01T00:00:00.000Z', daysLeft: 12 }],
  };

  it("shows a partner's score, trend, components with their reasons, at-risk reasons, pipeline and current certifications", async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => ({ body: atRisk }));
    onCompany(mocks, { name: 'Northwind Partners', domain: 'northwind.com' });
    render(<PartnerHealthCard />);
    await waitFor(() => expect(find(StatisticsItem, { testId: 'health-score' }).props.number).toBe(31));
    expect(requests[0]!.path).toBe('/partner-health?domain=northwind.com');
    expect(find(StatisticsTrend).props).toMatchObject({ direction: 'decrease', value: '24 pts' });
    expect(find(Text, { testId: 'evaluated-at' }).text).toBe('Evaluated Mar 2, 2026');
    expect(textsOf(find(Alert, { testId: 'at-risk' }))).toContain('score fell 24 points since the last evaluation');
    expect(find(Text, { testId: 'component-pipeline' }).text).toBe('Pipeline: 25 / 100 · 35.3 % of the score');
    expect(find(ProgressBar, { testId: 'component-pipeline-bar' }).props).toMatchObject({ value: 25, variant: 'danger' });
    expect(find(Text, { testId: 'component-satisfaction' }).text).toBe('Satisfaction: no data');
    expect(find(Text, { testId: 'component-enablement-explanation' }).text).toBe('1 current certification (unexpired); 2 is healthy');
    expect(findAll(ProgressBar)).toHaveLength(4);
    expect(find(Text, { testId: 'component-satisfaction-explanation' }).text).toBe('left out: no PSAT responses in the last 180 days');
    expect(find(Text, { testId: 'pipeline' }).text).toBe('$250,000 in 2 registrations');
    expect(find(Text, { testId: 'certification' }).text).toBe('Analytics Implementation · ana@northwind.com · expires Apr 1, 2026 (in 12 days)');
    expect(find(StatusTag, { variant: 'warning' }).text).toBe('Expires soon');
  });

  it('says a partner not evaluated yet has no score yet, rather than calling it healthy or at risk', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    const notScored = 'Not scored yet: Trellis evaluates partner health on a schedule and has not evaluated this partner.';
    hubspotHost(() => ({ body: { ...atRisk, partner: { ...northwind, status: 'active' }, health: null, notScored } }));
    onCompany(mocks, { name: 'Northwind Partners', domain: 'northwind.com' });
    render(<PartnerHealthCard />);
    await waitFor(() => expect(find(Text, { testId: 'not-scored' }).text).toBe(notScored));
    expect(findAll(StatisticsItem)).toHaveLength(0);
    expect(findAll(StatusTag).map((t) => t.text)).not.toContain('Healthy');
  });

  it('says when a partner holds no current certification', async () => {
    const { render, find, findAll, waitFor, mocks } = createRenderer('crm.record.tab');
    hubspotHost(() => ({ body: { ...atRisk, certifications: [] } }));
    onCompany(mocks, { name: 'Northwind Partners', domain: 'northwind.com' });
    render(<PartnerHealthCard />);
    await waitFor(() => expect(find(Text, { testId: 'certifications-empty' }).text).toContain('No current certifications'));
    expect(findAll(Text, { testId: 'certification' })).toHaveLength(0);
  });

  it('offers a retry when partner health is unavailable', async () => {
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => new Error('connection reset'));
    onCompany(mocks, { name: 'Northwind Partners', domain: 'northwind.com' });
    render(<PartnerHealthCard />);
    await waitFor(() => expect(find(ErrorState).props.title).toBe('Partner health is unavailable'));
    find(Button, { variant: 'secondary' }).trigger('onClick');
    await waitFor(() => expect(requests.length).toBe(2));
  });

  it('explains itself on a company that is not a partner, and on one without a domain', async () => {
    const first = createRenderer('crm.record.tab');
    hubspotHost(() => ({ body: { partner: null } }));
    onCompany(first.mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    first.render(<PartnerHealthCard />);
    await first.waitFor(() => expect(textsOf(first)).toMatch(/^Not a partner\. Partner health shows on a partner's company record/));
    expect(first.findAll(EmptyState)).toHaveLength(0);

    const second = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => ({ body: {} }));
    onCompany(second.mocks, { name: 'Nameless Inc' });
    second.render(<PartnerHealthCard />);
    expect(second.find(EmptyState).props.title).toBe('No web domain on this company');
    expect(requests).toHaveLength(0);
  });
});
