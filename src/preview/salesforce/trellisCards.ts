import { z } from 'zod';
import { objectOfId, soqlId, type PreviewOrg } from './org';
import type { TrellisCallout } from './namedCredential';

/**
 * The Apex class `TrellisCards` (app-manifest/salesforce/.../classes/TrellisCards.cls) run by the
 * preview server: the same record reads and the same callouts, method for method, so the
 * components talk to the card backend exactly as they do from an org.
 */
export interface ApexContext {
  org: PreviewOrg;
  send: TrellisCallout;
}

interface Customer {
  Name: string;
  Website: string | null;
  BillingCountry: string | null;
  BillingCountryCode?: string | null;
}

/** The customer a record names: the Account itself, or the Opportunity's Account. */
async function customerOf(org: PreviewOrg, recordId: string): Promise<Customer | null> {
  const accountId =
    objectOfId(recordId) === 'Opportunity'
      ? (await org.query<{ AccountId: string | null }>(`SELECT AccountId FROM Opportunity WHERE Id = ${soqlId(recordId)}`))[0]?.AccountId
      : recordId;
  if (!accountId) return null;
  // BillingCountryCode exists only in orgs with state and country/territory picklists.
  const hasCountryCodes = (await org.fieldsOf('Account')).has('BillingCountryCode');
  const fields = `Id, Name, Website, BillingCountry${hasCountryCodes ? ', BillingCountryCode' : ''}`;
  return (await org.query<Customer & Record<string, unknown>>(`SELECT ${fields} FROM Account WHERE Id = ${soqlId(accountId)}`))[0] ?? null;
}

/** The customer's ISO country code: the picklist's code where the org has one; else the free-text country written as a code. */
function countryOf(a: Customer): string | null {
  const country = a.BillingCountryCode !== undefined ? a.BillingCountryCode : a.BillingCountry;
  return country && country.trim().length === 2 ? country.trim().toUpperCase() : null;
}

const customerQuery = (a: Customer) => new URLSearchParams({ name: a.Name, domain: a.Website ?? '', country: countryOf(a) ?? '' }).toString();
const customerBody = (a: Customer) => ({ name: a.Name, domain: a.Website, country: countryOf(a) });

const RecordId = z.string().refine((id) => objectOfId(id) !== null, 'an Opportunity or Account id');
const Text = z.string().nullish();
const Json = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

const method = <P extends z.ZodRawShape>(params: P, run: (ctx: ApexContext, p: z.infer<z.ZodObject<P>>) => Promise<string>) => ({ params: z.object(params), run });

/** The class's `@AuraEnabled` methods, by name, with the parameters each takes. */
export const TRELLIS_CARDS = {
  getRecordContext: method({ recordId: RecordId }, async ({ org }, { recordId }) => {
    const a = await customerOf(org, recordId);
    const context: Record<string, unknown> = { customer: a && customerBody(a) };
    if (objectOfId(recordId) === 'Opportunity') {
      const [o] = await org.query<{ Name: string; Amount: number | null; CloseDate: string | null }>(`SELECT Name, Amount, CloseDate FROM Opportunity WHERE Id = ${soqlId(recordId)}`);
      context.deal = { name: o?.Name ?? null, amount: o?.Amount ?? null, closeDate: o?.CloseDate ?? null };
    }
    return JSON.stringify(context);
  }),
  getRegistrations: method({ recordId: RecordId }, async ({ org, send }, { recordId }) => {
    const a = await customerOf(org, recordId);
    // On an Opportunity, Trellis marks the registrations made from it (`forThisDeal`) and lists them first.
    const thisDeal = objectOfId(recordId) === 'Opportunity' ? `&${new URLSearchParams({ crmDealRef: `salesforce:Opportunity:${recordId}` })}` : '';
    return a ? send('GET', `/registrations?${customerQuery(a)}${thisDeal}`) : '{"registrations":[]}';
  }),
  searchPartners: method({ text: Text }, ({ send }, { text }) => send('GET', `/partners?${new URLSearchParams({ q: text ?? '' })}`)),
  checkRegistration: method({ registrationJson: Json }, ({ send }, p) => send('POST', '/registrations/check', p.registrationJson)),
  submitRegistration: method({ registrationJson: Json, idempotencyKey: Text }, ({ send }, p) => send('POST', '/registrations', p.registrationJson, p.idempotencyKey ?? undefined)),
  approve: method({ registrationId: z.string(), overrideReason: Text, idempotencyKey: Text }, ({ send }, p) =>
    send('POST', `/registrations/${encodeURIComponent(p.registrationId)}/approve`, p.overrideReason?.trim() ? { override: { reason: p.overrideReason } } : {}, p.idempotencyKey ?? undefined),
  ),
  reject: method({ registrationId: z.string(), reason: Text, idempotencyKey: Text }, ({ send }, p) =>
    send('POST', `/registrations/${encodeURIComponent(p.registrationId)}/reject`, { reason: p.reason ?? null }, p.idempotencyKey ?? undefined),
  ),
  answerDetails: method({ registrationId: z.string(), answer: Text, idempotencyKey: Text }, ({ send }, p) =>
    send('POST', `/registrations/${encodeURIComponent(p.registrationId)}/details-answer`, { answer: p.answer ?? null }, p.idempotencyKey ?? undefined),
  ),
  getCoSell: method({ recordId: RecordId, products: Text }, async ({ org, send }, { recordId, products }) => {
    const a = await customerOf(org, recordId);
    return a ? send('GET', `/co-sell?${customerQuery(a)}&${new URLSearchParams({ products: products ?? '' })}`) : '{"suggestions":[],"engagements":[]}';
  }),
  requestCoSell: method({ recordId: RecordId, partnerId: Text, role: Text, note: Text, idempotencyKey: Text }, async ({ org, send }, p) => {
    const a = await customerOf(org, p.recordId);
    if (!a) throw new Error('Attempt to de-reference a null object');
    const body = { partnerId: p.partnerId ?? null, customer: customerBody(a), role: p.role ?? null, crmDealRef: `salesforce:Opportunity:${p.recordId}`, note: p.note ?? null };
    return send('POST', '/co-sell', body, p.idempotencyKey ?? undefined);
  }),
  getPartnerHealth: method({ recordId: RecordId }, async ({ org, send }, { recordId }) => {
    const a = await customerOf(org, recordId);
    return !a?.Website?.trim() ? '{"partner":null}' : send('GET', `/partner-health?${new URLSearchParams({ domain: a.Website })}`);
  }),
};

