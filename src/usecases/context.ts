import type { Principal, Role } from '../domain/access';
import type { Clock } from '../domain/clock';
import type { TenantSettings } from '../domain/settings';
import type { Db } from '../store/db';
import type { Keyring } from '../security/secrets';

export interface Deps {
  db: Db;
  clock: Clock;
  /** Encrypts and decrypts CRM and Slack tokens at rest. */
  keyring: Keyring;
}

/** Who acts, for which tenant, under which rules. */
export interface Actor {
  tenantId: string;
  settings: TenantSettings;
  /** Recorded on decisions and in the audit log: a user's email, a Slack user, or an API key's name. */
  name: string;
  /** The role and partner scope that bound what this actor may do (`domain/access`). */
  principal: Principal;
  /** The API key behind the request: its id goes into the audit log beside the name, its role bounds what it may do. */
  apiKey?: { id: string; role: Role };
  /**
   * The person a client names as deciding (`decidedBy`). It is written on the decision and
   * stored beside the actor in the audit log, never instead of it: it is the client's word, not proof.
   */
  decidedBy?: string;
}

/** The name a decision carries (and Slack shows): the person the client named, else the actor itself. */
export const deciderOf = (actor: Actor): string => actor.decidedBy ?? actor.name;
