import { z } from 'zod';
import { parseKeyring, type KeyringKey } from '../security/secrets';
import { NAMESPACE_PATTERN, PACKAGE_NAMESPACE } from '../sync/salesforce/apiNames';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rateLimits';

/**
 * The one place that reads the environment. Every variable is listed here and in the
 * README; a bad value stops start-up with a message naming each offending variable.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  TRELLIS_DATA_DIR: z.string().default('./.trellis'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  TRELLIS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TRELLIS_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.anonymousPerMinute),
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.apiKeyPerMinute),
  RATE_LIMIT_WEBHOOK_TENANT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.webhookTenantPerMinute),
  TRELLIS_SANDBOX: booleanFlag.optional(),
  TRELLIS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  TRELLIS_MIGRATE: z.enum(['on-start', 'never']).default('on-start'),
  // Prefixes every queue name, so installations (or test runs) sharing one Redis never take each other's jobs.
  TRELLIS_QUEUE_NAMESPACE: z.string().regex(/^[\w-]{1,40}$/, 'must be letters, digits, - or _ (up to 40)').optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).optional(),
  TRELLIS_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined) return;
      try {
        parseKeyring(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  REGISTRATION_EXPIRY_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  TIER_RECALCULATION_INTERVAL_MS: z.coerce.number().int().min(1000).default(86_400_000),
  // CRM sync: how often lost wake-ups are swept up and connections reconciled, and Trellis's share of a Salesforce org's daily API allocation.
  SYNC_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  SYNC_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  // How long HubSpot's search index may lag a write; sweeps of HubSpot changes re-read this much before their watermark.
  HUBSPOT_SEARCH_LAG_MS: z.coerce.number().int().min(0).default(30_000),
  SALESFORCE_DAILY_API_BUDGET: z.coerce.number().int().min(24).default(50_000),
  // Salesforce changes arrive by Change Data Capture over the Pub/Sub API (off: Outbound Messages and reconciliation only).
  SALESFORCE_CHANGE_DATA_CAPTURE: booleanFlag.default(true),
  SALESFORCE_PUBSUB_ENDPOINT: z.string().regex(/^[^:/\s]+:\d+$/, 'must be host:port').default('api.pubsub.salesforce.com:7443'),
  // How often deals changed in the connected CRMs are read in for partner analytics.
  DEAL_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  HUBSPOT_PREVIOUS_CLIENT_SECRETS: z.string().optional(),
  HUBSPOT_WEBHOOK_ALLOW_LEGACY_SIGNATURES: booleanFlag.default(false),
  ALERT_DEDUPE_WINDOW_MS: z.coerce.number().int().min(0).default(6 * 3_600_000),
  ALERT_DIGEST_THRESHOLD: z.coerce.number().int().min(1).default(10),
  ALERT_DIGEST_WINDOW_MS: z.coerce.number().int().min(100).default(60_000),
  SLACK_CHANNEL_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  PARTNER_HEALTH_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  APPROVAL_SLA_INTERVAL_MS: z.coerce.number().int().min(1000).default(900_000),
  // Install flows. Client ids default to the sandbox apps; secrets have no default (the sandbox makes its own).
  TRELLIS_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUBSPOT_CLIENT_ID: z.string().min(1).default('trellis-sandbox-hubspot'),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  HUBSPOT_APP_ID: z.coerce.number().int().positive().optional(),
  HUBSPOT_API_URL: z.url().default('https://api.hubapi.com'),
  HUBSPOT_AUTHORIZE_URL: z.url().default('https://app.hubspot.com/oauth/authorize'),
  SALESFORCE_CLIENT_ID: z.string().min(1).default('trellis-sandbox-salesforce'),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  SALESFORCE_LOGIN_URL: z.url().default('https://login.salesforce.com'),
  // Every other login host (test.salesforce.com, My Domains) is this URL with {host} filled in; the sandbox points it at its emulator.
  SALESFORCE_HOST_URL: z.string().regex(/^https?:\/\/\S*\{host\}\S*$/, 'must be a URL holding {host}').default('https://{host}'),
  SALESFORCE_PACKAGE_NAMESPACE: z.string().regex(NAMESPACE_PATTERN, 'must be a namespace prefix (letters and digits, up to 15), or empty for an unmanaged org').default(PACKAGE_NAMESPACE),
  SLACK_CLIENT_ID: z.string().min(1).default('trellis-sandbox-slack'),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_AUTHORIZE_URL: z.url().default('https://slack.com/oauth/v2/authorize'),
  TRELLIS_SANDBOX_PERSIST: booleanFlag.default(true),
  // Outgoing mail ("Ask for details" questions); unset, nothing is mailed and Slack says so. The sandbox points it at its mail catcher.
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587').optional(),
  MAIL_FROM: z.string().min(3).optional(),
  // Signing in with an OpenID Connect provider (Okta, Entra ID, Google Workspace…): all three, or none.
  OIDC_ISSUER: z.url().refine((v) => v.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(v), 'must be an https:// URL').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(40).default('single sign-on'),
  // Traces over OTLP/HTTP, under the OpenTelemetry SDK's standard names; no endpoint, no tracing.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }).optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'must be key=value pairs separated by commas').optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.literal('http/json', 'must be http/json, the one protocol Trellis sends (an OTLP/HTTP receiver, port 4318 by convention)').optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('trellis'),
  OTEL_SDK_DISABLED: booleanFlag.default(false),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  /** Where the embedded store and queue (one embedded PostgreSQL server) and the sandbox's files live. */
  dataDir: string;
  database: { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };
  /** `embedded`: BullMQ's PostgreSQL backend on the embedded store's server. */
  queue: { kind: 'redis'; url: string } | { kind: 'postgres'; url: string } | { kind: 'embedded' };
  adminToken: string | undefined;
  /** What `/metrics` and the detail of `/readyz` require as a bearer token; unset, nobody can read them. */
  metricsToken: string | undefined;
  rateLimits: RateLimitSettings;
  /** Token encryption keys, active first; the sandbox makes its own when none are given. */
  encryptionKeys: KeyringKey[] | undefined;
  sandbox: boolean;
  /**
   * What this process runs: `web` serves HTTP and only enqueues jobs; `worker` runs the job workers,
   * the schedulers, the outbox relay and the Change Data Capture subscriptions, serving health only; `all` both.
   */
  role: 'all' | 'web' | 'worker';
  /** Whether a start applies pending migrations (`npm run migrate` does otherwise, and a start behind the schema is refused). */
  migrateOnStart: boolean;
  queueNamespace: string | undefined;
  /** How long stopping waits for requests in flight and jobs in hand before cutting them off (jobs cut off run again). */
  shutdownGraceMs: number;
  logLevel: NonNullable<z.infer<typeof Environment>['LOG_LEVEL']>;
  registrationExpiryIntervalMs: number;
  tierRecalculationIntervalMs: number;
  /** How often CRM deals are swept in for partner analytics. */
  dealSweepIntervalMs: number;
  /** CRM sync pacing and webhook verification. */
  sync: {
    sweepIntervalMs: number;
    reconcileIntervalMs: number;
    /** How long HubSpot's search index may lag a write (sweeps overlap their watermark by as much). */
    hubspotSearchLagMs: number;
    salesforceDailyBudget: number;
    /** Client secrets from before a rotation, still accepted on HubSpot webhooks. */
    hubspotPreviousSecrets: string[];
    hubspotAllowLegacySignatures: boolean;
    /** Change Data Capture subscriptions (null when switched off); the sandbox points them at its emulator. */
    salesforcePubSub: { pubSubEndpoint: string; rejectUnauthorizedSsl: boolean } | null;
  };
  alerts: AlertSettings;
  /** Signs install and sign-in states, OpenID nonces and form tokens; the sandbox makes its own when none is given. */
  signingSecret: string | undefined;
  hubspot: { clientId: string; clientSecret: string | undefined; appId: number | undefined; apiUrl: string; authorizeUrl: string };
  salesforce: {
    clientId: string;
    clientSecret: string | undefined;
    /** Production's login host: where installs start unless the admin picks a sandbox or My Domain. */
    loginUrl: string;
    /** The URL of any other login host, `{host}` to be filled in. */
    hostUrl: string;
    /** The Trellis package's namespace prefix in the orgs Trellis serves (empty for an unmanaged dev org). */
    packageNamespace: string;
  };
  slack: { clientId: string; clientSecret: string | undefined; signingSecret: string | undefined; apiUrl: string; authorizeUrl: string };
  /** Where outgoing mail is handed over; null: Trellis sends no mail. */
  mail: MailSettings | null;
  /** Whether the sandbox emulators keep their state in files under the data directory. */
  sandboxPersist: boolean;
  /** The OpenID Connect provider people may sign in with, when configured. */
  oidc: OidcSettings | null;
  /** Where spans are exported, when an OTLP endpoint is configured; null: no tracing at all. */
  traces: TraceSettings | null;
}

