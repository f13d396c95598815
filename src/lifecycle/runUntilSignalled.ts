import { ConfigError } from '../config';
import { EmbeddedStoreError } from '../store/embeddedServer';
import { SchemaBehindError } from '../store/migrate';

/** What a start hands back: how to stop it, and how long stopping may take before the process exits regardless. */
export interface Started {
  close(): Promise<void>;
  stopWithinMs: number;
}

/** What a person can act on, said in a sentence; anything else is a bug worth its stack. */
function startFailure(err: unknown): string | null {
  if (err instanceof ConfigError || err instanceof EmbeddedStoreError || err instanceof SchemaBehindError) return err.message;
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') {
    return `Port ${e.port} is already in use (another Trellis, or its emulators on the next three ports?). Stop it, or start this one with PORT=<another port>.`;
  }
  return null;
}

/**
 * Runs a start until Ctrl-C or SIGTERM. Once started, everything is closed in order (requests in
 * flight and jobs in hand first, the store last); during start-up the process simply exits, and an
 * embedded store's server is told to shut down as the process exits. A second signal does not wait.
 */
export function runUntilSignalled(start: () => Promise<Started>): void {
  let running: Started | null = null;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping || !running) process.exit(130);
    stopping = true;
    setTimeout(() => process.exit(1), running.stopWithinMs).unref();
    running
      .close()
      .catch((err: unknown) => console.error(`Trellis did not stop cleanly after ${signal}: ${(err as Error).message}`))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  start().then(
    (started) => {
      running = started;
    },
    (err: unknown) => {
      const message = startFailure(err);
      if (!message) throw err;
      console.error(`\n${message}\n`);
      process.exit(1);
    },
  );
}
