import { submitterEmailOf } from '../../../src/domain/detailsRequest';

describe('who submitted a registration, to ask them about it', () => {
  it.each([
    ['a user', 'Rita@Vendor.com', 'rita@vendor.com'],
    ['a Slack user', 'slack:U0123ABC (rita@vendor.com)', 'rita@vendor.com'],
    ['an API key', 'zapier integration', null],
    ['a CRM user without an email', 'hubspot user 4242', null],
  ])('is found for %s', (_label, actor, email) => {
    expect(submitterEmailOf(actor)).toBe(email);
  });
});
