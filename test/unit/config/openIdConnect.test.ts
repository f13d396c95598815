import { ConfigError, loadConfig } from '../../../src/config';

const OIDC = { OIDC_ISSUER: 'https://acme.okta.com', OIDC_CLIENT_ID: 'trellis', OIDC_CLIENT_SECRET: 'okta-secret' };

describe('OpenID Connect sign-in settings', () => {
  it('are off unless configured', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('name the provider on the button', () => {
    expect(loadConfig(OIDC).oidc).toEqual({ issuer: 'https://acme.okta.com', clientId: 'trellis', clientSecret: 'okta-secret', name: 'single sign-on' });
    expect(loadConfig({ ...OIDC, OIDC_NAME: 'Okta' }).oidc?.name).toBe('Okta');
  });

  it('are refused half set, or with an issuer not over https', () => {
    expect(() => loadConfig({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together/);
    expect(() => loadConfig({ ...OIDC, OIDC_ISSUER: 'http://idp.example.com' })).toThrow(ConfigError);
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://localhost:8080/realms/acme' }).oidc?.issuer).toBe('http://localhost:8080/realms/acme');
  });
});
