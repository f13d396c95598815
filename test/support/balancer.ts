import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** Where requests go, in turn. */
  backends: string[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** Methods a proxy may send again after a backend took the request and died: doing them twice is doing them once. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * The load balancer in front of several web processes, as a deployment has one (nginx's defaults):
 * requests go to the backends in turn; a backend that refuses the connection is skipped; a backend
 * that dies with the request in hand is retried elsewhere only for an idempotent method, and
 * otherwise answered 502 for the caller to retry.
 */
export async function startBalancer(): Promise<Balancer> {
  let turn = 0;
  const balancer: Balancer = { url: '', backends: [], close: async () => undefined };
  const forward = (req: IncomingMessage, body: Buffer, backend: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const upstream = request(`${backend}${req.url}`, { method: req.method, headers: { ...req.headers, connection: 'close' } }, resolve);
      upstream.on('error', reject);
      upstream.end(body);
    });
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const failures: string[] = [];
    const first = turn++;
    for (let attempt = 0; attempt < balancer.backends.length * 2; attempt++) {
      const backend = balancer.backends[(first + attempt) % balancer.backends.length]!;
      try {
        const reply = await forward(req, body, backend);
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
        return;
      } catch (err) {
        failures.push(`${backend}: ${(err as Error).message}`);
        // Refused: the backend is gone (killed, stopping) and never saw the request, so the next one gets it.
        if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED' && !IDEMPOTENT.has(req.method ?? '')) break;
      }
    }
    res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'bad_gateway', message: 'no backend answered', details: failures } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  balancer.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return balancer;
}
