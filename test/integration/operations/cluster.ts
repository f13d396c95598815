import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { startHubSpotEmulator } from '../../../sandbox/hubspot';
import { startSalesforceEmulator } from '../../../sandbox/salesforce';
import { systemClock } from '../../../src/domain/clock';
import { openQueueBackend, type QueueBackend } from '../../../src/jobs/backend';
import { createLogger } from '../../../src/logger';
import { createKeyring, generateKeyringSpec, parseKeyring } from '../../../src/security/secrets';
import { reconcileOnce } from '../../../src/sync/engine/reconcile';
import { createSyncMetrics } from '../../../src/sync/engine/metrics';
import { DEFAULT_MAPPING } from '../../../src/sync/mapping/defaults';
import { startSync } from '../../../src/sync/service';
import { createTenant } from '../../../src/usecases/tenants';
import { salesforceEndpointSecret } from '../../../webhooks/salesforce';
import { ApiClient } from '../../support/api';
import { startBalancer } from '../../support/balancer';
import { createTestDatabase } from '../../support/databases';
import { REDIS_URL } from '../../support/environment';
import { ProductionProcess, runProductionCommand } from '../../support/productionProcess';
import type { ChaosWorld } from '../sync/chaos/scenario';
import { emulatorViews } from '../sync/emulatorViews';
import { retryUntilPasses } from '../../support/retry';
import { connectHubSpotPortal, connectSalesforceOrg, HUBSPOT_APP, HUBSPOT_SCOPES, SF_APP } from '../sync/world';

const SIGNING_SECRET = 'cluster-test-signing-secret-0123456789abcdef';
const ADMIN_TOKEN = 'cluster-test-admin-token-0123';

export interface Cluster extends ChaosWorld {
  web: ProductionProcess[];
  workers: ProductionProcess[];
  /** What `npm run migrate` printed. */
  migrated: string;
  apiKey: string;
  /** The test's own handle on the queues (under the cluster's namespace). */
  queues: QueueBackend;
  /** How many processes were still running when the cluster was closed. */
  runningAtClose: number | null;
}

/**
 * Trellis deployed as the compose file deploys it: `npm run migrate` once, then web and worker
 * processes of the production start (TRELLIS_MIGRATE=never) on one fresh PostgreSQL database and
 * one Redis (queues under a namespace of their own), behind a load balancer. HubSpot and Salesforce
 * are the emulators, installed for one tenant, their webhooks sent to the balancer. `crash`
 * SIGKILLs one web and one worker process; the others carry on alone.
 */
