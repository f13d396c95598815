import { useAssociations, useCrmProperties } from '@hubspot/ui-extensions/crm';
import { useExtensionContext } from '@hubspot/ui-extensions';

/** The customer company as Trellis matches it. */
export interface Customer {
  name: string;
  domain: string | null;
  country: string | null;
}

export interface DealFacts {
  /** How Trellis names this deal: `hubspot:deal:<id>`. */
  ref: string;
  name: string;
  amount: number | null;
  currency: string;
  /** YYYY-MM-DD */
  closeDate: string | null;
  /** Names of the deal's line items. */
  products: string[];
}

export interface RecordState<T> {
  loading: boolean;
  error: Error | null;
  value: T | null;
}

const COMPANY_PROPERTIES = ['name', 'domain', 'country'];
/** HubSpot's company and line item type ids. */
const COMPANY = '0-2';
const LINE_ITEM = '0-8';

const ISO_COUNTRY = /^[A-Za-z]{2}$/;

const toCustomer = (p: Record<string, string | null>): Customer | null =>
  p.name ? { name: p.name, domain: p.domain || null, country: p.country && ISO_COUNTRY.test(p.country) ? p.country.toUpperCase() : null } : null;

/** HubSpot stores dates as epoch milliseconds or ISO text. */
function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export function useCompanyRecord(): RecordState<Customer> {
  const { properties, isLoading, error } = useCrmProperties(COMPANY_PROPERTIES);
  return { loading: isLoading, error, value: isLoading ? null : toCustomer(properties) };
}

/** A deal with its primary company, which is the customer a registration names. */
export function useDealRecord(): RecordState<{ deal: DealFacts; customer: Customer | null }> {
  const context = useExtensionContext<'crm.record.tab'>();
  const deal = useCrmProperties(['dealname', 'amount', 'deal_currency_code', 'closedate']);
  const companies = useAssociations({ toObjectType: COMPANY, properties: COMPANY_PROPERTIES, pageLength: 1 });
  const lineItems = useAssociations({ toObjectType: LINE_ITEM, properties: ['name'], pageLength: 20 });
  const loading = deal.isLoading || companies.isLoading || lineItems.isLoading;
  if (loading) return { loading, error: null, value: null };
  const p = deal.properties;
  const amount = p.amount ? Number(p.amount) : null;
  const first = companies.results[0];
  return {
    loading,
    error: deal.error ?? companies.error ?? lineItems.error,
    value: {
      deal: {
        ref: `hubspot:deal:${context.crm.objectId}`,
        name: p.dealname ?? 'This deal',
        amount: amount !== null && Number.isFinite(amount) ? amount : null,
        currency: p.deal_currency_code || 'USD',
        closeDate: toIsoDate(p.closedate),
        products: [...new Set(lineItems.results.map((l) => l.properties.name).filter((n): n is string => Boolean(n)))],
      },
      customer: first ? toCustomer(first.properties) : null,
    },
  };
}
