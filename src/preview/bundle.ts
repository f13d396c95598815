import type { BuildOptions, Plugin } from 'esbuild';
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

/**
 * A browser script built once per process (and again after a failed build). esbuild is a
 * development dependency, loaded only here, so a production install (without it) never needs it.
 */
export function browserBundle(options: BuildOptions): () => Promise<string> {
  let bundled: Promise<string> | null = null;
  return () => {
    bundled ??= import('esbuild').then(({ build }) =>
      build({ bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', minify: true, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent', ...options }),
    ).then(
      (result) => result.outputFiles![0]!.text,
      (err: unknown) => {
        bundled = null;
        throw err;
      },
    );
    return bundled;
  };
}

/** The HubSpot preview's browser script: the real card sources. */
export const previewBundle = browserBundle({ entryPoints: [join(CLIENT, 'main.tsx')], jsx: 'automatic', plugins: [localUiExtensions] });
