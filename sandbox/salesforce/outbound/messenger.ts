import { WebhookDispatcher, type DeliveryRecord } from '../../shared/delivery';
import type { FaultInjector } from '../../shared/faults';
import { KEY_PREFIX, makeId } from '../ids';
import type { RecordChange } from '../records/transaction';
import type { EmulatorState } from '../state';
import { isAcknowledged, renderNotifications } from './soap';

/** Up to 100 notifications travel in one message (WSDL `Notification maxOccurs="100"`). */
const MAX_NOTIFICATIONS = 100;
/** The SOAP API version the Enterprise and Partner URLs in a message point at. */
const SOAP_VERSION = '62.0';

export interface OutboundOptions {
  /** Waits between attempts; Salesforce backs off up to 2 h between tries for 24 h, compressed here. */
  retryDelaysMs: number[];
  /** Changes arriving within this window share one message. */
  batchWindowMs: number;
  timeoutMs: number;
}

/** What a queued message carries; the SOAP body is rendered at each attempt so it holds the latest record data. */
interface MessageDescriptor {
  orgId: string;
  actionId: string;
  url: string;
  objectName: string;
  fields: string[];
  notifications: Array<{ id: string; recordId: string }>;
}

export interface OutboundDelivery {
  id: number;
  url: string;
  status: DeliveryRecord['status'];
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  organizationId: string;
  actionId: string;
  notificationIds: string[];
  recordIds: string[];
}

/**
 * Turns record changes into Outbound Messages: queued per action, coalesced per record,
 * batched, and delivered by the shared dispatcher until the endpoint acknowledges them.
 */
export class OutboundMessenger {
  private dispatcher: WebhookDispatcher;
  /** Record ids waiting per org and action, in change order. */
  private pending = new Map<string, { orgId: string; actionId: string; recordIds: Set<string> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly getState: () => EmulatorState,
    private readonly baseUrl: () => string,
    private readonly nextSequence: () => number,
    private readonly faults: FaultInjector,
    private readonly options: OutboundOptions,
  ) {
    this.dispatcher = this.createDispatcher();
  }

  notify(changes: RecordChange[]): void {
    for (const change of changes) {
      if (change.kind === 'delete') continue;
      const org = this.getState().orgs[change.orgId];
      for (const action of org?.outboundMessages ?? []) {
        if (action.object !== change.objectName || !action.events.includes(change.kind)) continue;
        const key = `${change.orgId}/${action.id}`;
        const queue = this.pending.get(key) ?? { orgId: change.orgId, actionId: action.id, recordIds: new Set<string>() };
        queue.recordIds.add(change.id);
        this.pending.set(key, queue);
      }
    }
    if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), this.options.batchWindowMs);
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry. */
  async idle(): Promise<void> {
    do {
      this.flush();
      await this.dispatcher.idle();
    } while (this.pending.size > 0);
  }

  deliveries(): OutboundDelivery[] {
    return this.dispatcher.log.map((record) => {
      const message = JSON.parse(record.body) as MessageDescriptor;
      return {
        id: record.id,
        url: record.url,
        status: record.status,
        attempts: record.attempts,
        ...(record.lastStatusCode !== undefined ? { lastStatusCode: record.lastStatusCode } : {}),
        ...(record.lastError !== undefined ? { lastError: record.lastError } : {}),
        organizationId: message.orgId,
        actionId: message.actionId,
        notificationIds: message.notifications.map((n) => n.id),
        recordIds: message.notifications.map((n) => n.recordId),
      };
    });
  }

  /** Forget queued messages and the delivery log; deliveries under way stop retrying. */
  reset(): void {
    this.close();
    this.dispatcher = this.createDispatcher();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.dispatcher.close();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const queues = [...this.pending.values()];
    this.pending.clear();
    for (const { orgId, actionId, recordIds } of queues) {
      const action = this.getState().orgs[orgId]?.outboundMessages.find((a) => a.id === actionId);
      if (!action) continue;
      const ids = [...recordIds];
      for (let i = 0; i < ids.length; i += MAX_NOTIFICATIONS) {
        const descriptor: MessageDescriptor = {
          orgId,
          actionId,
          url: action.endpointUrl,
          objectName: action.object,
          fields: action.fields,
          notifications: ids.slice(i, i + MAX_NOTIFICATIONS).map((recordId) => ({ id: makeId(KEY_PREFIX.outboundNotification, this.nextSequence()), recordId })),
        };
        this.dispatcher.send(JSON.stringify(descriptor));
      }
    }
  }

  private createDispatcher(): WebhookDispatcher {
    return new WebhookDispatcher({
      faults: this.faults,
      retryDelaysMs: this.options.retryDelaysMs,
      timeoutMs: this.options.timeoutMs,
      acknowledged: isAcknowledged,
      build: (body) => {
        const message = JSON.parse(body) as MessageDescriptor;
        const records = this.getState().orgs[message.orgId]?.records[message.objectName] ?? {};
        const base = this.baseUrl();
        const org15 = message.orgId.slice(0, 15);
        return {
          url: message.url,
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
          body: renderNotifications({
            organizationId: message.orgId,
            actionId: message.actionId,
            enterpriseUrl: `${base}/services/Soap/c/${SOAP_VERSION}/${org15}`,
            partnerUrl: `${base}/services/Soap/u/${SOAP_VERSION}/${org15}`,
            objectName: message.objectName,
            fields: message.fields,
            notifications: message.notifications.map((n) => ({ id: n.id, record: records[n.recordId] ?? { Id: n.recordId } })),
          }),
        };
      },
    });
  }
}
