import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { PGlite } from '@electric-sql/pglite';

/**
 * An embedded PostgreSQL (PGlite) reachable over TCP, for BullMQ's PostgreSQL backend
 * on a machine with no database installed.
 *
 * PGlite is one session shared by every connection. So each connection's protocol
 * exchange (Parse, Bind, Execute … up to Sync, or a simple Query) runs whole, never
 * interleaved with another connection's — otherwise one would bind the other's unnamed
 * statement — and while a connection holds a transaction open, only that connection runs.
 */
export interface EmbeddedPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages after which the server may answer: the end of an exchange. */
const EXCHANGE_ENDS = new Set(['S', 'Q', 'X', 'H', 'c', 'f']);

interface Exchange {
  connection: number;
  bytes: Buffer;
  reply: (data: Uint8Array) => void;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir });
  const session = sessionScheduler(db);
  const sockets = new Set<Socket>();
  let nextConnection = 1;

  const server = createServer((socket) => {
    const connection = nextConnection++;
    sockets.add(socket);
    socket.setNoDelay(true);
    const reply = (data: Uint8Array) => {
      if (socket.writable) socket.write(data);
    };
    socket.on(
      'data',
      exchangeFramer((bytes) => {
        // The server never speaks TLS or GSS: say so, as PostgreSQL does, and let the client go on in clear.
        if (isEncryptionRequest(bytes)) return reply(Buffer.from('N'));
        session.submit({ connection, bytes, reply });
      }),
    );
    const closed = () => {
      sockets.delete(socket);
      session.disconnect(connection);
    };
    socket.on('close', closed).on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.idle();
      await db.close();
    },
  };
}

/** Runs exchanges one at a time; a connection with an open transaction keeps the session until it ends it. */
function sessionScheduler(db: PGlite) {
  const waiting: Exchange[] = [];
  let owner: number | null = null;
  let abandoned = false;
  let draining: Promise<void> | null = null;

  const next = (): Exchange | undefined => {
    const index = owner === null ? 0 : waiting.findIndex((e) => e.connection === owner);
    return index < 0 ? undefined : waiting.splice(index, 1)[0];
  };

  // Between the last look at `waiting` and clearing `draining` there is no await, so a
  // submission either is seen by the loop or finds `draining` cleared and starts a new one.
  const drain = async () => {
    for (;;) {
      if (abandoned) {
        // A client that vanished mid-transaction must not leave the shared session inside it.
        abandoned = false;
        await db.exec('ROLLBACK').catch(() => undefined);
      }
      const exchange = next();
      if (!exchange) break;
      try {
        await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array(exchange.bytes), { onRawData: exchange.reply }));
      } catch {
        // PGlite has answered the client with an ErrorResponse; the session stays usable.
      }
      owner = db.isInTransaction() ? exchange.connection : null;
    }
    draining = null;
  };

  const kick = () => {
    // Started on the next tick, so `draining` is set before the loop can clear it.
    draining ??= Promise.resolve().then(drain);
  };

  return {
    submit(exchange: Exchange) {
      waiting.push(exchange);
      kick();
    },
    disconnect(connection: number) {
      for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.connection === connection) waiting.splice(i, 1);
      if (owner !== connection) return;
      owner = null;
      abandoned = true;
      kick();
    },
    idle: async () => {
      while (draining) await draining;
    },
  };
}

function isEncryptionRequest(bytes: Buffer): boolean {
  return bytes.length === 8 && bytes.readInt32BE(0) === 8 && [SSL_REQUEST, GSSENC_REQUEST].includes(bytes.readInt32BE(4));
}

/** Splits a client's byte stream into whole exchanges, calling `forward` once per exchange. */
export function exchangeFramer(forward: (bytes: Buffer) => void): (chunk: Buffer) => void {
  let buffered = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    let offset = 0;
    let exchangeEnd = 0;
    const flush = () => {
      forward(buffered.subarray(0, exchangeEnd));
      buffered = buffered.subarray(exchangeEnd);
      offset -= exchangeEnd;
      exchangeEnd = 0;
    };
    for (;;) {
      if (startup) {
        // Untyped start-up messages: length, then a code. SSL, GSS and cancel requests come before the real start-up.
        if (buffered.length - offset < 8) break;
        const length = buffered.readInt32BE(offset);
        if (buffered.length - offset < length) break;
        const code = buffered.readInt32BE(offset + 4);
        offset += length;
        exchangeEnd = offset;
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST && code !== CANCEL_REQUEST) startup = false;
        flush();
        continue;
      }
      if (buffered.length - offset < 5) break;
      const type = String.fromCharCode(buffered[offset]!);
      const length = buffered.readInt32BE(offset + 1);
      if (buffered.length - offset < 1 + length) break;
      offset += 1 + length;
      if (EXCHANGE_ENDS.has(type)) exchangeEnd = offset;
    }
    if (exchangeEnd > 0) flush();
  };
}
