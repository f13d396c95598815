import type { Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { browserBundle } from '../bundle';

const CLIENT = join(__dirname, 'client');
/** Where each namespace's modules live: the product's components (`c`), and the preview's base components (`lightning`). */
const NAMESPACES: Record<string, string> = {
  c: join(__dirname, '..', '..', '..', 'extensions', 'salesforce', 'lwc'),
  lightning: join(__dirname, 'lightning'),
};
const APEX = '@salesforce/apex/';

/** The namespace and name of a module file (`c`, `trellisCoSell`), or null outside the namespaces. */
function moduleOf(path: string): { namespace: string; name: string } | null {
  for (const [namespace, dir] of Object.entries(NAMESPACES)) {
    const inside = relative(dir, path);
    if (!inside.startsWith('..') && inside.includes(sep)) return { namespace, name: inside.split(sep)[0]! };
  }
  return null;
}

/**
 * Lightning Web Components for esbuild, as Salesforce's own build treats them: each module's
 * JavaScript, template and style through the LWC compiler; `lwc` is the engine; `c/x` and
 * `lightning/x` are modules of those namespaces; a template or style a component does not have is
 * empty; and each `@salesforce/apex` method calls the preview server, which runs the Apex class.
 */
const lwcModules: Plugin = {
  name: 'lwc',
  async setup(b) {
    const { transformSync } = await import('@lwc/compiler');
    b.onResolve({ filter: /^lwc$/ }, (args) => b.resolve('@lwc/engine-dom', { kind: args.kind, resolveDir: args.resolveDir }));
    b.onResolve({ filter: /^(c|lightning)\/[A-Za-z0-9]+$/ }, (args) => {
      const [namespace, name] = args.path.split('/') as [string, string];
      return { path: join(NAMESPACES[namespace]!, name, `${name}.js`) };
    });
    b.onResolve({ filter: /^@salesforce\/apex\/\w+\.\w+$/ }, (args) => ({ path: args.path, namespace: 'apex' }));
    b.onLoad({ filter: /.*/, namespace: 'apex' }, (args) => {
      const [className, method] = args.path.slice(APEX.length).split('.');
      return {
        contents: `import { callApex } from './apex.js';\nexport default (params) => callApex(${JSON.stringify(className)}, ${JSON.stringify(method)}, params);`,
        resolveDir: CLIENT,
        loader: 'js',
      };
    });
    b.onResolve({ filter: /\.(html|css)(\?scoped=true)?$/ }, (args) => {
      const [file, query] = args.path.split('?');
      const path = join(args.resolveDir, file!);
      return existsSync(path) ? { path, suffix: query ? `?${query}` : '' } : { path, namespace: 'lwc-absent' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lwc-absent' }, () => ({ contents: 'export default undefined;', loader: 'js' }));
    b.onLoad({ filter: /\.(js|html|css)$/ }, (args) => {
      const module = moduleOf(args.path);
      if (!module) return undefined;
      const { code } = transformSync(readFileSync(args.path, 'utf8'), args.path, { ...module, scopedStyles: args.suffix === '?scoped=true' });
      return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** The Salesforce preview's browser script: the engine, the preview's base components and the real component sources. */
export const salesforcePreviewBundle = browserBundle({ entryPoints: [join(CLIENT, 'main.js')], plugins: [lwcModules] });
