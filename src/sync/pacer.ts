/**
 * Waits until one more request fits under a CRM's published limit. `search` calls have
 * their own budget at HubSpot; adapters name which one a call spends.
 */
export type Pacer = (budget: 'api' | 'search') => Promise<void>;
