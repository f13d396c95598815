import { WebhookDispatcher, type DeliveryRecord } from '../shared/delivery';
import type { FaultInjector } from '../shared/faults';
import type { ChangeEvent } from './changes';
import { STANDARD_TYPES } from './objectTypes';
import type { EmulatorState, RegisteredApp, WebhookSubscription } from './state';
import { signatureV1, signatureV3 } from './webhookSignatures';

export interface WebhookOptions {
  /** How long events collect before a batch is sent (HubSpot batches for a few seconds). */
  batchWindowMs: number;
  /** Delays between delivery attempts; HubSpot retries up to 10 times over 24 hours. */
  retryDelaysMs: number[];
  /** HubSpot gives up on a delivery after 5 s without an answer. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  batchWindowMs: 1000,
  retryDelaysMs: [1000, 2000, 4000, 8000, 16000, 32000, 60000, 120000, 300000, 600000],
  timeoutMs: 5000,
};

/** One notification as HubSpot posts it (the body is an array of these). */
export type WebhookEvent = Record<string, string | number | boolean | number[]>;

const MAX_EVENTS_PER_REQUEST = 100;

const CHANGE_FLAGS: Partial<Record<ChangeEvent['kind'], string>> = {
  creation: 'CREATED',
  deletion: 'DELETED',
  merge: 'MERGED',
};

function matches(subscription: WebhookSubscription, event: ChangeEvent): boolean {
  const [scope, action] = subscription.subscriptionType.split('.');
  if (!subscription.active || action !== event.kind) return false;
  if (scope === 'object') {
    if (subscription.objectTypeId && subscription.objectTypeId !== event.objectTypeId) return false;
  } else if (STANDARD_TYPES.find((t) => t.objectTypeId === event.objectTypeId)?.webhookPrefix !== scope) {
    return false;
  }
  return event.kind !== 'propertyChange' || !subscription.propertyName || subscription.propertyName === event.propertyName;
}

/** The event-specific fields of a notification. */
function eventFields(event: ChangeEvent): WebhookEvent {
  const source = { changeSource: event.source.changeSource, sourceId: event.source.sourceId };
  const flag = CHANGE_FLAGS[event.kind];
  switch (event.kind) {
    case 'creation':
    case 'deletion':
      return { objectId: Number(event.objectId), ...(flag ? { changeFlag: flag } : {}), ...source };
    case 'propertyChange':
      return {
        objectId: Number(event.objectId),
        propertyName: event.propertyName,
        propertyValue: event.propertyValue,
        ...source,
      };
    case 'merge':
      return {
        objectId: Number(event.objectId),
        changeFlag: 'MERGED',
        primaryObjectId: Number(event.primaryObjectId),
        mergedObjectIds: event.mergedObjectIds.map(Number),
        newObjectId: Number(event.newObjectId),
        numberOfPropertiesMoved: event.numberOfPropertiesMoved,
        ...source,
      };
    case 'associationChange':
      return {
        associationType: event.associationType,
        fromObjectId: Number(event.fromObjectId),
        toObjectId: Number(event.toObjectId),
        associationRemoved: event.associationRemoved,
        isPrimaryAssociation: event.isPrimaryAssociation,
        ...source,
      };
  }
}

export interface WebhookDelivery extends DeliveryRecord {
  appId: number;
}

/**
 * Turns CRM changes into notifications for the apps installed in the portal that
 * subscribed to them, batches them per installation, and hands each batch to a
 * dispatcher that signs every attempt afresh (v3 and v1) and retries until acknowledged.
 */
export class WebhookHub {
  private pending = new Map<string, { appId: number; events: WebhookEvent[] }>();
  private timer: NodeJS.Timeout | undefined;
  private dispatchers = new Map<number, WebhookDispatcher>();
  private targets = new Map<number, { url: string; secret: string }>();
  private nextEventId = 1;

  constructor(
    private readonly state: EmulatorState,
    private readonly faults: FaultInjector,
    private readonly options: WebhookOptions,
  ) {}

  publish(event: ChangeEvent): void {
    for (const app of this.subscribedApps(event.portalId)) {
      const webhooks = app.webhooks!;
      for (const subscription of webhooks.subscriptions.filter((s) => matches(s, event))) {
        this.targets.set(app.id, { url: webhooks.targetUrl, secret: app.clientSecret });
        const key = `${app.id}:${event.portalId}`;
        const batch = this.pending.get(key) ?? { appId: app.id, events: [] };
        batch.events.push({
          eventId: this.nextEventId++,
          subscriptionId: subscription.id,
          portalId: event.portalId,
          appId: app.id,
          occurredAt: event.occurredAt,
          subscriptionType: subscription.subscriptionType,
          attemptNumber: 0,
          ...(subscription.subscriptionType.startsWith('object.') ? { objectTypeId: event.objectTypeId } : {}),
          ...eventFields(event),
        });
        this.pending.set(key, batch);
      }
    }
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => this.sendPending(), this.options.batchWindowMs);
    }
  }

  /** Resolves once every batched event has been delivered or has run out of attempts. */
  async idle(): Promise<void> {
    do {
      this.sendPending();
      await Promise.all([...this.dispatchers.values()].map((d) => d.idle()));
    } while (this.pending.size > 0);
  }

  deliveries(): WebhookDelivery[] {
    return [...this.dispatchers.entries()]
      .flatMap(([appId, d]) => d.log.map((record) => ({ ...record, appId })))
      .sort((a, b) => a.id - b.id);
  }

  reset(): void {
    this.close();
    this.dispatchers.clear();
    this.targets.clear();
    this.pending.clear();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const d of this.dispatchers.values()) d.close();
  }

  private subscribedApps(portalId: number): RegisteredApp[] {
    const installed = new Set(
      Object.values(this.state.refreshTokens)
        .filter((g) => g.portalId === portalId)
        .map((g) => g.appId),
    );
    return Object.values(this.state.apps).filter((a) => a.webhooks && installed.has(a.id));
  }

  private sendPending(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const { appId, events } of this.pending.values()) {
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST) {
        this.dispatcher(appId).send(JSON.stringify(events.slice(i, i + MAX_EVENTS_PER_REQUEST)));
      }
    }
    this.pending.clear();
  }

  private dispatcher(appId: number): WebhookDispatcher {
    let dispatcher = this.dispatchers.get(appId);
    if (!dispatcher) {
      dispatcher = new WebhookDispatcher({
        faults: this.faults,
        retryDelaysMs: this.options.retryDelaysMs,
        timeoutMs: this.options.timeoutMs,
        acknowledged: (status) => status >= 200 && status < 300,
        build: (body, attempt) => {
          const target = this.targets.get(appId) ?? { url: '', secret: '' };
          const events = (JSON.parse(body) as WebhookEvent[]).map((e) => ({ ...e, attemptNumber: attempt }));
          const payload = JSON.stringify(events);
          const timestamp = Date.now();
          return {
            url: target.url,
            body: payload,
            headers: {
              'Content-Type': 'application/json',
              'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor',
              'X-HubSpot-Signature': signatureV1(target.secret, payload),
              'X-HubSpot-Signature-Version': 'v1',
              'X-HubSpot-Signature-v3': signatureV3(target.secret, 'POST', target.url, payload, timestamp),
              'X-HubSpot-Request-Timestamp': String(timestamp),
            },
          };
        },
      });
      this.dispatchers.set(appId, dispatcher);
    }
    return dispatcher;
  }
}