export async function startCluster(size: { web: number; workers: number }, settings: Record<string, string> = {}): Promise<Cluster> {
  const database = await createTestDatabase('postgres', { migrated: false });
  const balancer = await startBalancer();
  const hubspot = await startHubSpotEmulator({ webhooks: { batchWindowMs: 30, retryDelaysMs: [100, 200, 400, 800, 1600] } });
  const salesforce = await startSalesforceEmulator({
    apps: [{ name: 'Trellis', consumerKey: SF_APP.clientId, consumerSecret: SF_APP.clientSecret, callbackUrls: [SF_APP.redirectUri] }],
    outbound: { retryDelaysMs: [100, 200, 400, 800, 1600], batchWindowMs: 20 },
  });
  const processes: ProductionProcess[] = [];
  let control: Awaited<ReturnType<typeof startSync>> | null = null;
  let backend: Awaited<ReturnType<typeof openQueueBackend>> | null = null;
  const cluster = { runningAtClose: null as number | null };
  const close = async () => {
    cluster.runningAtClose = processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null).length;
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await control?.close();
    await backend?.close();
    await balancer.close();
    await hubspot.close();
    await salesforce.close();
    await database.drop();
  };
  try {
    const keyringSpec = generateKeyringSpec();
    const keyring = createKeyring(parseKeyring(keyringSpec));
    const namespace = `cluster-${randomBytes(4).toString('hex')}`;
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      TRELLIS_QUEUE_NAMESPACE: namespace,
      TRELLIS_MIGRATE: 'never',
      PUBLIC_URL: balancer.url,
      TRELLIS_ENCRYPTION_KEYS: keyringSpec,
      TRELLIS_SIGNING_SECRET: SIGNING_SECRET,
      TRELLIS_ADMIN_TOKEN: ADMIN_TOKEN,
      HUBSPOT_CLIENT_ID: HUBSPOT_APP.clientId,
      HUBSPOT_CLIENT_SECRET: HUBSPOT_APP.clientSecret,
      HUBSPOT_API_URL: hubspot.url,
      SALESFORCE_CLIENT_ID: SF_APP.clientId,
      SALESFORCE_CLIENT_SECRET: SF_APP.clientSecret,
      SALESFORCE_LOGIN_URL: salesforce.url,
      SALESFORCE_CHANGE_DATA_CAPTURE: 'false',
      SALESFORCE_DAILY_API_BUDGET: '1000000',
      SYNC_SWEEP_INTERVAL_MS: '250',
      SYNC_RECONCILE_INTERVAL_MS: '3600000',
      SHUTDOWN_GRACE_MS: '5000',
      LOG_LEVEL: 'warn',
      ...settings,
    };
    const migration = await runProductionCommand('src/migrateCommand.ts', { DATABASE_URL: database.url });
    if (migration.code !== 0) throw new Error(`npm run migrate failed:\n${migration.output}`);

    const db = database.db;
    const { tenant, apiKey } = await createTenant({ db }, 'Cluster Co');
    const app = hubspot.registerApp({
      name: 'Trellis',
      ...HUBSPOT_APP,
      redirectUrls: [`${balancer.url}/oauth/hubspot/callback`],
      scopes: HUBSPOT_SCOPES,
      webhooks: {
        targetUrl: `${balancer.url}/webhooks/hubspot`,
        subscriptions: ['company.creation', 'company.propertyChange', 'company.deletion', 'company.merge'].map((subscriptionType) => ({ subscriptionType })),
      },
    });
    const portal = await connectHubSpotPortal(hubspot, { db, keyring }, tenant.id);
    const org = salesforce.createOrg({ name: 'Cluster Org' });
    await connectSalesforceOrg(salesforce, org.id, { db, keyring }, tenant.id);
    salesforce.configureOutboundMessage(org.id, {
      object: 'Account',
      fields: DEFAULT_MAPPING.partner.salesforce.fields.map((f) => f.crmField),
      endpointUrl: `${balancer.url}/webhooks/salesforce/${salesforceEndpointSecret(SIGNING_SECRET, tenant.id)}`,
    });

    const roles = [...Array<'web'>(size.web).fill('web'), ...Array<'worker'>(size.workers).fill('worker')];
    processes.push(...roles.map((role) => new ProductionProcess(role, { ...env, HUBSPOT_APP_ID: String(app.id) })));
    await Promise.all(processes.map((p) => p.started()));
    const web = processes.filter((p) => p.role === 'web');
    const workers = processes.filter((p) => p.role === 'worker');
    balancer.backends.push(...web.map((p) => p.url));

    const api = new ApiClient(balancer.url, apiKey);
    // What the settings page's "Provision" does after an install, through a web process.
    const provisioned = await api.post('/api/v1/sync/provision', {});
    if (provisioned.status !== 200) throw new Error(`provisioning failed: ${JSON.stringify(provisioned.body)}`);

    // The schedulers' reconciliation and sweep, run by the test when it wants them (they enqueue; the workers write).
    backend = await openQueueBackend({ kind: 'redis', url: REDIS_URL }, { namespace });
    control = await startSync({
      backend,
      deps: { db, clock: systemClock, keyring },
      logger: createLogger('silent'),
      metrics: createSyncMetrics(new Registry()),
      settings: {
        crmApps: { hubspot: { apiUrl: hubspot.url, ...HUBSPOT_APP }, salesforce: { loginUrl: salesforce.url, clientId: SF_APP.clientId, clientSecret: SF_APP.clientSecret, dailyBudget: 1_000_000 } },
        sweepIntervalMs: 250,
        reconcileIntervalMs: 3_600_000,
        redisUrl: REDIS_URL,
        work: false,
      },
    });
    const engine = { db, clock: systemClock, keyring, adapters: control.adapters };
    const sync = control;
    const queues = backend;

    const eventually = (check: () => Promise<void>, timeoutMs: number) => retryUntilPasses(check, timeoutMs, 100);
    return Object.assign(cluster, {
      web,
      workers,
      migrated: migration.output,
      queues,
      apiKey,
      api,
      database,
      tenantId: tenant.id,
      hubspot,
      portalId: portal.id,
      salesforce,
      orgId: org.id,
      // A job of a killed worker waits for its lock to lapse before another worker takes it: up to half a minute.
      ...emulatorViews({ db, hubspot, salesforce, portalId: portal.id, orgId: org.id, eventually, settleWithinMs: 60_000 }),
      async crash() {
        await Promise.all([web[0]!.kill('SIGKILL'), workers[0]!.kill('SIGKILL')]);
        return 2;
      },
      async repair() {
        for (const crm of ['hubspot', 'salesforce'] as const) await reconcileOnce(engine, tenant.id, crm);
        await sync.runtime.sweep();
      },
      close,
    });
  } catch (err) {
    await close();
    throw err;
  }
}
