import { loadStartConfig } from '../../../src/config/start';
import { createLogger } from '../../../src/logger';
import { startTrellis, type RunningTrellis } from '../../../src/server';
import { generateKeyringSpec } from '../../../src/security/secrets';
import { createTestDatabase, type TestDatabase } from '../../support/databases';

/**
 * Issue 14 row 2: `/preview/fetch` signs any card request, for any portal and user, with the HubSpot
 * client secret. A production start (no sandbox) with a real secret must not serve it, nor the page.
 * The same holds for the Salesforce preview's Apex endpoint, which calls the card backend with an
 * org card secret as any user it is told.
 */
describe('a production start serves no preview and no request signer', () => {
  let database: TestDatabase;
  let trellis: RunningTrellis;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const config = loadStartConfig([], {
      DATABASE_URL: database.url,
      PUBLIC_URL: 'https://trellis.example.com',
      TRELLIS_ENCRYPTION_KEYS: generateKeyringSpec(),
      TRELLIS_SIGNING_SECRET: 'a-signing-secret-of-forty-characters-xx',
      TRELLIS_ADMIN_TOKEN: 'operator-token-0123456789',
      HUBSPOT_CLIENT_ID: 'real-hubspot-app',
      HUBSPOT_CLIENT_SECRET: 'real-hubspot-client-secret',
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    trellis = await startTrellis(config, createLogger('silent'));
  });
  afterAll(async () => {
    await trellis?.close();
    await database?.drop();
  });

  it('answers 404 on /preview, /preview/fetch and the Salesforce preview, and links no preview from its home page', async () => {
    expect((await fetch(`${trellis.url}/preview?portal=1`)).status).toBe(404);
    expect((await fetch(`${trellis.url}/preview/app.js`)).status).toBe(404);
    const signed = await fetch(`${trellis.url}/preview/fetch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${trellis.url}/api/cards/hubspot/partner`, portalId: 1, userEmail: 'anyone@example.com' }),
    });
    expect(signed.status).toBe(404);
    expect((await fetch(`${trellis.url}/preview/salesforce`)).status).toBe(404);
    const apex = await fetch(`${trellis.url}/preview/salesforce/apex/TrellisCards/searchPartners`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId: '00D000000000001AAA', userEmail: 'anyone@example.com', params: { text: '' } }),
    });
    expect(apex.status).toBe(404);
    const home = await (await fetch(`${trellis.url}/`)).text();
    expect(home).toContain('Trellis is running');
    expect(home).not.toContain('/preview');
  });
});
