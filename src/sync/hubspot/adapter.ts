import { Client } from '@hubspot/api-client';
import type { AccessTokens } from '../tokens';
import type { Pacer } from '../pacer';
import type { ChangedPage, CrmAdapter, CrmObjectSpec, CrmRecord, CrmWrite, FieldValues, ReadResult, RecordRejection, WriteOutcome } from '../port';
import { bisectRefusals, type PartAnswer } from './bisect';
import { inputRefusal, toCrmError } from './errors';
import { provisionHubSpot } from './provision';

/** "Batch operations are limited to 100 records at a time." */
export const HUBSPOT_BATCH_SIZE = 100;
/** CRM search pages past 10,000 results are refused; the sweep restarts from the last stamp before that. */
const SEARCH_RESULT_CAP = 10_000;
const SEARCH_PAGE = 100;
/** Values looked up per search: a page of 200 holds their records unless a value is shared by many. */
const FIND_BATCH = 50;
/**
 * How long HubSpot's search index may take to show a write: "a few moments" [hs-search], no
 * number given. Observed delays are seconds; thirty leaves a wide margin for busy portals.
 */
export const DEFAULT_HUBSPOT_SEARCH_LAG_MS = 30_000;

interface SdkObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: Date;
}

interface BatchErrors {
  errors?: Array<{ category?: string; message?: string; context?: Record<string, string[]> }>;
}

interface UpsertAnswer extends BatchErrors {
  results: Array<SdkObject & { objectWriteTraceId?: string; _new?: boolean; new?: boolean }>;
}

const toRecord = (o: SdkObject, fields: string[]): CrmRecord => ({
  id: String(o.id),
  values: Object.fromEntries(fields.map((f) => [f, o.properties[f] === undefined || o.properties[f] === '' ? null : o.properties[f]!])),
  modifiedAt: new Date(o.updatedAt),
});

/** HubSpot stores no nulls: clearing a property is writing an empty string. */
const toProperties = (values: FieldValues): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));

