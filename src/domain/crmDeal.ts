import type { Crm } from './crm';

/** A deal or opportunity as Trellis keeps it from a connected CRM (the CRM owns every field). */
export interface CrmDeal {
  crm: Crm;
  crmId: string;
  name: string;
  amount: number;
  /** ISO 4217 code, or null when the CRM gives none (a single-currency portal or org). */
  currency: string | null;
  stage: string | null;
  isClosed: boolean;
  isWon: boolean;
  createdAt: Date;
  /** Actual close date of a closed deal, expected close date of an open one (YYYY-MM-DD). */
  closeDate: string | null;
  company: { crmId: string; name: string | null; domain: string | null } | null;
  modifiedAt: Date;
}

/** How co-sell engagements and cards name a CRM deal: `hubspot:deal:123`, `salesforce:Opportunity:006…`. */
export const crmDealRef = (deal: Pick<CrmDeal, 'crm' | 'crmId'>): string => `${deal.crm}:${deal.crm === 'hubspot' ? 'deal' : 'Opportunity'}:${deal.crmId}`;

/** How conflict evidence names a CRM company record: `hubspot:company:123`, `salesforce:Account:001…`. */
export const crmCompanyRef = (crm: CrmDeal['crm'], companyCrmId: string): string => `${crm}:${crm === 'hubspot' ? 'company' : 'Account'}:${companyCrmId}`;
