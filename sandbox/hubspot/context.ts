import type { FaultInjector } from '../shared/faults';
import type { ChangeSink, ChangeSource } from './changes';
import type { RateLimiter } from './rateLimits';
import type { SearchIndex } from './searchIndex';
import type { EmulatorState, Portal } from './state';
import type { WebhookHub } from './webhooks';

export interface EmulatorSettings {
  accessTokenLifetimeSeconds: number;
  authorizationCodeLifetimeSeconds: number;
  /** From this instant (epoch ms) the `/oauth/v1/*` endpoints are refused. */
  oauthV1SunsetAt: number;
}

/** What every route needs: the state, the clock and the side channels changes flow into. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly settings: EmulatorSettings;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookHub;
  readonly rateLimits: RateLimiter;
  readonly searchIndex: SearchIndex;
  now(): number;
  /** Called after anything changed, so persistence can save. */
  changed(): void;
}

/** Everything a write needs to stamp records and report the change. */
export interface WriteContext {
  portal: Portal;
  source: ChangeSource;
  now: number;
  emit: ChangeSink;
}

export function writeContext(ctx: EmulatorContext, portal: Portal, source: ChangeSource): WriteContext {
  const emit: ChangeSink = (event) => {
    ctx.searchIndex.noteChange(event);
    ctx.webhooks.publish(event);
  };
  return { portal, source, now: ctx.now(), emit };
}
