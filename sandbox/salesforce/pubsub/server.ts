import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { liveGrant } from '../auth';
import type { EmulatorContext } from '../context';
import { normalizeId } from '../ids';
import { findObject } from '../schema/catalog';
import type { Org } from '../state';
import { ALL_CHANGE_EVENTS, changeChannel } from './channels';
import { cdcAvailable, isSelected, type ChangeEventBus, type StoredChangeEvent } from './eventBus';

export interface PubSubOptions {
  port?: number;
  /** An idle subscription gets an empty FetchResponse this often (Salesforce: within 270 s). */
  keepaliveMs?: number;
}

export interface RunningPubSub {
  /** `host:port`, what the client's `pubSubEndpoint` takes. */
  endpoint: string;
  close(): Promise<void>;
}

/** The official proto, as the client library ships it (beside its `dist/`). */
export const PUBSUB_PROTO = path.join(path.dirname(require.resolve('salesforce-pubsub-api-client')), '..', 'pubsub_api.proto');
/** A self-signed certificate for localhost, checked in for the sandbox only (see README.md beside it). */
const TLS = { cert: readFileSync(path.join(__dirname, 'sandbox-tls.crt')), key: readFileSync(path.join(__dirname, 'sandbox-tls.key')) };

/** gRPC errors carry Pub/Sub's own error code in the trailers (Pub/Sub API "Handle Errors"). */
function failure(code: grpc.status, errorCode: string, details: string): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set('error-code', errorCode);
  const rpcId = randomUUID();
  metadata.set('rpc-id', rpcId);
  return Object.assign(new Error(details), { code, details: `${details} rpcId: ${rpcId}`, metadata });
}

const encodeReplayId = (id: bigint) => {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(id);
  return buf;
};

interface FetchRequest {
  topicName: string;
  replayPreset: number | string;
  replayId: Buffer;
  numRequested: number;
}

/**
 * The Pub/Sub API (sf-proto) over TLS: Subscribe, GetTopic and GetSchema for change event
 * channels. Every call names its org by the `accesstoken`, `instanceurl` and `tenantid`
 * metadata (sf-psauth); change event channels take no publishes.
 */
