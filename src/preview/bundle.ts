import type { Plugin } from 'esbuild';
import { join } from 'node:path';

const CLIENT = join(__dirname, 'client');

/** The cards import HubSpot's SDK; in the preview those imports resolve to the local DOM implementation. */
const localUiExtensions: Plugin = {
  name: 'local-ui-extensions',
  setup(b) {
    b.onResolve({ filter: /^@hubspot\/ui-extensions(\/crm)?$/ }, (args) => ({
      path: join(CLIENT, args.path.endsWith('/crm') ? 'uiExtensionsCrm.tsx' : 'uiExtensions.tsx'),
    }));
  },
};

let bundled: Promise<string> | null = null;

/**
 * The preview's browser script: the real card sources, bundled once per process. esbuild is a
 * development dependency, loaded only here, so a production install (without it) never needs it.
 */
export function previewBundle(): Promise<string> {
  bundled ??= import('esbuild').then(({ build }) => build({
    entryPoints: [join(CLIENT, 'main.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [localUiExtensions],
    logLevel: 'silent',
  })).then(
    (result) => result.outputFiles[0]!.text,
    (err: unknown) => {
      bundled = null;
      throw err;
    },
  );
  return bundled;
}
