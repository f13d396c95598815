import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CheckReply, CoSellReply, PartnerHealthReply, PartnerPickerReply, RecordRegistrationsReply, RegistrationReply } from '../../../src/api/cards/replies';
import { CARD_REPLY_TYPES_FILE, cardReplyTypes } from '../../../src/api/cards/replyTypes';

type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

/** Whether a reply schema has the field at `path` (`[]` steps into an array's items), in any branch of a union. */
function hasField(schema: JsonSchema, path: string[]): boolean {
  if (path.length === 0) return true;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return branches.some((branch) => hasField(branch, path));
  const [step, ...rest] = path as [string, ...string[]];
  if (step === '[]') return schema.items !== undefined && hasField(schema.items, rest);
  const property = schema.properties?.[step];
  return property !== undefined && hasField(property, rest);
}

const missingFields = (reply: z.ZodType, paths: string[]) => {
  const schema = z.toJSONSchema(reply, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  return paths.filter((path) => !hasField(schema, path.split('.')));
};

describe('the card replies', () => {
  it('are the types the HubSpot cards are compiled against: the generated file is up to date', async () => {
    expect(readFileSync(CARD_REPLY_TYPES_FILE, 'utf8')).toBe(await cardReplyTypes());
  }, 60_000);

  it('finds a field a reply lacks', () => {
    expect(missingFields(CheckReply, ['conflicts.[].evidence.regions.submitted', 'conflicts.[].evidence.region', 'conflictCount.[]'])).toEqual([
      'conflicts.[].evidence.region',
      'conflictCount.[]',
    ]);
  });

  // The Salesforce components are plain JavaScript: these are the reply fields their code and
  // templates read (extensions/salesforce/lwc), each of which must be in the
  // reply's schema. Apex passes the card backend's JSON through unchanged.
  const conflictFields = ['id', 'registrationId', 'kind', 'partner.name', 'otherStatus', 'blocksApproval', 'evidence.existingStatus', 'evidence.matchedOn', 'evidence.crmCompany', 'evidence.customer.normalizedDomain', 'evidence.customer.normalizedName', 'evidence.existingCustomer.normalizedName', 'evidence.overlappingProducts', 'evidence.regions.submitted', 'evidence.regions.existing'];
  it.each([
    [
      'trellisDealRegistration: registrations',
      RecordRegistrationsReply,
      [
        'rules.earliestCloseDate',
        ...['id', 'status', 'amount', 'currency', 'products', 'protection.daysLeft', 'conflictCount', 'canDecide', 'expectedCloseDate', 'partner.name', 'region', 'submittedAt', 'awaiting.line'].map((f) => `registrations.[].${f}`),
        ...conflictFields.map((f) => `registrations.[].conflicts.[].${f}`),
        // trellisDetailsQuestion, on each registration
        ...['question', 'askedBy', 'askedAt', 'answer.text', 'answer.by', 'answer.at'].map((f) => `registrations.[].detailsRequest.${f}`),
      ],
    ],
    ['trellisDealRegistration: confirmation', RegistrationReply, ['registration.status', 'registration.awaiting.approver.name', 'registration.protection.expiresAt']],
    ['trellisDealRegistration: partner search', PartnerPickerReply, ['partners.[].id', 'partners.[].name', 'partners.[].tier', 'partners.[].region']],
    ['trellisDealRegistration: live check', CheckReply, ['conflictCount', ...conflictFields.map((f) => `conflicts.[].${f}`)]],
    ['trellisCoSell', CoSellReply, ['suggestions.[].partner.id', 'suggestions.[].partner.name', 'suggestions.[].reasons', 'suggestions.[].score', 'engagements.[].id', 'engagements.[].partner.name', 'engagements.[].role', 'engagements.[].status']],
    [
      'trellisPartnerHealth',
      PartnerHealthReply,
      [
        'partner.name',
        ...['trend', 'atRisk', 'score', 'summary', 'reasons', 'components.[].component', 'components.[].value', 'components.[].share', 'components.[].explanation'].map((f) => `health.${f}`),
        ...['name', 'holderEmail', 'issuedAt', 'expiresAt', 'daysLeft'].map((f) => `certifications.[].${f}`),
        'pipeline.[].currency',
        'pipeline.[].amount',
        'pipeline.[].count',
      ],
    ],
  ])('has every field the Salesforce component %s reads', (_component, reply, paths) => {
    expect(missingFields(reply, paths)).toEqual([]);
  });
});
