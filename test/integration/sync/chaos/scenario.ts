import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { seededRandom } from '../../../../sandbox/shared/random';
import { PARTNER_STATUSES, REGIONS, TIERS } from '../../../../src/domain/partner';
import { reconcileOnce } from '../../../../src/sync/engine/reconcile';
import { DEFAULT_MAPPING } from '../../../../src/sync/mapping/defaults';
import { startSyncWorld, type SyncWorld } from '../world';

/**
 * What a chaos run drives and reads: Trellis behind its API, both CRM emulators faulting, and
 * processes to kill. A world of one Trellis with worker processes (below), or of several web and
 * worker processes of the production start (test/integration/operations).
 */
export type ChaosWorld = Pick<SyncWorld, 'api' | 'database' | 'tenantId' | 'hubspot' | 'portalId' | 'salesforce' | 'orgId' | 'settle' | 'companies' | 'accounts'> & {
  /** Kills processes with SIGKILL, halfway through the changes; resolves with how many. */
  crash(): Promise<number>;
  /** What the schedulers' reconciliation and sweep do, done now: repairs the changes webhooks lost for good. */
  repair(): Promise<void>;
  close(): Promise<void>;
};

export interface ChaosOptions {
  changes: number;
  partners: number;
  /** Fields edited in HubSpot and Salesforce at the same instant, to different values. */
  conflictPairs: number;
  workers: number;
  seed: number;
  /** Deal registrations submitted through Trellis among the changes, each to land in both CRMs once. */
  registrations?: number;
}

export interface ChaosReport {
  changes: number;
  partners: number;
  registrations: number;
  seconds: number;
  kills: number;
  webhookDeliveries: { hubspot: number; salesforce: number };
  conflictsExpected: number;
  conflictsRecorded: number;
  /** Each non-empty list is a failure. */
  mismatches: string[];
  duplicates: string[];
  lost: string[];
  unrecordedConflicts: string[];
}

type Source = 'trellis' | 'hubspot' | 'salesforce';
const FIELDS = {
  name: null,
  tier: TIERS,
  region: REGIONS,
  status: PARTNER_STATUSES,
} as const;
type Field = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as Field[];
const crmField = (crm: 'hubspot' | 'salesforce', field: Field) => DEFAULT_MAPPING.partner[crm].fields.find((f) => f.field === field)!.crmField;

const WORKER = join(__dirname, 'workerProcess.ts');
const ROOT = join(__dirname, '../../../..');

function startWorker(world: SyncWorld): Promise<ChildProcess> {
  // Node itself runs the worker (tsx as a loader, not a wrapper process), so SIGKILL hits the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { cwd: ROOT, env: { ...process.env, ...world.workerEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const failed = (code: number | null) => reject(new Error(`worker exited with ${code}`));
    child.once('exit', failed);
    child.stdout!.once('data', () => {
      child.off('exit', failed);
      child.stdout!.destroy();
      resolve(child);
    });
  });
}

/**
 * The sync world with its workers in processes of their own (workerProcess.ts), one of them
 * killed and restarted by `crash`. On Redis only: the workers join the world through Redis, and
 * killing and restarting them is what it exercises; every queue backend runs the other sync suites.
 */
async function workerProcessWorld(count: number): Promise<ChaosWorld> {
  const world = await startSyncWorld('redis', { work: false });
  const workers: ChildProcess[] = [];
  const stop = async () => {
    for (const w of workers) w.kill('SIGKILL');
    await world.close();
  };
  try {
    for (let i = 0; i < count; i++) workers.push(await startWorker(world));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    ...world,
    async crash() {
      workers[0]!.kill('SIGKILL');
      workers[0] = await startWorker(world);
      return 1;
    },
    async repair() {
      for (const crm of ['hubspot', 'salesforce'] as const) await reconcileOnce(world.engine, world.tenantId, crm);
      await world.sync.runtime.sweep();
    },
    close: stop,
  };
}

