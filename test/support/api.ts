import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/api/app';
import { fixedClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { testKeyring } from './deps';
import { createTestDatabase, type StoreKind, type TestDatabase } from './databases';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const METRICS_TOKEN = 'test-metrics-token-0123456789';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A client for the real HTTP API, as an integrator would call it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => this.call<T>('POST', path, body ?? {}, headers);
  patch = <T = any>(path: string, body: unknown) => this.call<T>('PATCH', path, body);
}

export interface TestApp {
  url: string;
  database: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  admin: ApiClient;
  /** Creates a tenant through the admin API and returns a client holding its key. */
  newTenant(name?: string): Promise<ApiClient & { tenantId: string }>;
  close(): Promise<void>;
}

export async function startTestApp(kind: StoreKind): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const keyring = testKeyring();
  const app = createApp({ db: database.db, clock, keyring, logger: createLogger('silent'), adminToken: ADMIN_TOKEN, metricsToken: METRICS_TOKEN });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = new ApiClient(url, ADMIN_TOKEN);
  return {
    url,
    database,
    clock,
    admin,
    async newTenant(name = 'Tenant') {
      const created = await admin.post('/api/v1/tenants', { name });
      if (created.status !== 201) throw new Error(`tenant creation failed: ${JSON.stringify(created.body)}`);
      return Object.assign(new ApiClient(url, created.body.apiKey), { tenantId: created.body.tenant.id as string });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
    },
  };
}
