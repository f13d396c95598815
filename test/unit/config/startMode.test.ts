import { ConfigError, loadConfig } from '../../../src/config';
import { loadStartConfig } from '../../../src/config/start';
import { generateKeyringSpec } from '../../../src/security/secrets';

/** Everything a production start needs, with a HubSpot app. */
const PRODUCTION = {
  DATABASE_URL: 'postgres://trellis@db.internal/trellis',
  PUBLIC_URL: 'https://trellis.example.com',
  TRELLIS_ENCRYPTION_KEYS: generateKeyringSpec(),
  TRELLIS_SIGNING_SECRET: 'x'.repeat(40),
  TRELLIS_ADMIN_TOKEN: 'operator-token-0123456789',
  HUBSPOT_CLIENT_ID: 'c0ffee-hubspot-app',
  HUBSPOT_CLIENT_SECRET: 'hubspot-real-secret',
};

function refusal(start: () => unknown): string {
  try {
    start();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the start was not refused');
}

describe('production never starts as a sandbox by accident (issue 14 row 2)', () => {
  it('is not a sandbox when TRELLIS_SANDBOX is unset', () => {
    expect(loadConfig({}).sandbox).toBe(false);
    expect(loadConfig({ TRELLIS_SANDBOX: 'true' }).sandbox).toBe(true);
  });

  it('refuses the sandbox beside real app credentials, naming each of them', () => {
    const message = refusal(() =>
      loadConfig({ TRELLIS_SANDBOX: 'true', HUBSPOT_CLIENT_SECRET: 'real', SALESFORCE_CLIENT_ID: '3MVG9real', SLACK_SIGNING_SECRET: 'real', HUBSPOT_API_URL: 'https://api.hubapi.com' }),
    );
    for (const name of ['HUBSPOT_CLIENT_SECRET', 'SALESFORCE_CLIENT_ID', 'SLACK_SIGNING_SECRET', 'HUBSPOT_API_URL']) expect(message).toContain(name);
    expect(message).not.toContain('SLACK_CLIENT_SECRET');
  });

  it('npm start (--sandbox) is the sandbox, with nothing set, and refuses real credentials too', () => {
    expect(loadStartConfig(['--sandbox'], {}).sandbox).toBe(true);
    expect(refusal(() => loadStartConfig(['--sandbox'], { HUBSPOT_CLIENT_SECRET: 'real' }))).toContain('HUBSPOT_CLIENT_SECRET');
    expect(refusal(() => loadStartConfig(['--sandbox'], { TRELLIS_SANDBOX: 'false' }))).toContain('npm run serve');
  });

  it('a production start without settings names every missing one in one message', () => {
    const message = refusal(() => loadStartConfig([], {}));
    for (const name of ['DATABASE_URL', 'PUBLIC_URL', 'TRELLIS_ENCRYPTION_KEYS', 'TRELLIS_SIGNING_SECRET', 'TRELLIS_ADMIN_TOKEN', 'HUBSPOT_CLIENT_SECRET', 'SALESFORCE_CLIENT_SECRET']) {
      expect(message).toContain(name);
    }
  });

  it('a production start names what a half-configured app lacks, and starts once it is whole', () => {
    const { HUBSPOT_CLIENT_ID: _id, ...withoutHubSpotId } = PRODUCTION;
    const message = refusal(() => loadStartConfig([], { ...withoutHubSpotId, SLACK_CLIENT_ID: 'slack-app' }));
    expect(message.split('\n').slice(1).map((line) => line.trim().split(':')[0])).toEqual(['HUBSPOT_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET']);
    const config = loadStartConfig([], PRODUCTION);
    expect(config).toMatchObject({ sandbox: false, database: { kind: 'postgres' }, hubspot: { clientId: 'c0ffee-hubspot-app' } });
  });
});
