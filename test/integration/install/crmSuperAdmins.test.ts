import { ScriptedBrowser } from '../../../sandbox/demo/browser';
import { consentHubSpot, consentSalesforce, settingsTenant } from '../../../sandbox/demo/consent';
import { getCrmConnection } from '../../../src/store/connections';
import { findVendorUserByEmail } from '../../../src/store/vendorUsers';
import { startInstallWorld, type InstallWorld } from './world';

/**
 * Reconnecting an account already connected to Trellis is for its Trellis admins, or for whoever
 * the CRM itself says administers the account: a HubSpot super admin, a Salesforce user whose
 * profile modifies all data. They become Trellis admins; anyone else is sent to their admin.
 */
let w: InstallWorld;
beforeAll(async () => {
  w = await startInstallWorld();
});
afterAll(() => w.close());

describe('HubSpot super admins', () => {
  let tenantId: string;
  beforeAll(async () => {
    tenantId = settingsTenant(await consentHubSpot(new ScriptedBrowser(), w.url, w.portal.id));
  });

  const reinstallAs = async (email: string) => {
    const browser = new ScriptedBrowser();
    return browser.submit(await browser.open(`${w.url}/oauth/hubspot/install`), { portal_id: String(w.portal.id), user_email: email });
  };

  it('lets a super admin Trellis does not know reconnect, and makes them a Trellis admin', async () => {
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'sam@acme.example.com', superAdmin: true });
    const before = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    const page = await reinstallAs('sam@acme.example.com');
    expect(settingsTenant(page)).toBe(tenantId);
    expect(page.html).toContain('Signed in as sam@acme.example.com (Admin)');
    expect(await findVendorUserByEmail(w.db, tenantId, 'sam@acme.example.com')).toMatchObject({ role: 'admin', createdBy: 'crm-super-admin' });
    const after = (await getCrmConnection(w.db, w.keyring, tenantId, 'hubspot'))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.scopes).toContain('settings.users.read');
  });

  it('sends a user who is not a super admin to their Trellis admin', async () => {
    w.emulators.hubspot.addPortalUser(w.portal.id, { email: 'nick@acme.example.com' });
    const page = await reinstallAs('nick@acme.example.com');
    expect(page.status).toBe(403);
    expect(page.html).toContain('ask your Trellis admin');
    expect(await findVendorUserByEmail(w.db, tenantId, 'nick@acme.example.com')).toBeNull();
  });
});

describe('Salesforce administrators', () => {
  let org: { id: string };
  let tenantId: string;
  beforeAll(async () => {
    org = w.emulators.salesforce.createOrg({
      name: 'Globex',
      users: [
        { username: 'admin@globex.example.com', lastName: 'Admin', email: 'admin@globex.example.com' },
        { username: 'sara@globex.example.com', lastName: 'Admin', email: 'sara@globex.example.com', profile: 'System Administrator' },
        { username: 'stan@globex.example.com', lastName: 'User', email: 'stan@globex.example.com' },
      ],
    });
    tenantId = settingsTenant(await consentSalesforce(new ScriptedBrowser(), w.url, org.id));
  });

  const userId = (username: string) => Object.values(w.emulators.salesforce.state.orgs[org.id]!.records.User!).find((u) => u.Username === username)!.Id as string;
  const reinstallAs = async (username: string) => {
    const browser = new ScriptedBrowser();
    return browser.submit(await browser.open(`${w.url}/oauth/salesforce/install`), { org_id: org.id, user_id: userId(username), action: 'allow' });
  };

  it('lets a System Administrator Trellis does not know reconnect, and makes them a Trellis admin', async () => {
    const page = await reinstallAs('sara@globex.example.com');
    expect(settingsTenant(page)).toBe(tenantId);
    expect(await findVendorUserByEmail(w.db, tenantId, 'sara@globex.example.com')).toMatchObject({ role: 'admin', createdBy: 'crm-super-admin' });
  });

  it('sends a Standard User to their Trellis admin', async () => {
    const page = await reinstallAs('stan@globex.example.com');
    expect(page.status).toBe(403);
    expect(page.html).toContain('ask your Trellis admin');
    expect(await findVendorUserByEmail(w.db, tenantId, 'stan@globex.example.com')).toBeNull();
  });
});
