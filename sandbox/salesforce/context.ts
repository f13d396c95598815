import type { FaultInjector } from '../shared/faults';
import type { OpenIdSigner } from './oauth/openId';
import type { Transaction } from './records/transaction';
import type { EmulatorState, Org } from './state';

/** What every route module shares: the state (replaced on reset), the clock and the hooks writes go through. */
export interface EmulatorContext {
  state: EmulatorState;
  now(): number;
  faults: FaultInjector;
  accessTokenTtlMs: number;
  authorizationCodeTtlMs: number;
  /** The emulator's own URL: the instance_url and login URL clients are given. */
  baseUrl(): string;
  nextSequence(): number;
  /** Start a write as `userId` (from the API client named by `changeOrigin`); pass it to `commit` once its records are in place. */
  begin(org: Org, userId: string, changeOrigin?: string): Transaction;
  /** Announce a finished write: fires outbound messages and schedules a save. */
  commit(tx: Transaction): void;
  /** Signs the ID tokens of OpenID Connect logins. */
  openId: OpenIdSigner;
}

/** The session a valid access token stands for, set on `res.locals` by the session check. */
export interface ApiSession {
  org: Org;
  userId: string;
  clientId: string;
  /** API version from the path, e.g. "62.0". */
  version: string;
  /** What change events say made this request's writes (see `changeOriginOf`). */
  changeOrigin: string;
}
