/**
 * `npm run reset`: deletes the data directory (TRELLIS_DATA_DIR, default ./.trellis) — the embedded
 * store, the emulators' files and the sandbox's secrets — so the next `npm start` seeds the demo
 * afresh. Refuses while a Trellis runs on it; a server left behind by a killed Trellis is stopped first.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmbeddedStoreError, takeOwnership } from './store/embeddedServer';

async function main(): Promise<void> {
  const dir = resolve(process.env.TRELLIS_DATA_DIR ?? './.trellis');
  if (!existsSync(dir)) {
    console.log(`Nothing to reset: ${dir} does not exist.`);
    return;
  }
  await takeOwnership(dir);
  rmSync(dir, { recursive: true, force: true });
  console.log(`Deleted ${dir}. The next npm start creates the store and seeds the demo again.`);
}

main().catch((err: unknown) => {
  if (!(err instanceof EmbeddedStoreError)) throw err;
  console.error(err.message);
  process.exit(1);
});
