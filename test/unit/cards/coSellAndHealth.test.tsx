import { Alert, Button, EmptyState, StatisticsItem, StatusTag, Text, Tile } from '@hubspot/ui-extensions';
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
    expect(textsOf(find(Tile))).toContain('Specializes in analytics suite');

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
  it("shows a partner's score, trend, at-risk reasons and pipeline, and says certifications are not tracked yet", async () => {
    const { render, find, waitFor, mocks } = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => ({
      body: {
        partner: { ...northwind, status: 'at_risk' },
        health: { score: 31, trend: 'down', previousScore: 55, atRisk: true, reasons: ['score fell 24 points since the last evaluation', 'no recent deal activity'] },
        activity: { submittedLast90: 0, submittedPrevious90: 4, won: 1, lost: 3, rejected: 0, expired: 1 },
        pipeline: [{ currency: 'USD', amount: 250000, count: 2 }],
        certifications: null,
      },
    }));
    onCompany(mocks, { name: 'Northwind Partners', domain: 'northwind.com' });
    render(<PartnerHealthCard />);
    await waitFor(() => expect(find(StatisticsItem, { testId: 'health-score' }).props.number).toBe(31));
    expect(requests[0]!.path).toBe('/partner-health?domain=northwind.com');
    expect(textsOf(find(Alert, { testId: 'at-risk' }))).toContain('score fell 24 points since the last evaluation');
    expect(find(Text, { testId: 'pipeline' }).text).toBe('$250,000 in 2 registrations');
    expect(find(Text, { testId: 'certifications' }).text).toContain('does not track partner certifications yet');
  });

  it('explains itself on a company that is not a partner, and on one without a domain', async () => {
    const first = createRenderer('crm.record.tab');
    hubspotHost(() => ({ body: { partner: null } }));
    onCompany(first.mocks, { name: 'Globex Corporation', domain: 'globex.com' });
    first.render(<PartnerHealthCard />);
    await first.waitFor(() => expect(first.find(EmptyState).props.title).toBe('This company is not a partner'));

    const second = createRenderer('crm.record.tab');
    const requests = hubspotHost(() => ({ body: {} }));
    onCompany(second.mocks, { name: 'Nameless Inc' });
    second.render(<PartnerHealthCard />);
    expect(second.find(EmptyState).props.title).toBe('No web domain on this company');
    expect(requests).toHaveLength(0);
  });
});
