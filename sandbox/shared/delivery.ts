import type { FaultInjector } from './faults';

/** One HTTP delivery to an app, as a platform would POST it. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryRecord {
  id: number;
  url: string;
  body: string;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  lastStatusCode?: number;
  lastError?: string;
}

export interface DispatcherOptions {
  faults: FaultInjector;
  /** Delays between attempts, in ms; the platform's real schedule compressed. Its length is the retry count. */
  retryDelaysMs: number[];
  /** Builds the request for an attempt (attempt numbers start at 0), so signatures and attempt counters are fresh. */
  build: (body: string, attempt: number) => OutgoingRequest;
  /** Whether the app's answer counts as an acknowledgement. */
  acknowledged: (status: number, responseBody: string) => boolean;
  timeoutMs?: number;
}

/**
 * Delivers webhook payloads the way a platform does: asynchronously, retried until
 * acknowledged or out of attempts, and — under fault injection — duplicated,
 * reordered, delayed or lost in transit.
 */
export class WebhookDispatcher {
  readonly log: DeliveryRecord[] = [];
  private inFlight = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {}

  send(body: string): DeliveryRecord {
    const record: DeliveryRecord = { id: this.nextId++, url: '', body, attempts: 0, status: 'pending' };
    this.log.push(record);
    const { faults } = this.options;
    const webhookFaults = faults.settings.webhooks;
    let delay = webhookFaults.maxDelayMs > 0 ? faults.between(0, webhookFaults.maxDelayMs) : 0;
    // Reordering holds a delivery back long enough for later ones to overtake it.
    if (faults.chance(webhookFaults.reorderRate)) delay += 50 + faults.between(0, 200);
    this.track(this.deliver(record, delay));
    if (faults.chance(webhookFaults.duplicateRate)) {
      const copy: DeliveryRecord = { ...record, id: this.nextId++, attempts: 0 };
      this.log.push(copy);
      this.track(this.deliver(copy, delay + faults.between(0, 100)));
    }
    return record;
  }

  /** Resolves when nothing is being delivered or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(record: DeliveryRecord, initialDelay: number): Promise<void> {
    const { retryDelaysMs, build, acknowledged, faults, timeoutMs = 5000 } = this.options;
    if (initialDelay > 0) await sleep(initialDelay);
    for (let attempt = 0; attempt <= retryDelaysMs.length && !this.closed; attempt++) {
      if (attempt > 0) await sleep(retryDelaysMs[attempt - 1] ?? 0);
      record.attempts = attempt + 1;
      const request = build(record.body, attempt);
      record.url = request.url;
      if (faults.chance(faults.settings.webhooks.dropRate)) {
        record.lastError = 'dropped in transit (fault injection)';
        continue;
      }
      try {
        const res = await fetch(request.url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        record.lastStatusCode = res.status;
        if (acknowledged(res.status, text)) {
          record.status = 'delivered';
          return;
        }
        record.lastError = `HTTP ${res.status}`;
      } catch (err) {
        record.lastError = err instanceof Error ? err.message : String(err);
      }
    }
    record.status = 'failed';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
