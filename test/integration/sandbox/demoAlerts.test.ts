import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../../sandbox/demo/boot';
import { demoData } from '../../../sandbox/demo/data';
import { DEMO_SLACK } from '../../../sandbox/demo/seedCrms';
import { createTestDatabase, type TestDatabase } from '../../support/databases';
import { bootTestSandbox } from '../../support/sandbox';
import { eventually, textOf } from '../alerts/harness';

let database: TestDatabase;
let dataDir: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  database = await createTestDatabase('postgres');
  dataDir = mkdtempSync(join(tmpdir(), 'trellis-demo-alerts-'));
  sandbox = await bootTestSandbox(database.url, dataDir);
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What a person reads in #partner-alerts, one entry per message. */
const alertTexts = () =>
  sandbox.emulators.slack
    .messages(DEMO_SLACK.channelId)
    .filter((m) => !m.deleted && !m.ephemeralTo)
    .map(textOf);

/** One message of each kind; the digest is drawn once its one-minute window has had time to fill. */
const KINDS: Record<string, RegExp> = {
  'awaiting approval': /Deal registration awaiting approval/,
  'approval overdue': /Approval overdue.*the SLA is 48 h/,
  'channel conflict': /channel conflict\* on \*.+\*[\s\S]*Evidence: /i,
  'sync conflict': /Sync conflict.* on partner field \*tier\*[\s\S]*`platinum`[\s\S]*`silver`[\s\S]*Keep Trellis value[\s\S]*Keep HubSpot value/,
  'partner at risk': /is at risk\*: health \d+\/100/,
  digest: /\*\d+ more registrations awaiting approval\* arrived together/,
};

describe("the demo's #partner-alerts on a fresh start", () => {
  it('shows an alert of every kind: pending and overdue approvals, channel and sync conflicts, partners at risk, and a digest of the burst', async () => {
    const missing = () => Object.keys(KINDS).filter((kind) => !alertTexts().some((text) => KINDS[kind]!.test(text)));
    await eventually(() => missing().length === 0, 100_000).catch(() => {
      throw new Error(`#partner-alerts lacks: ${missing().join(', ')}`);
    });
    // The partner's spreadsheet import: ten alerts one by one, the rest of the burst in one message.
    const digest = alertTexts().find((text) => KINDS.digest!.test(text))!;
    expect(digest).toMatch(/^:card_index: \*(\d+) more registrations awaiting approval\*/);
    expect(Number(/\*(\d+) more/.exec(digest)![1])).toBeGreaterThanOrEqual(5);
    const importer = demoData(new Date()).partners.find((p) => p.region === 'EMEA' && p.tier === 'platinum')!;
    expect(digest).toContain(`${importer.name} → `);
  }, 120_000);
});
