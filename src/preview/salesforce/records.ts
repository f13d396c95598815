import { soqlId, type PageObject, type PreviewOrg } from './org';

/** A record as its Lightning record page shows it: highlights, details, and one related list. */
export interface PageRecord {
  object: PageObject;
  id: string;
  name: string;
  highlights: [label: string, value: string][];
  details: [label: string, value: string][];
  related: { title: string; rows: { object: PageObject; id: string; name: string; detail: string }[] };
}

interface Account extends Record<string, unknown> {
  Id: string;
  Name: string;
  Website: string | null;
  BillingCountry: string | null;
  Industry: string | null;
  Type: string | null;
  NumberOfEmployees: number | null;
  AnnualRevenue: number | null;
}

interface Opportunity extends Record<string, unknown> {
  Id: string;
  Name: string;
  Amount: number | null;
  CloseDate: string | null;
  StageName: string | null;
  Probability: number | null;
  LeadSource: string | null;
  AccountId: string | null;
}

const money = (n: number | null) => (n === null ? '' : new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n));
const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The org's Opportunities and Accounts for the record picker, by name. */
export async function listPageRecords(org: PreviewOrg, object: PageObject, limit = 25): Promise<{ id: string; name: string }[]> {
  const rows = await org.query<{ Id: string; Name: string }>(`SELECT Id, Name FROM ${object} ORDER BY Name LIMIT ${limit}`);
  return rows.map((r) => ({ id: r.Id, name: r.Name }));
}

/** An Opportunity with its Account, or an Account with its Opportunities; null when the org has no such record. */
export async function readPageRecord(org: PreviewOrg, object: PageObject, id: string): Promise<PageRecord | null> {
  const accountFields = 'Id, Name, Website, BillingCountry, Industry, Type, NumberOfEmployees, AnnualRevenue';
  if (object === 'Opportunity') {
    const [o] = await org.query<Opportunity>(`SELECT Id, Name, Amount, CloseDate, StageName, Probability, LeadSource, AccountId FROM Opportunity WHERE Id = ${soqlId(id)}`);
    if (!o) return null;
    const [a] = o.AccountId ? await org.query<Account>(`SELECT ${accountFields} FROM Account WHERE Id = ${soqlId(o.AccountId)}`) : [];
    return {
      object,
      id: o.Id,
      name: o.Name,
      highlights: [['Account Name', a?.Name ?? ''], ['Close Date', shown(o.CloseDate)], ['Amount', money(o.Amount)], ['Stage', shown(o.StageName)]],
      details: [['Opportunity Name', o.Name], ['Account Name', a?.Name ?? ''], ['Amount', money(o.Amount)], ['Close Date', shown(o.CloseDate)], ['Stage', shown(o.StageName)], ['Probability (%)', shown(o.Probability)], ['Lead Source', shown(o.LeadSource)]],
      related: { title: 'Account', rows: a ? [{ object: 'Account', id: a.Id, name: a.Name, detail: [a.Website, a.BillingCountry, a.Industry].filter(Boolean).join(' · ') }] : [] },
    };
  }
  const [a] = await org.query<Account>(`SELECT ${accountFields} FROM Account WHERE Id = ${soqlId(id)}`);
  if (!a) return null;
  const opportunities = await org.query<Opportunity>(`SELECT Id, Name, Amount, CloseDate, StageName FROM Opportunity WHERE AccountId = ${soqlId(a.Id)} ORDER BY CloseDate`);
  return {
    object,
    id: a.Id,
    name: a.Name,
    highlights: [['Type', shown(a.Type)], ['Website', shown(a.Website)], ['Industry', shown(a.Industry)], ['Billing Country', shown(a.BillingCountry)]],
    details: [['Account Name', a.Name], ['Website', shown(a.Website)], ['Type', shown(a.Type)], ['Industry', shown(a.Industry)], ['Employees', shown(a.NumberOfEmployees)], ['Annual Revenue', money(a.AnnualRevenue)], ['Billing Country', shown(a.BillingCountry)]],
    related: {
      title: `Opportunities (${opportunities.length})`,
      rows: opportunities.map((o) => ({ object: 'Opportunity', id: o.Id, name: o.Name, detail: [o.StageName, money(o.Amount), o.CloseDate && `closes ${o.CloseDate}`].filter(Boolean).join(' · ') })),
    },
  };
}