/** The HubSpot adapter, on the official `@hubspot/api-client` SDK. */
export function hubspotAdapter(options: { apiUrl: string; tokens: AccessTokens; pace: Pacer; searchLagMs?: number | undefined }): CrmAdapter {
  const { apiUrl, tokens, pace, searchLagMs = DEFAULT_HUBSPOT_SEARCH_LAG_MS } = options;
  const client = new Client({ basePath: apiUrl });

  /** One API call: paced, with a valid token, and failures in the engine's terms. */
  const call = <T>(budget: 'api' | 'search', work: (c: Client) => Promise<T>): Promise<T> =>
    tokens.run(async (connection) => {
      await pace(budget);
      client.setAccessToken(connection.accessToken);
      try {
        return await work(client);
      } catch (err) {
        throw toCrmError(err);
      }
    });

  async function read(spec: CrmObjectSpec, ids: string[]): Promise<ReadResult> {
    if (ids.length === 0) return { found: [], missing: [], mergedInto: [] };
    const properties = [...spec.fields, 'hs_merged_object_ids'];
    const response = (await call('api', (c) =>
      c.crm.objects.batchApi.read(spec.object, { inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] }),
    )) as unknown as { results: SdkObject[] };
    const requested = new Set(ids);
    const found: CrmRecord[] = [];
    const mergedInto: ReadResult['mergedInto'] = [];
    for (const object of response.results) {
      found.push(toRecord(object, spec.fields));
      if (requested.has(object.id)) continue;
      // A merged-away id answers as the record it was merged into.
      for (const from of (object.properties.hs_merged_object_ids ?? '').split(';')) {
        if (requested.has(from)) mergedInto.push({ from, into: object.id });
      }
    }
    const answered = new Set([...found.map((r) => r.id), ...mergedInto.map((m) => m.from)]);
    return { found, missing: ids.filter((id) => !answered.has(id)), mergedInto };
  }

  /**
   * Per-record errors of a 207, keyed by Trellis id: an error names its inputs by
   * `objectWriteTraceId` (the Trellis id) or by the ids it was given (`trellisIdOf` maps them);
   * an error naming none concerns every input of the call.
   */
  function rejections(body: BatchErrors, inputs: string[], trellisIdOf: (id: string) => string | undefined): Map<string, RecordRejection> {
    const rejected = new Map<string, RecordRejection>();
    for (const error of body.errors ?? []) {
      const context = error.context ?? {};
      const named = [...(context.objectWriteTraceId ?? []), ...[...(context.id ?? []), ...(context.ids ?? [])].flatMap((id) => trellisIdOf(id) ?? [])];
      const code = error.category ?? 'VALIDATION_ERROR';
      for (const id of named.length > 0 ? named : inputs) rejected.set(id, { code, message: error.message ?? code });
    }
    return rejected;
  }

  /**
   * One batch call, paced; HubSpot's refusal of the whole call for an input's sake is answered
   * as such (for bisecting), every other failure is thrown in the engine's terms.
   */
  const sendPart = <A>(work: (c: Client) => Promise<A>): Promise<PartAnswer<A>> =>
    call('api', async (c) => {
      try {
        return { answer: await work(c) };
      } catch (err) {
        const refused = inputRefusal(err);
        if (refused) return { refused };
        throw err;
      }
    });

  /**
   * Updates known records by id, creates-or-updates the others by the Trellis id property.
   * Every input carries its Trellis id as `objectWriteTraceId`, so HubSpot can name the inputs
   * it refuses one by one; where it refuses a whole call instead, the call is bisected. (A write
   * that clears the Trellis id has none to trace and goes untraced.)
   */
  async function writeBatch(spec: CrmObjectSpec, writes: CrmWrite[]): Promise<WriteOutcome[]> {
    const known = writes.filter((w) => w.crmId !== null);
    const fresh = writes.filter((w) => w.crmId === null);
    const outcomes: WriteOutcome[] = [];
    const updated = await bisectRefusals(known, (part) =>
      sendPart(
        (c) =>
          c.crm.objects.batchApi.update(spec.object, {
            inputs: part.map((w) => ({ id: w.crmId!, objectWriteTraceId: w.trellisId || undefined, properties: toProperties({ ...w.values, [spec.idField]: w.trellisId }) })),
          }) as unknown as Promise<BatchErrors>,
      ),
    );
    for (const part of updated) {
      if ('rejection' in part) {
        outcomes.push({ trellisId: part.input.trellisId, ok: false, rejection: part.rejection });
        continue;
      }
      const byCrmId = new Map(part.inputs.map((w) => [w.crmId!, w.trellisId]));
      const refused = rejections(part.answer, part.inputs.map((w) => w.trellisId), (id) => byCrmId.get(id));
      for (const w of part.inputs) {
        const rejection = refused.get(w.trellisId);
        outcomes.push(rejection ? { trellisId: w.trellisId, ok: false, rejection } : { trellisId: w.trellisId, ok: true, crmId: w.crmId!, created: false });
      }
    }
    const upserted = await bisectRefusals(fresh, (part) =>
      sendPart(
        (c) =>
          c.crm.objects.batchApi.upsert(spec.object, {
            inputs: part.map((w) => ({ idProperty: spec.idField, id: w.trellisId, objectWriteTraceId: w.trellisId, properties: toProperties(w.values) })),
          }) as unknown as Promise<UpsertAnswer>,
      ),
    );
    for (const part of upserted) {
      if ('rejection' in part) {
        outcomes.push({ trellisId: part.input.trellisId, ok: false, rejection: part.rejection });
        continue;
      }
      const refused = rejections(part.answer, part.inputs.map((w) => w.trellisId), (id) => id);
      const byTrellisId = new Map(part.answer.results.map((r) => [r.objectWriteTraceId ?? r.properties[spec.idField] ?? '', r]));
      for (const w of part.inputs) {
        const result = byTrellisId.get(w.trellisId);
        if (result) outcomes.push({ trellisId: w.trellisId, ok: true, crmId: String(result.id), created: Boolean(result._new ?? result.new) });
        else outcomes.push({ trellisId: w.trellisId, ok: false, rejection: refused.get(w.trellisId) ?? { code: 'NOT_WRITTEN', message: 'HubSpot did not return the record' } });
      }
    }
    await associate(spec, writes, outcomes);
    return outcomes;
  }

  /** Default associations of the records just written to the records their writes relate to, one batch per target type. */
  async function associate(spec: CrmObjectSpec, writes: CrmWrite[], outcomes: WriteOutcome[]): Promise<void> {
    const written = new Map(outcomes.flatMap((o) => (o.ok ? [[o.trellisId, o.crmId] as const] : [])));
    const pairs = new Map<string, Array<{ _from: { id: string }; to: { id: string } }>>();
    for (const w of writes) {
      const from = written.get(w.trellisId);
      for (const r of from ? (w.relations ?? []) : []) pairs.set(r.to, [...(pairs.get(r.to) ?? []), { _from: { id: from! }, to: { id: r.id } }]);
    }
    for (const [to, inputs] of pairs) {
      await call('api', (c) => c.crm.associations.v4.batchApi.createDefault(spec.object, to, { inputs }));
    }
  }

  return {
    crm: 'hubspot',
    capabilities: { batchSize: HUBSPOT_BATCH_SIZE, listingLagMs: searchLagMs },

    provision: (plan) => provisionHubSpot(plan, call),

    read,

    write: writeBatch,

    async archive(spec, ids) {
      if (ids.length === 0) return;
      await call('api', (c) => c.crm.objects.batchApi.archive(spec.object, { inputs: ids.map((id) => ({ id })) }));
    },

    async associated(from, to, ids) {
      const found = new Map<string, string[]>();
      if (ids.length === 0) return found;
      // Ids without an association come back as per-record errors of a 207, which is no failure here.
      const response = (await call('api', (c) => c.crm.associations.v4.batchApi.getPage(from, to, { inputs: ids.map((id) => ({ id })) }))) as unknown as {
        results: Array<{ _from?: { id: string }; from?: { id: string }; to: Array<{ toObjectId: number | string }> }>;
      };
      for (const r of response.results) {
        const id = r._from?.id ?? r.from?.id;
        if (id) found.set(String(id), r.to.map((t) => String(t.toObjectId)));
      }
      return found;
    },

    async findByProperty(spec, property, values) {
      const found = new Map<string, string>();
      // IN takes lowercase values; with no sort the search answers oldest-created first. A batch of values stays well inside a page.
      for (let i = 0; i < values.length; i += FIND_BATCH) {
        const batch = values.slice(i, i + FIND_BATCH).map((v) => v.toLowerCase());
        const response = (await call('search', (c) =>
          c.crm.objects.searchApi.doSearch(spec.object, {
            filterGroups: [{ filters: [{ propertyName: property, operator: 'IN' as never, values: batch }] }],
            properties: [property],
            limit: 200,
            after: '0',
            sorts: [],
          }),
        )) as unknown as { results: SdkObject[] };
        for (const o of response.results) {
          const value = o.properties[property]?.toLowerCase();
          if (value && !found.has(value)) found.set(value, String(o.id));
        }
      }
      return found;
    },

    async listChangedSince(spec, since, cursor): Promise<ChangedPage> {
      const position = cursor ? (JSON.parse(cursor) as { since: number | null; after: number }) : { since: since?.getTime() ?? null, after: 0 };
      const response = (await call('search', (c) =>
        c.crm.objects.searchApi.doSearch(spec.object, {
          filterGroups: position.since === null ? [] : [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE' as never, value: String(position.since) }] }],
          sorts: ['hs_lastmodifieddate'],
          properties: spec.fields,
          limit: SEARCH_PAGE,
          after: String(position.after),
        }),
      )) as unknown as { results: SdkObject[]; paging?: { next?: { after?: string } } };
      const records = response.results.map((o) => toRecord(o, spec.fields));
      const nextAfter = response.paging?.next?.after;
      if (!nextAfter) return { records, cursor: null };
      const after = Number(nextAfter);
      const last = records[records.length - 1];
      // Past the search cap, continue from the newest stamp seen (records at that stamp come again; applying twice is harmless).
      const next = after + SEARCH_PAGE > SEARCH_RESULT_CAP && last ? { since: last.modifiedAt.getTime(), after: 0 } : { since: position.since, after };
      return { records, cursor: JSON.stringify(next) };
    },
  };
}

export type HubSpotCall = <T>(budget: 'api' | 'search', work: (c: Client) => Promise<T>) => Promise<T>;

