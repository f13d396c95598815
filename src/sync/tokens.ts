import type { Clock } from '../domain/clock';
import { getCrmConnection, saveRefreshedTokens, type Crm, type CrmConnection } from '../store/connections';
import type { Deps } from '../usecases/context';
import { disconnectRevokedCrm } from '../usecases/disconnectCrm';
import { authFailed, CrmError, GrantRevoked } from './errors';

export interface RefreshedTokens {
  accessToken: string;
  refreshToken?: string | null;
  accessTokenExpiresAt: Date | null;
}

/** How one CRM trades a refresh token for a new access token. */
export type TokenRefresher = (connection: CrmConnection) => Promise<RefreshedTokens>;

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
    private readonly deps: Pick<Deps, 'db' | 'keyring'> & { clock: Clock },
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
    try {
      return await call(connection);
    } catch (err) {
      if (!(err instanceof CrmError && err.kind === 'auth') || !connection.refreshToken) throw err;
      return call(await this.refresh(connection));
    }
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
          throw err;
        });
        await saveRefreshedTokens(this.deps.db, this.deps.keyring, stale.id, tokens);
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