export interface TraceSettings {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  url: string;
  serviceName: string;
  /** Sent with every export (a backend's API key): never logged. */
  headers: Record<string, string>;
}

export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://host:465. */
  smtpUrl: string;
  /** The sender every mail carries: "Trellis <trellis@vendor.com>". */
  from: string;
}

/** An OpenID Connect provider people may sign in with (OIDC_ISSUER, OIDC_CLIENT_ID, …). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's "Sign in with …". */
  name: string;
}

/** How Slack alerts are paced, deduplicated and digested, and how often their sweeps run. */
export interface AlertSettings {
  /** The same alert raised again within this window is counted on its message, not posted again. */
  dedupeWindowMs: number;
  /** More than this many alerts of one kind for a tenant within the digest window become one digest message. */
  digestThreshold: number;
  digestWindowMs: number;
  /** The pause between two messages to one channel (Slack allows about one per second). */
  channelIntervalMs: number;
  healthIntervalMs: number;
  slaIntervalMs: number;
}

export class ConfigError extends Error {}

/**
 * The apps and endpoints of the real HubSpot, Salesforce and Slack. The sandbox registers its own
 * apps with its emulators, so any of these set beside it is a production setting in the wrong start.
 */
const REAL_PLATFORM_SETTINGS = [
  'HUBSPOT_CLIENT_ID',
  'HUBSPOT_CLIENT_SECRET',
  'HUBSPOT_PREVIOUS_CLIENT_SECRETS',
  'HUBSPOT_APP_ID',
  'HUBSPOT_API_URL',
  'HUBSPOT_AUTHORIZE_URL',
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
  'SALESFORCE_LOGIN_URL',
  'SALESFORCE_HOST_URL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_SIGNING_SECRET',
  'SLACK_API_URL',
  'SLACK_AUTHORIZE_URL',
] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // The sandbox is entered only when asked for: a server with nothing set is not a demo that signs requests for anyone.
  const sandbox = e.TRELLIS_SANDBOX ?? false;
  const realSettings = REAL_PLATFORM_SETTINGS.filter((name) => env[name] !== undefined);
  if (sandbox && realSettings.length > 0) {
    throw new ConfigError(
      `The sandbox runs its own HubSpot, Salesforce and Slack and takes no real app credentials, but these are set: ${realSettings.join(', ')}.\n` +
        'Unset them to run the sandbox (npm start), or start Trellis for real accounts without the sandbox (npm run serve).',
    );
  }
  // Separate roles share one store and queue; the embedded server belongs to the one process that starts it.
  if (e.TRELLIS_ROLE !== 'all' && (sandbox || !e.DATABASE_URL)) {
    throw new ConfigError(`Invalid configuration:\n  TRELLIS_ROLE: ${e.TRELLIS_ROLE} runs beside other processes on one PostgreSQL, so it needs DATABASE_URL and no sandbox`);
  }
  const oidcSet = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length;
  if (oidcSet !== 0 && oidcSet !== 3) throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together or not at all');
  if (e.SMTP_URL && !e.MAIL_FROM) throw new ConfigError('Invalid configuration:\n  MAIL_FROM: SMTP_URL is set, so mail needs a sender (e.g. "Trellis <trellis@vendor.com>")');
  const dataDir = e.TRELLIS_DATA_DIR;
  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'embedded', dataDir };
  const queue: Config['queue'] = e.REDIS_URL
    ? { kind: 'redis', url: e.REDIS_URL }
    : e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'embedded' };
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    dataDir,
    database,
    queue,
    adminToken: e.TRELLIS_ADMIN_TOKEN,
    metricsToken: e.TRELLIS_METRICS_TOKEN,
    rateLimits: {
      anonymousPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      apiKeyPerMinute: e.RATE_LIMIT_API_KEY_PER_MINUTE,
      webhookTenantPerMinute: e.RATE_LIMIT_WEBHOOK_TENANT_PER_MINUTE,
    },
    encryptionKeys: e.TRELLIS_ENCRYPTION_KEYS ? parseKeyring(e.TRELLIS_ENCRYPTION_KEYS) : undefined,
    sandbox,
    role: e.TRELLIS_ROLE,
    migrateOnStart: e.TRELLIS_MIGRATE === 'on-start',
    queueNamespace: e.TRELLIS_QUEUE_NAMESPACE,
    // Ctrl-C on the sandbox should not keep a person waiting; a service gets a moment, within the usual 10 s before a SIGKILL.
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS ?? (sandbox ? 2_000 : 8_000),
    // The sandbox keeps its console for the URLs a person needs; a service logs every request.
    logLevel: e.LOG_LEVEL ?? (sandbox ? 'warn' : 'info'),
    registrationExpiryIntervalMs: e.REGISTRATION_EXPIRY_INTERVAL_MS,
    tierRecalculationIntervalMs: e.TIER_RECALCULATION_INTERVAL_MS,
    dealSweepIntervalMs: e.DEAL_SWEEP_INTERVAL_MS,
    sync: {
      sweepIntervalMs: e.SYNC_SWEEP_INTERVAL_MS,
      reconcileIntervalMs: e.SYNC_RECONCILE_INTERVAL_MS,
      hubspotSearchLagMs: e.HUBSPOT_SEARCH_LAG_MS,
      salesforceDailyBudget: e.SALESFORCE_DAILY_API_BUDGET,
      hubspotPreviousSecrets: (e.HUBSPOT_PREVIOUS_CLIENT_SECRETS ?? '').split(',').map((v) => v.trim()).filter(Boolean),
      hubspotAllowLegacySignatures: e.HUBSPOT_WEBHOOK_ALLOW_LEGACY_SIGNATURES,
      salesforcePubSub: e.SALESFORCE_CHANGE_DATA_CAPTURE ? { pubSubEndpoint: e.SALESFORCE_PUBSUB_ENDPOINT, rejectUnauthorizedSsl: true } : null,
    },
    alerts: {
      dedupeWindowMs: e.ALERT_DEDUPE_WINDOW_MS,
      digestThreshold: e.ALERT_DIGEST_THRESHOLD,
      digestWindowMs: e.ALERT_DIGEST_WINDOW_MS,
      channelIntervalMs: e.SLACK_CHANNEL_INTERVAL_MS,
      healthIntervalMs: e.PARTNER_HEALTH_INTERVAL_MS,
      slaIntervalMs: e.APPROVAL_SLA_INTERVAL_MS,
    },
    signingSecret: e.TRELLIS_SIGNING_SECRET,
    hubspot: {
      clientId: e.HUBSPOT_CLIENT_ID,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      appId: e.HUBSPOT_APP_ID,
      apiUrl: e.HUBSPOT_API_URL.replace(/\/$/, ''),
      authorizeUrl: e.HUBSPOT_AUTHORIZE_URL,
    },
    salesforce: {
      clientId: e.SALESFORCE_CLIENT_ID,
      clientSecret: e.SALESFORCE_CLIENT_SECRET,
      loginUrl: e.SALESFORCE_LOGIN_URL.replace(/\/$/, ''),
      hostUrl: e.SALESFORCE_HOST_URL.replace(/\/$/, ''),
      packageNamespace: e.SALESFORCE_PACKAGE_NAMESPACE,
    },
    slack: {
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      signingSecret: e.SLACK_SIGNING_SECRET,
      // The Web API client expects the trailing slash.
      apiUrl: e.SLACK_API_URL.replace(/\/?$/, '/'),
      authorizeUrl: e.SLACK_AUTHORIZE_URL,
    },
    sandboxPersist: e.TRELLIS_SANDBOX_PERSIST,
    mail: e.SMTP_URL && e.MAIL_FROM ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, name: e.OIDC_NAME } : null,
    traces: traceSettings(e),
  };
}

/**
 * As the OpenTelemetry SDKs read the same variables: the traces endpoint is used as given, the
 * general one gets `/v1/traces` appended; header values are URL-encoded.
 */
function traceSettings(e: z.output<typeof Environment>): TraceSettings | null {
  const url = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`);
  if (!url || e.OTEL_SDK_DISABLED) return null;
  const headers = (e.OTEL_EXPORTER_OTLP_HEADERS ?? '')
    .split(',')
    .filter((pair) => pair.trim())
    .map((pair) => pair.split(/=(.*)/s, 2).map((part) => decodeURIComponent(part.trim())) as [string, string]);
  return { url, serviceName: e.OTEL_SERVICE_NAME, headers: Object.fromEntries(headers) };
}
