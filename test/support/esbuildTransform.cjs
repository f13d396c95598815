// Jest transform for the card tests: TSX and the ESM-only HubSpot packages in the module format Jest loads them as.
// Node 20 requires them as CommonJS; Node 22+ lets Jest require an ES module as one, so those stay ES modules there.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

const LOADERS = { '.tsx': 'tsx', '.ts': 'ts', '.jsx': 'jsx' };
const THIS_FILE = readFileSync(__filename);

const formatFor = (options) => (options.supportsStaticESM ? 'esm' : 'cjs');

module.exports = {
  process(source, filename, options) {
    const loader = LOADERS[filename.slice(filename.lastIndexOf('.'))] ?? 'js';
    const { code } = transformSync(source, { loader, format: formatFor(options), target: 'node20', jsx: 'automatic', sourcemap: 'inline', sourcefile: filename });
    return { code };
  },
  // The same source becomes different code in each format, so the format is part of the cache key.
  getCacheKey(source, filename, options) {
    return createHash('sha256').update(THIS_FILE).update(version).update(formatFor(options)).update(options.configString).update(filename).update(source).digest('hex');
  },
};
