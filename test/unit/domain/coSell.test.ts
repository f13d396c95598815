import { CO_SELL_ROLES, CO_SELL_STATUSES } from '../../../src/domain/coSell';

describe('co-selling vocabulary', () => {
  it('offers the roles and statuses the store accepts (migration 0007’s checks)', () => {
    expect(CO_SELL_ROLES).toEqual(['co_sell', 'implementation', 'referral']);
    expect(CO_SELL_STATUSES).toEqual(['requested', 'accepted', 'declined', 'active', 'closed']);
  });
});
