import { Connection } from 'jsforce';
import type { AccessTokens } from '../tokens';
import { permanent } from '../errors';
import type { Pacer } from '../pacer';
import type { ChangedPage, CrmAdapter, CrmObjectSpec, CrmRecord, CrmWrite, FieldValues, ReadResult, WriteOutcome } from '../port';
import { toCrmError } from './errors';
import { provisionSalesforce } from './provision';

/** sObject Collections take 200 records per call. */
export const SALESFORCE_BATCH_SIZE = 200;
export const SALESFORCE_API_VERSION = '62.0';

const SALESFORCE_ID = /^[a-zA-Z0-9]{15,18}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type Row = Record<string, unknown> & { Id: string; SystemModstamp: string };
interface SaveResult {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode?: string; errorCode?: string; message: string; fields?: string[] }>;
}

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Field names go into SOQL, so only plain API names are accepted. */
function selectList(spec: CrmObjectSpec): string {
  const names = [...new Set(['Id', 'SystemModstamp', ...spec.fields])];
  const bad = names.find((n) => !FIELD_NAME.test(n));
  if (bad || !FIELD_NAME.test(spec.object)) throw permanent(`"${bad ?? spec.object}" is not a Salesforce API name`);
  return `SELECT ${names.join(', ')} FROM ${spec.object}`;
}

const toRecord = (row: Row, fields: string[]): CrmRecord => ({
  id: row.Id,
  values: Object.fromEntries(fields.map((f) => [f, text(row[f])])),
  modifiedAt: new Date(row.SystemModstamp),
});

/** A write's values with its relations, which in Salesforce are lookup fields. */
const toFields = (w: CrmWrite): FieldValues => ({ ...w.values, ...Object.fromEntries((w.relations ?? []).map((r) => [r.to, r.id])) });

/** Objects Salesforce merges (their losing records keep a `MasterRecordId`). */
const MERGEABLE = new Set(['Account', 'Contact', 'Lead']);

