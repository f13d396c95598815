import type { Clock } from '../domain/clock';
import type { Crm } from '../domain/crm';
import { getCrmConnection, noteConnectionProblem, saveRefreshedTokens, type CrmConnection } from '../store/connections';
import type { Deps } from '../usecases/context';
import { disconnectRevokedCrm } from '../usecases/disconnectCrm';
import type { CredentialAlarm } from './credentialAlarm';
import { AppMisconfigured, authFailed, CrmError, GrantRevoked } from './errors';

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string | null;
  accessTokenExpiresAt: Date | null;
}

/** How one CRM trades a refresh token for a new access token. */
export type TokenRefresher = (connection: CrmConnection) => Promise<RefreshedTokens>;

/**
 * Reads an OAuth refusal of a refresh (RFC 6749 §5.2): only `invalid_grant` says the grant is gone
 * (revoked, expired, uninstalled). Anything else (`invalid_client`, `unauthorized_client`, an unknown
 * code) points at Trellis's own app configuration, which no tenant can fix by reconnecting.
 */
export function refreshRefused(crm: string, error: string, description: string): CrmError {
  if (error === 'invalid_grant') {
    return new GrantRevoked(`${crm} refused to refresh the access token (${error}: ${description}): Trellis was uninstalled or its access revoked; reconnect Trellis`);
  }
  return new AppMisconfigured(`${crm} refused Trellis's app credentials when refreshing the access token (${error}: ${description}); Trellis's operator has been alerted, syncing resumes once the configuration is fixed`);
}

/** Refresh this long before the stated expiry, so a token never dies mid-batch. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * A connection's access token for the adapters: refreshed ahead of expiry, and once more
 * when the CRM still answers 401. Refreshed tokens are stored (encrypted) for every process.
 */
export class AccessTokens {
  private connection: CrmConnection | null = null;
  private refreshing: Promise<CrmConnection> | null = null;

  constructor(
    private readonly deps: Pick<Deps, 'db' | 'keyring'> & { clock: Clock; alarm?: CredentialAlarm | undefined },
    readonly tenantId: string,
    readonly crm: Crm,
    private readonly refresher: TokenRefresher,
  ) {}

  /** The connection with a token that is good for at least a minute. */
  async current(): Promise<CrmConnection> {
    const connection = this.connection ?? (await this.load());
    const expires = connection.accessTokenExpiresAt?.getTime();
    if (expires !== undefined && expires - EXPIRY_MARGIN_MS <= this.deps.clock.now().getTime()) return this.refresh(connection);
    return connection;
  }

  /** Runs `call` with a fresh token; an auth failure triggers one refresh and one more try. */
  async run<T>(call: (connection: CrmConnection) => Promise<T>): Promise<T> {
    const connection = await this.current();
    let answered: T;
    try {
      answered = await call(connection);
    } catch (err) {
      if (!(err instanceof CrmError && err.kind === 'auth') || !connection.refreshToken) throw err;
      return call(await this.refresh(connection));
    }
    await this.clearProblem(connection);
    return answered;
  }

  /** The CRM took Trellis's credentials again: a problem noted beside the connection is over. */
  private async clearProblem(connection: CrmConnection): Promise<void> {
    if (!connection.statusReason) return;
    await noteConnectionProblem(this.deps.db, connection.id, null);
    connection.statusReason = null;
  }

  private async load(): Promise<CrmConnection> {
    const connection = await getCrmConnection(this.deps.db, this.deps.keyring, this.tenantId, this.crm);
    if (!connection || connection.status === 'disconnected') throw authFailed(`Trellis is not connected to ${this.crm}`, null);
    this.connection = connection;
    return connection;
  }

  /** One refresh at a time per connection in this process; the others wait for its result. */
  private refresh(stale: CrmConnection): Promise<CrmConnection> {
    this.refreshing ??= (async () => {
      try {
        if (!stale.refreshToken) throw authFailed(`The ${this.crm} access token expired and there is no refresh token; reconnect Trellis`, null);
        const tokens = await this.refresher(stale).catch(async (err: unknown) => {
          if (err instanceof GrantRevoked) await disconnectRevokedCrm(this.deps, this.tenantId, this.crm, stale.refreshToken!, err.message);
          if (err instanceof AppMisconfigured) {
            // Nobody is disconnected: the admin sees the problem beside the connection, the operator is alerted, the job retries.
            await noteConnectionProblem(this.deps.db, stale.id, err.message);
            this.deps.alarm?.raise(this.crm, this.tenantId, err);
          }
          throw err;
        });
        await saveRefreshedTokens(this.deps.db, this.deps.keyring, stale, tokens);
        await this.clearProblem(stale);
        this.connection = { ...stale, ...tokens, refreshToken: tokens.refreshToken ?? stale.refreshToken };
        return this.connection;
      } catch (err) {
        // Read the connection again next time: it may have been disconnected or reconnected meanwhile.
        this.connection = null;
        throw err;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }
}
