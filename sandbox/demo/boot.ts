import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/logger';
import { previewRouter } from '../../src/preview/router';
import { startTrellis, type RunningTrellis } from '../../src/server';
import { createKeyring } from '../../src/security/secrets';
import type { Deps } from '../../src/usecases/context';
import { startHubSpotEmulator } from '../hubspot';
import { startSalesforceEmulator } from '../salesforce';
import { startMailCatcher, type RunningMailCatcher } from '../mail';
import { startSlackEmulator } from '../slack';
import { emulatorEndpoints, registerTrellisApps, type Emulators } from './apps';
import { demoData } from './data';
import { ensureDemoCrms, ensureDemoTenant, type DemoTenant } from './demoTenant';
import { DEMO_PORTAL } from './seedCrms';
import { stageSyncConflict } from './stageSyncConflict';

export interface SandboxOptions {
  /** The configuration with the sandbox's secrets filled in (`withSandboxSecrets`). */
  config: Config;
  logger: Logger;
  /** Where each emulator (and the mail view, 4) listens; by default the ports after Trellis's (or free ports when Trellis's is 0). */
  emulatorPort?: (offset: 1 | 2 | 3 | 4) => number;
}

export interface RunningSandbox {
  trellis: RunningTrellis;
  emulators: Emulators;
  /** Where the mail Trellis sends arrives, and its web view. */
  mail: RunningMailCatcher;
  /** The configuration Trellis runs with: the emulators in place of HubSpot, Salesforce and Slack. */
  config: Config;
  demo: DemoTenant;
  /** What to open, for the start-up output. */
  links: Array<[label: string, url: string]>;
  /** Settles once the work left for after "Ready" is done: CRM deals read, partners scored, today's sync conflict staged. */
  warmedUp: Promise<void>;
  close(): Promise<void>;
}

const EMULATORS = ['hubspot', 'salesforce', 'slack'] as const;
/** Written once the demo is whole; a data directory without it holds an interrupted first start. */
const DEMO_COMPLETE = 'demo-complete';

/**
 * A first start killed before the demo was whole left half of it in the emulators' files (and in
 * the embedded store): those are set aside, so this start seeds the whole demo again rather than
 * skipping what it finds. Nothing of a person's is lost: before "Ready" there is no API key to use.
 */
function interruptedFirstStart(dir: string): boolean {
  if (existsSync(join(dir, DEMO_COMPLETE))) return false;
  for (const name of EMULATORS) rmSync(join(dir, `${name}.json`), { force: true });
  return true;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`the sandbox needs ${name}; fill the configuration with withSandboxSecrets first`);
  return value;
}

/**
 * `npm start` without CRM credentials: the three emulators on local ports (persisted in the
 * data directory unless TRELLIS_SANDBOX_PERSIST=false), Trellis pointed at them, and the
 * demo company installed and seeded through the product's own flows.
 */