/** The Salesforce adapter, on jsforce (REST, sObject Collections, SOQL). */
export function salesforceAdapter(options: { tokens: AccessTokens; pace: Pacer; clientId: string }): CrmAdapter {
  const { tokens, pace } = options;
  // Named in `Sforce-Call-Options`, so change events report Trellis's own writes by `changeOrigin`.
  const callOptions = { client: options.clientId };

  const call = <T>(work: (conn: Connection) => Promise<T>): Promise<T> =>
    tokens.run(async (connection) => {
      if (!connection.instanceUrl) throw permanent('The Salesforce connection has no instance URL; reconnect Trellis');
      await pace('api');
      const conn = new Connection({ instanceUrl: connection.instanceUrl, accessToken: connection.accessToken, version: SALESFORCE_API_VERSION, callOptions });
      try {
        return await work(conn);
      } catch (err) {
        throw toCrmError(err);
      }
    });

  const outcome = (w: CrmWrite, r: SaveResult | undefined): WriteOutcome => {
    if (r?.success && r.id) return { trellisId: w.trellisId, ok: true, crmId: r.id, created: Boolean(r.created) };
    const first = r?.errors[0];
    const code = first?.statusCode ?? first?.errorCode ?? 'NOT_WRITTEN';
    const fields = first?.fields?.length ? ` (${first.fields.join(', ')})` : '';
    return { trellisId: w.trellisId, ok: false, rejection: { code, message: `${first?.message ?? 'Salesforce did not save the record'}${fields}` } };
  };

  /** Records deleted by a merge: the recycle bin (`queryAll`) names the record each was merged into. */
  async function mastersOf(spec: CrmObjectSpec, ids: string[]): Promise<ReadResult['mergedInto']> {
    const soql = `SELECT Id, MasterRecordId FROM ${spec.object} WHERE Id IN (${ids.map((id) => `'${id}'`).join(', ')}) AND IsDeleted = true`;
    const deleted = await call(async (conn) => await conn.query<{ Id: string; MasterRecordId: string | null }>(soql, { scanAll: true }));
    const requested = new Map(ids.map((id) => [id.slice(0, 15), id]));
    return deleted.records.flatMap((r) => (r.MasterRecordId ? [{ from: requested.get(r.Id.slice(0, 15))!, into: r.MasterRecordId }] : []));
  }

  const adapter: CrmAdapter = {
    crm: 'salesforce',
    capabilities: { batchSize: SALESFORCE_BATCH_SIZE },

    provision: (plan) => call((conn) => provisionSalesforce(plan, conn)),

    async read(spec, ids): Promise<ReadResult> {
      const valid = ids.filter((id) => SALESFORCE_ID.test(id));
      if (valid.length === 0) return { found: [], missing: ids, mergedInto: [] };
      const soql = `${selectList(spec)} WHERE Id IN (${valid.map((id) => `'${id}'`).join(', ')})`;
      const result = await call(async (conn) => await conn.query<Row>(soql));
      const found = result.records.map((row) => toRecord(row, spec.fields));
      const answered = new Set(found.map((r) => r.id.slice(0, 15)));
      const gone = valid.filter((id) => !answered.has(id.slice(0, 15)));
      const mergedInto = MERGEABLE.has(spec.object) && gone.length > 0 ? await mastersOf(spec, gone) : [];
      if (mergedInto.length > 0) {
        const masters = await call(async (conn) => await conn.query<Row>(`${selectList(spec)} WHERE Id IN (${[...new Set(mergedInto.map((m) => `'${m.into}'`))].join(', ')})`));
        found.push(...masters.records.map((row) => toRecord(row, spec.fields)));
      }
      const merged = new Set(mergedInto.map((m) => m.from));
      return { found, missing: ids.filter((id) => !answered.has(id.slice(0, 15)) && !merged.has(id)), mergedInto };
    },

    async write(spec, writes): Promise<WriteOutcome[]> {
      const known = writes.filter((w) => w.crmId !== null);
      const fresh = writes.filter((w) => w.crmId === null);
      const outcomes: WriteOutcome[] = [];
      if (known.length > 0) {
        const records = known.map((w) => ({ Id: w.crmId!, ...toFields(w), [spec.idField]: w.trellisId }));
        const results = (await call((conn) => conn.sobject(spec.object).update(records, { allOrNone: false }))) as unknown as SaveResult[];
        known.forEach((w, i) => outcomes.push(outcome(w, results[i])));
      }
      if (fresh.length > 0) {
        const records = fresh.map((w) => ({ ...toFields(w), [spec.idField]: w.trellisId }));
        const results = (await call((conn) => conn.sobject(spec.object).upsert(records, spec.idField, { allOrNone: false }))) as unknown as SaveResult[];
        fresh.forEach((w, i) => outcomes.push(outcome(w, results[i])));
      }
      return outcomes;
    },

    async archive(spec, ids) {
      if (ids.length > 0) await call((conn) => conn.sobject(spec.object).destroy(ids, { allOrNone: false }));
    },

    async associated(from, to, ids) {
      // A Salesforce record names its parent in a lookup field: `Opportunity.AccountId`.
      const lookup = `${to}Id`;
      const valid = ids.filter((id) => SALESFORCE_ID.test(id));
      if (valid.length === 0) return new Map();
      const soql = `${selectList({ object: from, idField: 'Id', fields: [lookup] })} WHERE Id IN (${valid.map((id) => `'${id}'`).join(', ')})`;
      const result = await call(async (conn) => await conn.query<Row>(soql));
      return new Map(result.records.filter((row) => text(row[lookup])).map((row) => [row.Id, [String(row[lookup])]]));
    },

    async listChangedSince(spec, since, cursor): Promise<ChangedPage> {
      const result = await call(async (conn) =>
        cursor
          ? await conn.queryMore<Row>(cursor)
          : await conn.query<Row>(`${selectList(spec)}${since ? ` WHERE SystemModstamp >= ${since.toISOString()}` : ''} ORDER BY SystemModstamp, Id`),
      );
      return { records: result.records.map((row) => toRecord(row, spec.fields)), cursor: result.done ? null : (result.nextRecordsUrl ?? null) };
    },
  };
  return adapter;
}

