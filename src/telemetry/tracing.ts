import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TraceSettings } from '../config';

export interface Tracing {
  /** Exports the spans still buffered, then unregisters the provider. */
  shutdown(): Promise<void>;
}

const untraced: Tracing = { shutdown: async () => undefined };

/**
 * Registers the OpenTelemetry SDK for this process when traces have somewhere to go: spans batched
 * and exported over OTLP/HTTP (JSON), context carried across awaits, W3C `traceparent` as the
 * propagation format (what job data and outbox events carry). Without settings nothing is
 * registered, and the API's no-op tracer is all that runs. One traced Trellis per process: the
 * provider, context manager and propagator are process-wide.
 */
export function startTracing(settings: TraceSettings | null): Tracing {
  if (!settings) return untraced;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.url, headers: settings.headers }))],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