/**
 * Partners edited at once through Trellis, HubSpot and Salesforce while the emulators
 * duplicate, reorder, delay and drop webhooks and answer 5xx and 429 bursts, and processes are
 * killed with SIGKILL halfway. Each (partner, field) has one writer, except the conflict pairs,
 * so the last value written is known: the oracle for lost updates.
 */
export async function runChaos(options: ChaosOptions, openWorld: () => Promise<ChaosWorld> = () => workerProcessWorld(options.workers)): Promise<ChaosReport> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const world = await openWorld();
  let kills = 0;
  const started = Date.now();
  try {
    const partners: string[] = [];
    for (let i = 0; i < options.partners; i++) {
      const res = await world.api.post('/api/v1/partners', { name: `Chaos ${i}`, region: 'NA', country: 'US', tier: 'registered', status: 'prospect' });
      partners.push(res.body.id);
    }
    // Registrations come from a partner of their own, active throughout (the chaos may churn the others).
    const registrar = options.registrations ? (await world.api.post('/api/v1/partners', { name: 'Chaos Registrar', region: 'NA', country: 'US', tier: 'gold', status: 'active' })).body.id as string : null;
    await world.settle();
    const companyOf = new Map(world.companies().map((c) => [c.properties.trellis_partner_id!, c.id]));
    const accountOf = new Map(world.accounts().map((a) => [String(a.trellisprm__Trellis_Partner_Id__c), a.Id]));

    const faults = { seed: options.seed, serverErrorRate: 0.05, rateLimitBurstRate: 0.01, rateLimitBurstLength: 3, webhooks: { duplicateRate: 0.1, reorderRate: 0.1, maxDelayMs: 50, dropRate: 0.1 } };
    world.hubspot.configureFaults(faults);
    world.salesforce.setFaults(faults);

    const writerOf = new Map<string, Source>();
    const last = new Map<string, string>();
    const conflictKeys = new Set<string>();
    let counter = 0;
    const value = (field: Field) => (FIELDS[field] ? pick(FIELDS[field]!) : `Chaos name ${++counter}`);
    // A caller retries what a load balancer answered 502 (its web process died with the request in hand).
    /**
     * As an integration calls Trellis: a 502 (the process behind the balancer died) is retried at once; a key
     * still held by a request lost with its process answers 409 until its lease is over, so that is waited out.
     */
    const keyInUse = (res: { status: number; body: unknown }) => res.status === 409 && (res.body as { error?: { code?: string } }).error?.code === 'idempotency_key_in_use';
    const throughTrellis = async (call: () => Promise<{ status: number; body: unknown }>) => {
      let res = await call();
      for (let retry = 0; (res.status === 502 || keyInUse(res)) && retry < 40; retry++) {
        if (keyInUse(res)) await new Promise((r) => setTimeout(r, 2_000));
        res = await call();
      }
      return res;
    };
    const write = async (source: Source, partnerId: string, field: Field, v: string) => {
      if (source === 'trellis') {
        const res = await throughTrellis(() => world.api.patch(`/api/v1/partners/${partnerId}`, { [field]: v }));
        if (res.status !== 200) throw new Error(`Trellis refused ${field}=${v}: ${JSON.stringify(res.body)}`);
      } else if (source === 'hubspot') {
        const res = await fetch(`${world.hubspot.url}/_admin/portals/${world.portalId}/objects/companies/${companyOf.get(partnerId)}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ properties: { [crmField('hubspot', field)]: v } }),
        });
        if (res.status !== 200) throw new Error(`HubSpot refused ${field}=${v}`);
      } else {
        world.salesforce.updateRecord(world.orgId, 'Account', accountOf.get(partnerId)!, { [crmField('salesforce', field)]: v });
      }
    };

    // The plan: every change names one (partner, field) with one writer; conflict pairs get two at once.
    const plan: Array<{ lane: number; run: () => Promise<void> }> = [];
    const laneOf = (partnerId: string) => partners.indexOf(partnerId) % 16;
    for (let i = 0; i < options.conflictPairs; i++) {
      const partnerId = partners[i % partners.length]!;
      const field = FIELD_NAMES[(i + 1) % FIELD_NAMES.length]!;
      const key = `${partnerId}/${field}`;
      if (writerOf.has(key)) continue;
      writerOf.set(key, 'hubspot');
      conflictKeys.add(key);
      // Two values, neither the partner's starting one (the first of each list), so both sides really change.
      const [a, b] = FIELDS[field] ? [FIELDS[field]![1]!, FIELDS[field]![2]!] : [`Left ${i}`, `Right ${i}`];
      plan.push({ lane: laneOf(partnerId), run: () => Promise.all([write('hubspot', partnerId, field, a), write('salesforce', partnerId, field, b)]).then(() => undefined) });
    }
    while (plan.length < options.changes) {
      const partnerId = pick(partners);
      const field = pick(FIELD_NAMES);
      const key = `${partnerId}/${field}`;
      if (conflictKeys.has(key)) continue;
      const source = writerOf.get(key) ?? pick<Source>(['trellis', 'hubspot', 'salesforce']);
      writerOf.set(key, source);
      const v = value(field);
      plan.push({
        lane: laneOf(partnerId),
        run: async () => {
          last.set(key, v);
          await write(source, partnerId, field, v);
        },
      });
    }

    // Registrations among the changes, each with an idempotency key, so a retried submission registers once.
    const registrations: string[] = [];
    for (let i = 0; i < (options.registrations ?? 0); i++) {
      const submit = async () => {
        const body = { partnerId: registrar, customer: { name: `Chaos Customer ${i}`, domain: `customer-${i}.example`, country: 'US' }, products: ['platform'], amount: 1000 + i, currency: 'USD', expectedCloseDate: '2027-06-30' };
        const res = await throughTrellis(() => world.api.post('/api/v1/deal-registrations', body, { 'idempotency-key': `chaos-registration-${options.seed}-${i}` }));
        if (res.status !== 201) throw new Error(`Trellis refused registration ${i}: ${JSON.stringify(res.body)}`);
        registrations.push((res.body as { id: string }).id);
      };
      plan.splice(Math.floor(random() * plan.length), 0, { lane: i % 16, run: submit });
    }

    // Sixteen lanes run at once; a partner's changes stay in one lane, in order. Processes are killed halfway.
    const lanes = new Map<number, Array<() => Promise<void>>>();
    for (const step of plan) lanes.set(step.lane, [...(lanes.get(step.lane) ?? []), step.run]);
    let done = 0;
    const killAt = Math.floor(plan.length / 2);
    await Promise.all(
      [...lanes.values()].map(async (steps) => {
        for (const step of steps) {
          await step();
          done += 1;
          if (done === killAt) kills += await world.crash();
          await new Promise((r) => setTimeout(r, random() * 10));
        }
      }),
    );

    // Heal, then let reconciliation repair what webhooks lost for good.
    world.hubspot.configureFaults({});
    world.salesforce.setFaults({});
    await world.settle();
    await world.repair();
    await world.settle();

    // The final read: three stores, every mapped field.
    const report: ChaosReport = {
      changes: plan.length,
      partners: partners.length,
      registrations: registrations.length,
      seconds: 0,
      kills,
      webhookDeliveries: { hubspot: world.hubspot.deliveries().length, salesforce: world.salesforce.deliveries().length },
      conflictsExpected: conflictKeys.size,
      conflictsRecorded: 0,
      mismatches: [],
      duplicates: [],
      lost: [],
      unrecordedConflicts: [],
    };
    const trellis = new Map<string, Record<string, string>>();
    for (const id of partners) trellis.set(id, (await world.api.get(`/api/v1/partners/${id}`)).body);
    for (const [id, p] of trellis) {
      const companies = world.companies().filter((c) => c.properties.trellis_partner_id === id);
      const accounts = world.accounts().filter((a) => a.trellisprm__Trellis_Partner_Id__c === id);
      if (companies.length !== 1) report.duplicates.push(`${id}: ${companies.length} HubSpot companies`);
      if (accounts.length !== 1) report.duplicates.push(`${id}: ${accounts.length} Salesforce Accounts`);
      for (const field of FIELD_NAMES) {
        const values = [p[field], companies[0]?.properties[crmField('hubspot', field)], accounts[0]?.[crmField('salesforce', field)]];
        if (new Set(values).size !== 1) report.mismatches.push(`${id}/${field}: trellis=${values[0]} hubspot=${values[1]} salesforce=${values[2]}`);
        const key = `${id}/${field}`;
        if (last.has(key) && p[field] !== last.get(key)) report.lost.push(`${key}: last written ${last.get(key)} through ${writerOf.get(key)}, holds ${p[field]}`);
      }
    }
    const created = partners.length + (registrar ? 1 : 0);
    const partnersInTrellis = (await world.database.db.query<{ n: string }>('SELECT count(*) AS n FROM partners WHERE tenant_id = $1', [world.tenantId])).rows[0]!.n;
    if (Number(partnersInTrellis) !== created) report.duplicates.push(`${partnersInTrellis} partners in Trellis for ${created} created`);
    const registrationsInTrellis = (await world.database.db.query<{ n: string }>('SELECT count(*) AS n FROM deal_registrations WHERE tenant_id = $1', [world.tenantId])).rows[0]!.n;
    if (Number(registrationsInTrellis) !== registrations.length) report.duplicates.push(`${registrationsInTrellis} registrations in Trellis for ${registrations.length} submitted`);
    const portal = world.hubspot.state.portals[String(world.portalId)]!;
    const schema = Object.values(portal.schemas).find((s) => s.name === 'trellis_deal_registration');
    const hubspotRegistrations = Object.values((schema && portal.records[schema.objectTypeId]) ?? {}).filter((r) => !r.archived);
    const salesforceRegistrations = Object.values(world.salesforce.state.orgs[world.orgId]!.records.trellisprm__Trellis_Deal_Registration__c ?? {}) as Array<Record<string, unknown>>;
    for (const id of registrations) {
      const inHubSpot = hubspotRegistrations.filter((r) => r.properties.trellis_registration_id === id).length;
      const inSalesforce = salesforceRegistrations.filter((r) => r.trellisprm__Trellis_Registration_Id__c === id).length;
      if (inHubSpot !== 1) (inHubSpot === 0 ? report.lost : report.duplicates).push(`registration ${id}: ${inHubSpot} in HubSpot`);
      if (inSalesforce !== 1) (inSalesforce === 0 ? report.lost : report.duplicates).push(`registration ${id}: ${inSalesforce} in Salesforce`);
    }
    const recorded = await world.database.db.query<{ key: string }>("SELECT DISTINCT entity_id || '/' || field AS key FROM sync_field_conflicts WHERE tenant_id = $1", [world.tenantId]);
    const recordedKeys = new Set(recorded.rows.map((r) => r.key));
    report.conflictsRecorded = recordedKeys.size;
    for (const key of conflictKeys) if (!recordedKeys.has(key)) report.unrecordedConflicts.push(key);
    if (process.env.CHAOS_DEBUG) {
      for (const lost of [...report.lost, ...report.unrecordedConflicts.map((k) => `${k}: unrecorded`)]) {
        const [entityId, field] = lost.split(':')[0]!.split('/');
        const rows = await world.database.db.query('SELECT crm, base_value, trellis_value, crm_value, winner, rule, detected_at FROM sync_field_conflicts WHERE entity_id = $1 AND field = $2', [entityId, field]);
        const audit = await world.database.db.query("SELECT actor, details, at FROM audit_log WHERE entity_id = $1 ORDER BY id", [entityId]);
        console.log(lost, JSON.stringify(rows.rows), JSON.stringify(audit.rows.map((r) => [r.actor, r.details])));
      }
    }
    report.seconds = Math.round((Date.now() - started) / 100) / 10;
    return report;
  } finally {
    await world.close();
  }
}
