// Jest transform for the card tests: TSX and the ESM-only HubSpot packages become CommonJS, as the other tests are.
const { transformSync } = require('esbuild');

const LOADERS = { '.tsx': 'tsx', '.ts': 'ts', '.jsx': 'jsx' };

module.exports = {
  process(source, filename) {
    const loader = LOADERS[filename.slice(filename.lastIndexOf('.'))] ?? 'js';
    const { code } = transformSync(source, { loader, format: 'cjs', target: 'node20', jsx: 'automatic', sourcemap: 'inline', sourcefile: filename });
    return { code };
  },
};
