import type { CrmDeal } from '../../domain/crmDeal';
import type { Crm } from '../../domain/crm';
import type { CrmObjectSpec, CrmRecord, FieldValues } from '../port';

/** Where a CRM keeps deals and their companies, and how one of its deal records reads as a `CrmDeal`. */
export interface DealObjects {
  deals: CrmObjectSpec;
  companies: CrmObjectSpec;
  toDeal(record: CrmRecord, company: CrmRecord | null): Omit<CrmDeal, 'crm'>;
}

const flag = (v: string | null | undefined) => v === 'true';
const money = (v: string | null | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : 0);
/** A CRM date or datetime (ISO text, or HubSpot's epoch milliseconds). */
const instant = (v: string | null | undefined): Date | null => {
  if (!v) return null;
  const at = /^\d+$/.test(v) ? new Date(Number(v)) : new Date(v);
  return Number.isNaN(at.getTime()) ? null : at;
};
const day = (v: string | null | undefined) => instant(v)?.toISOString().slice(0, 10) ?? null;

function companyOf(record: CrmRecord | null, name: string, domain: string): CrmDeal['company'] {
  if (!record) return null;
  const values: FieldValues = record.values;
  return { crmId: record.id, name: values[name] ?? null, domain: values[domain] ?? null };
}

export const DEAL_OBJECTS: Record<Crm, DealObjects> = {
  hubspot: {
    deals: {
      object: 'deals',
      idField: 'hs_object_id',
      fields: ['dealname', 'amount', 'deal_currency_code', 'dealstage', 'hs_is_closed', 'hs_is_closed_won', 'createdate', 'closedate'],
    },
    companies: { object: 'companies', idField: 'hs_object_id', fields: ['name', 'domain'] },
    toDeal: (r, company) => ({
      crmId: r.id,
      name: r.values.dealname ?? `Deal ${r.id}`,
      amount: money(r.values.amount),
      currency: r.values.deal_currency_code ?? null,
      stage: r.values.dealstage ?? null,
      isClosed: flag(r.values.hs_is_closed),
      isWon: flag(r.values.hs_is_closed_won),
      createdAt: instant(r.values.createdate) ?? r.modifiedAt,
      closeDate: day(r.values.closedate),
      company: companyOf(company, 'name', 'domain'),
      modifiedAt: r.modifiedAt,
    }),
  },
  salesforce: {
    // CurrencyIsoCode exists only in multi-currency orgs, so it is not asked for.
    deals: { object: 'Opportunity', idField: 'Id', fields: ['Name', 'Amount', 'StageName', 'IsClosed', 'IsWon', 'CreatedDate', 'CloseDate'] },
    companies: { object: 'Account', idField: 'Id', fields: ['Name', 'Website'] },
    toDeal: (r, company) => ({
      crmId: r.id,
      name: r.values.Name ?? `Opportunity ${r.id}`,
      amount: money(r.values.Amount),
      currency: null,
      stage: r.values.StageName ?? null,
      isClosed: flag(r.values.IsClosed),
      isWon: flag(r.values.IsWon),
      createdAt: instant(r.values.CreatedDate) ?? r.modifiedAt,
      closeDate: r.values.CloseDate ? r.values.CloseDate.slice(0, 10) : null,
      company: companyOf(company, 'Name', 'Website'),
      modifiedAt: r.modifiedAt,
    }),
  },
};
