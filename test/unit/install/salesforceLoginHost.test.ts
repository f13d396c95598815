import { loadConfig } from '../../../src/config';
import { chosenLoginUrl, connectionLoginUrl } from '../../../src/install/salesforceLoginHost';
import { InstallFailed } from '../../../src/install/settings';

const REAL = { loginUrl: 'https://login.salesforce.com', hostUrl: 'https://{host}' };

describe('Salesforce login hosts for installs [sf-ep]', () => {
  it('starts at production by default, at test.salesforce.com for a sandbox, or at the My Domain typed', () => {
    expect(chosenLoginUrl(REAL, {})).toBe('https://login.salesforce.com');
    expect(chosenLoginUrl(REAL, { login: 'sandbox' })).toBe('https://test.salesforce.com');
    expect(chosenLoginUrl(REAL, { my_domain: 'acme' })).toBe('https://acme.my.salesforce.com');
    expect(chosenLoginUrl(REAL, { my_domain: 'acme--uat' })).toBe('https://acme--uat.sandbox.my.salesforce.com');
    expect(chosenLoginUrl(REAL, { my_domain: ' https://Acme.my.salesforce.com/ ' })).toBe('https://acme.my.salesforce.com');
  });

  it('never sends an install (and so the client secret) to a host that is not Salesforce’s', () => {
    for (const typed of ['evil.example.com', 'acme.my.salesforce.com.evil.example', 'acme.my.salesforce.com/../x', 'http://acme.my.salesforce.com@evil.example']) {
      expect(() => chosenLoginUrl(REAL, { my_domain: typed })).toThrow(InstallFailed);
    }
    expect(() => chosenLoginUrl(REAL, { login: 'https://evil.example.com' })).toThrow(InstallFailed);
  });

  it('keeps a My Domain install at its My Domain, and otherwise the host the identity URL names', () => {
    expect(connectionLoginUrl(REAL, 'https://acme.my.salesforce.com', 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA')).toBe('https://acme.my.salesforce.com');
    expect(connectionLoginUrl(REAL, 'https://test.salesforce.com', 'https://test.salesforce.com/id/00D000000000001AAA/005000000000001AAA')).toBe('https://test.salesforce.com');
    expect(() => connectionLoginUrl(REAL, 'https://login.salesforce.com', 'https://evil.example.com/id/00D000000000001AAA/005000000000001AAA')).toThrow('identity URL on another host');
  });

  it('configures the namespace and the host template, refusing bad values by name', () => {
    expect(loadConfig({}).salesforce).toMatchObject({ packageNamespace: 'trellisprm', hostUrl: 'https://{host}' });
    expect(loadConfig({ SALESFORCE_PACKAGE_NAMESPACE: '' }).salesforce.packageNamespace).toBe('');
    expect(() => loadConfig({ SALESFORCE_PACKAGE_NAMESPACE: 'bad__ns' })).toThrow('SALESFORCE_PACKAGE_NAMESPACE');
    expect(() => loadConfig({ SALESFORCE_HOST_URL: 'https://login.salesforce.com' })).toThrow('SALESFORCE_HOST_URL');
  });
});
