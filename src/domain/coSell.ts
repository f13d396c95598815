export const CO_SELL_ROLES = ['co_sell', 'implementation', 'referral'] as const;
export type CoSellRole = (typeof CO_SELL_ROLES)[number];
export const CO_SELL_STATUSES = ['requested', 'accepted', 'declined', 'active', 'closed'] as const;
export type CoSellStatus = (typeof CO_SELL_STATUSES)[number];
