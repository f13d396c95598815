import { AppMisconfigured, GrantRevoked } from '../../../src/sync/errors';
import { refreshRefused } from '../../../src/sync/tokens';

/** RFC 6749 §5.2 codes of a refused refresh; "only invalid_grant means reinstall" (platform-rules §1.6). */
describe('refreshRefused', () => {
  it('reads invalid_grant as a revoked or expired grant: the tenant must reconnect', () => {
    const refused = refreshRefused('HubSpot', 'invalid_grant', 'refresh token is invalid, expired or revoked');
    expect(refused).toBeInstanceOf(GrantRevoked);
    expect(refused.message).toContain('reconnect Trellis');
  });

  it.each(['invalid_client', 'unauthorized_client', 'invalid_client_id', 'invalid_request', 'unsupported_grant_type', 'http_400'])(
    'reads %s as Trellis misconfigured: nobody is disconnected',
    (error) => {
      const refused = refreshRefused('Salesforce', error, 'refused');
      expect(refused).toBeInstanceOf(AppMisconfigured);
      expect(refused).not.toBeInstanceOf(GrantRevoked);
      expect(refused).toMatchObject({ kind: 'auth', message: expect.stringContaining(`(${error}: refused)`) });
    },
  );
});