export async function bootSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const { config, logger } = options;
  if (!config.encryptionKeys) throw new Error('the sandbox needs encryption keys; fill the configuration with withSandboxSecrets first');
  // The demo reads its connections back (to skip what a persisted sandbox already has) with Trellis's own keys.
  const keyring = createKeyring(config.encryptionKeys);
  const dir = join(config.dataDir, 'sandbox');
  mkdirSync(dir, { recursive: true });
  const persist = (name: string) => (config.sandboxPersist ? { persistPath: join(dir, `${name}.json`) } : {});
  const port = options.emulatorPort ?? ((offset: number) => (config.port === 0 ? 0 : config.port + offset));
  const afresh = config.sandboxPersist && interruptedFirstStart(dir);
  const emulators: Emulators = {
    hubspot: await startHubSpotEmulator({ port: port(1), ...persist('hubspot') }),
    salesforce: await startSalesforceEmulator({ port: port(2), ...persist('salesforce') }),
    slack: await startSlackEmulator({ port: port(3), ...persist('slack') }),
  };
  const mail = await startMailCatcher({ viewPort: port(4) });
  const closeEmulators = () => Promise.all([emulators.hubspot.close(), emulators.salesforce.close(), emulators.slack.close(), mail.close()]);
  try {
    const { hubspotAppId } = registerTrellisApps(emulators, config.publicUrl, {
      hubspot: { clientId: config.hubspot.clientId, clientSecret: required(config.hubspot.clientSecret, 'a HubSpot client secret') },
      salesforce: { clientId: config.salesforce.clientId, clientSecret: required(config.salesforce.clientSecret, 'a Salesforce client secret') },
      slack: {
        clientId: config.slack.clientId,
        clientSecret: required(config.slack.clientSecret, 'a Slack client secret'),
        signingSecret: required(config.slack.signingSecret, 'a Slack signing secret'),
      },
    });
    const endpoints = emulatorEndpoints(emulators);
    const sandboxConfig: Config = {
      ...config,
      hubspot: { ...config.hubspot, ...endpoints.hubspot, appId: hubspotAppId },
      salesforce: { ...config.salesforce, ...endpoints.salesforce },
      slack: { ...config.slack, ...endpoints.slack },
      // Salesforce changes by Change Data Capture from the emulator's Pub/Sub API (its certificate is the sandbox's self-signed one).
      sync: { ...config.sync, salesforcePubSub: config.sync.salesforcePubSub && { pubSubEndpoint: emulators.salesforce.pubSubEndpoint!, rejectUnauthorizedSsl: false } },
      // Every mail goes to the catcher: the sandbox never mails anyone.
      mail: { smtpUrl: mail.smtpUrl, from: 'Trellis Sandbox <trellis@sandbox.invalid>' },
    };
    const today = new Date();
    const data = demoData(today);
    // The CRMs' demo records are entered while the store starts: neither waits for the other.
    // The cards on a record page of the emulated portal, their requests signed as HubSpot signs them.
    const hubspotApp = { ...sandboxConfig.hubspot, clientSecret: required(sandboxConfig.hubspot.clientSecret, 'a HubSpot client secret') };
    const links = [
      { label: 'HubSpot sandbox', url: `${sandboxConfig.hubspot.apiUrl}/` },
      { label: 'Salesforce sandbox', url: `${sandboxConfig.salesforce.loginUrl}/` },
    ];
    const salesforceApp = { ...sandboxConfig.salesforce, clientSecret: required(sandboxConfig.salesforce.clientSecret, 'a Salesforce client secret') };
    const preview = (deps: Deps) => ({ router: previewRouter(deps, { publicUrl: config.publicUrl, hubspot: hubspotApp, salesforce: salesforceApp, links }, logger), links });
    const [started, seededCrms] = await Promise.allSettled([startTrellis(sandboxConfig, logger, { freshStore: afresh, preview }), ensureDemoCrms(emulators, data)]);
    if (started.status === 'rejected') throw started.reason;
    const trellis = started.value;
    let closing = false;
    try {
      if (seededCrms.status === 'rejected') throw seededCrms.reason;
      const crms = seededCrms.value;
      const salesforceChanges = sandboxConfig.sync.salesforcePubSub ? 'cdc' : 'outbound';
      const demo = await ensureDemoTenant({ emulators, trellisUrl: config.publicUrl, db: trellis.db, keyring, dataDir: config.dataDir, logger, salesforceChanges }, crms, data, today);
      emulators.hubspot.persist();
      emulators.salesforce.persist();
      emulators.slack.emulator.flush();
      if (config.sandboxPersist) writeFileSync(join(dir, DEMO_COMPLETE), `${demo.tenantId}\n`);
      const warnUnlessClosing = (message: string) => (err: Error) => {
        if (!closing) logger.warn({ err: err.message }, message);
      };
      // Deals read and partners scored now rather than at the schedulers' next run, but after "Ready": nobody waits for them.
      const warmedUp = trellis
        .refreshPartnerIntelligence()
        .catch(warnUnlessClosing('reading CRM deals and scoring partners after start-up failed; the schedulers will retry'))
        .then(() => stageSyncConflict({ db: trellis.db, keyring, hubspotUrl: emulators.hubspot.url, demo, data }))
        .catch(warnUnlessClosing('staging the demo sync conflict failed'));
      return {
        trellis,
        emulators,
        mail,
        config: sandboxConfig,
        demo,
        links: [
          ['CRM cards', `${config.publicUrl}/preview  (a HubSpot record page with the Trellis cards in its sidebar)`],
          ['Salesforce LWCs', `${config.publicUrl}/preview/salesforce  (a Lightning record page with the Trellis components)`],
          ['Sign in', `${config.publicUrl}/signin  (any demo user in one click, or with HubSpot or Salesforce)`],
          ['Settings page', `${config.publicUrl}/settings?tenant=${demo.tenantId}`],
          ['Dashboard', `${config.publicUrl}/dashboard  (partner analytics)`],
          ['HubSpot', `${emulators.hubspot.url}/  (portal ${DEMO_PORTAL.id})`],
          ['Salesforce', `${emulators.salesforce.url}/`],
          ['Slack', `${emulators.slack.url}/  (#partner-alerts)`],
          ['Partner portal', `${config.publicUrl}/portal  (partner users sign in by a link mailed to them)`],
          ['Mail', `${mail.url}/mail  (what Trellis emailed: "Ask for details" questions, partner invitations and sign-in links)`],
        ],
        warmedUp,
        async close() {
          closing = true;
          await trellis.close();
          await closeEmulators();
        },
      };
    } catch (err) {
      await trellis.close();
      throw err;
    }
  } catch (err) {
    await closeEmulators();
    throw err;
  }
}