export async function startPubSubServer(ctx: EmulatorContext, bus: ChangeEventBus, options: PubSubOptions = {}): Promise<RunningPubSub> {
  const definition = protoLoader.loadSync(PUBSUB_PROTO, {});
  const service = (grpc.loadPackageDefinition(definition) as unknown as { eventbus: { v1: { PubSub: { service: grpc.ServiceDefinition } } } }).eventbus.v1.PubSub.service;
  const keepaliveMs = options.keepaliveMs ?? 270_000;
  const streams = new Set<() => void>();

  const authenticate = (metadata: grpc.Metadata): Org => {
    const [token, instanceUrl, tenantId] = ['accesstoken', 'instanceurl', 'tenantid'].map((k) => String(metadata.get(k)[0] ?? ''));
    if (!token || !instanceUrl || !tenantId) throw failure(grpc.status.UNAUTHENTICATED, 'sfdc.platform.eventbus.grpc.service.auth.error', 'Missing accesstoken, instanceurl or tenantid in the request metadata');
    const grant = liveGrant(ctx.state, token, ctx.now());
    const org = grant && ctx.state.orgs[grant.orgId];
    // The instance URL is compared by host: Salesforce's are always https, the sandbox serves its REST API over http.
    const sameInstance = hostOf(instanceUrl) === hostOf(ctx.baseUrl());
    if (!grant || !org || normalizeId(tenantId) !== org.id || !sameInstance) {
      throw failure(grpc.status.UNAUTHENTICATED, 'sfdc.platform.eventbus.grpc.service.auth.error', 'The access token, instance URL and tenant id do not name a valid session');
    }
    return org;
  };

  /** The entities a channel carries, or a gRPC error when the org has no such channel. */
  const channel = (org: Org, topicName: string): { accepts: (entity: string) => boolean; objectName: string | null } => {
    if (!cdcAvailable(org)) throw failure(grpc.status.PERMISSION_DENIED, 'sfdc.platform.eventbus.grpc.service.permission.denied', 'Change Data Capture is not available in this edition');
    if (topicName === ALL_CHANGE_EVENTS) return { accepts: () => true, objectName: null };
    const object = Object.values(org.objects).find((o) => changeChannel(o.name) === topicName);
    if (!object) throw failure(grpc.status.NOT_FOUND, 'sfdc.platform.eventbus.grpc.service.topic.notfound', `Topic ${topicName} not found`);
    return { accepts: (entity) => entity === object.name, objectName: object.name };
  };

  const unary = <Req, Res>(handle: (org: Org, request: Req) => Res) => (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
    try {
      callback(null, handle(authenticate(call.metadata), call.request));
    } catch (err) {
      callback(err as grpc.ServiceError);
    }
  };

  const refusePublish = (call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>, callback?: grpc.sendUnaryData<unknown>) => {
    const err = failure(grpc.status.PERMISSION_DENIED, 'sfdc.platform.eventbus.grpc.publish.denied', 'Change events are published by Salesforce only');
    if (callback) callback(err);
    else (call as grpc.ServerDuplexStream<unknown, unknown>).emit('error', err);
  };

  const subscribe = (call: grpc.ServerDuplexStream<FetchRequest, unknown>) => {
    let org: Org;
    try {
      org = authenticate(call.metadata);
    } catch (err) {
      call.emit('error', err);
      return;
    }
    const rpcId = randomUUID();
    let topic: string | null = null;
    let accepts: (entity: string) => boolean = () => false;
    let cursor: bigint | null = null;
    let credits = 0;
    let lastSent = Date.now();
    let open = true;

    const send = (events: StoredChangeEvent[]) => {
      lastSent = Date.now();
      call.write({
        events: events.map((e) => ({ event: { id: e.eventId, schemaId: e.schemaId, payload: e.payload }, replayId: encodeReplayId(e.replayId) })),
        latestReplayId: encodeReplayId(cursor ?? bus.latest()),
        rpcId,
        pendingNumRequested: credits,
      });
    };
    const pump = () => {
      if (!open || topic === null || credits === 0) return;
      const due = bus.after(org.id, cursor, accepts).slice(0, credits);
      if (due.length === 0) return;
      credits -= due.length;
      cursor = due[due.length - 1]!.replayId;
      send(due);
    };
    const keepalive = setInterval(() => {
      if (open && topic !== null && Date.now() - lastSent >= keepaliveMs) send([]);
    }, Math.min(keepaliveMs, 1000));
    const stop = () => {
      open = false;
      clearInterval(keepalive);
      unsubscribe();
      streams.delete(end);
    };
    const end = () => {
      stop();
      call.end();
    };
    const fail = (err: grpc.ServiceError) => {
      stop();
      call.emit('error', err);
    };
    const unsubscribe = bus.onPublish(pump);
    streams.add(end);

    call.on('data', (request: FetchRequest) => {
      try {
        if (topic === null) {
          const found = channel(org, request.topicName);
          topic = request.topicName;
          accepts = found.accepts;
          cursor = startOf(request);
        } else if (request.topicName && request.topicName !== topic) {
          throw failure(grpc.status.INVALID_ARGUMENT, 'sfdc.platform.eventbus.grpc.subscription.topic.change', `The topic cannot change within a subscription (was ${topic}, got ${request.topicName})`);
        }
        // Replay options after the first request are ignored (sf-proto): only the credit counts.
        credits += Math.max(0, request.numRequested);
        pump();
      } catch (err) {
        fail(err as grpc.ServiceError);
      }
    });
    call.on('end', end);
    call.on('cancelled', stop);
    call.on('error', stop);
  };

  /** Where a subscription starts: after the tip (LATEST), before the oldest retained event (EARLIEST), or after a retained replay id (CUSTOM). */
  const startOf = (request: FetchRequest): bigint | null => {
    const preset = request.replayPreset === 'CUSTOM' || request.replayPreset === 2 ? 'CUSTOM' : request.replayPreset === 'EARLIEST' || request.replayPreset === 1 ? 'EARLIEST' : 'LATEST';
    if (preset === 'LATEST') return bus.latest();
    if (preset === 'EARLIEST') return null;
    const replayId = request.replayId?.length === 8 ? request.replayId.readBigUInt64BE() : null;
    // An unknown id, or one older than the 72-hour retention, is refused (Pub/Sub API "Retry Long-Lived RPC Calls").
    if (replayId === null || !bus.retains(replayId)) {
      throw failure(grpc.status.INVALID_ARGUMENT, 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted', 'The Replay ID validation failed: it is invalid or outside the retention window');
    }
    return replayId;
  };

  const server = new grpc.Server();
  server.addService(service, {
    Subscribe: subscribe,
    GetTopic: unary<{ topicName: string }, unknown>((org, request) => {
      const found = channel(org, request.topicName);
      const object = found.objectName ? findObject(org, found.objectName) : undefined;
      const selected = object ? isSelected(org, object.name) : true;
      return { topicName: request.topicName, tenantGuid: org.id, canPublish: false, canSubscribe: selected, schemaId: object ? bus.schemaOf(object).id : '', rpcId: randomUUID() };
    }),
    GetSchema: unary<{ schemaId: string }, unknown>((_org, request) => {
      const schema = bus.schema(request.schemaId);
      if (!schema) throw failure(grpc.status.NOT_FOUND, 'sfdc.platform.eventbus.grpc.schema.notfound', `Schema ${request.schemaId} not found`);
      return { schemaJson: schema.json, schemaId: schema.id, rpcId: randomUUID() };
    }),
    Publish: refusePublish,
    PublishStream: refusePublish,
    ManagedSubscribe: (call: grpc.ServerDuplexStream<unknown, unknown>) => call.emit('error', failure(grpc.status.UNIMPLEMENTED, 'sfdc.platform.eventbus.grpc.unimplemented', 'Managed subscriptions are not emulated')),
  });
  const credentials = grpc.ServerCredentials.createSsl(null, [{ cert_chain: TLS.cert, private_key: TLS.key }], false);
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(`127.0.0.1:${options.port ?? 0}`, credentials, (err, bound) => (err ? reject(err) : resolve(bound))));
  return {
    // By name: TLS clients may not send an IP address as the server name (RFC 6066).
    endpoint: `localhost:${port}`,
    async close() {
      // Subscriptions end with an OK status first, so clients see a clean end rather than a dropped connection.
      for (const end of [...streams]) end();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
