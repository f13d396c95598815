import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

/** The instrumentation scope of every span Trellis makes. */
const TRACER = 'trellis';

/**
 * The W3C `traceparent` of the active span, for work that continues elsewhere (a job, an outbox
 * event); undefined when nothing is traced, so untraced work carries nothing.
 */
export function activeTraceparent(): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

const contextOf = (traceparent: string | undefined): Context =>
  traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : context.active();

/** Runs `fn` in the trace a `traceparent` names (the active one without it), so the spans it starts join that trace. */
export function inTrace<T>(traceparent: string | undefined, fn: () => T): T {
  return context.with(contextOf(traceparent), fn);
}

const KINDS = { internal: SpanKind.INTERNAL, server: SpanKind.SERVER, client: SpanKind.CLIENT, consumer: SpanKind.CONSUMER } as const;

export interface SpanOptions {
  attributes?: Attributes;
  kind?: keyof typeof KINDS;
  /** The producer's `traceparent`, when the work was handed over (a job); the active span otherwise. */
  parent?: string | undefined;
}

/**
 * Runs `fn` in a span named `name`, ended when `fn` settles; a throw marks it failed with the error
 * (its class and message, as the logs carry them: never a payload). Attributes are ids and counts only.
 */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(name, { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes ?? {} }, contextOf(options.parent), async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}
