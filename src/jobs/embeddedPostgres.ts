import { mkdirSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * An embedded PostgreSQL (PGlite) reachable over TCP, for BullMQ's PostgreSQL backend
 * on a machine with no database installed.
 *
 * PGlite is a single session shared by every connection, and its socket server runs
 * each network read as soon as it arrives. A client writes an extended-protocol
 * exchange (Parse, Bind, Execute, Sync) in several writes, so two connections' exchanges
 * could interleave and one would bind the other's unnamed statement. A small proxy in
 * front holds each connection's bytes until a whole exchange has arrived (up to Sync,
 * a simple Query or Terminate) and forwards it in one write.
 */
export interface EmbeddedPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages that end an exchange the server may run at once. */
const EXCHANGE_ENDS = new Set(['S', 'Q', 'X', 'H', 'c', 'f']);

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const backend = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 128 });
  await backend.start();
  const backendPort = Number(backend.getServerConn().split(':').pop());

  const sockets = new Set<Socket>();
  const proxy: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: backendPort });
    sockets.add(client).add(upstream);
    upstream.setNoDelay(true);
    upstream.on('data', (chunk) => client.write(chunk));
    const framer = exchangeFramer((exchange) => upstream.write(exchange));
    client.on('data', framer);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;

  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await backend.stop();
      await db.close();
    },
  };
}

/** Splits a client's byte stream into whole exchanges, calling `forward` once per exchange. */
export function exchangeFramer(forward: (bytes: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let startup = true;
  let exchangeEnd = 0;
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    let offset = exchangeEnd;
    for (;;) {
      if (startup) {
        // Untyped start-up messages: length, then a code; SSL and GSS requests are answered before the real start-up.
        if (buffered.length - offset < 8) break;
        const length = buffered.readInt32BE(offset);
        if (buffered.length - offset < length) break;
        const code = buffered.readInt32BE(offset + 4);
        offset += length;
        exchangeEnd = offset;
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) startup = false;
        continue;
      }
      if (buffered.length - offset < 5) break;
      const type = String.fromCharCode(buffered[offset]!);
      const length = buffered.readInt32BE(offset + 1);
      if (buffered.length - offset < 1 + length) break;
      offset += 1 + length;
      if (EXCHANGE_ENDS.has(type)) exchangeEnd = offset;
    }
    if (exchangeEnd > 0) {
      forward(buffered.subarray(0, exchangeEnd));
      buffered = buffered.subarray(exchangeEnd);
      exchangeEnd = 0;
    }
  };
}
