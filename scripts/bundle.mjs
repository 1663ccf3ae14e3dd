// Bundle the CLI into CommonJS files: dist/pgvet.cjs (everything lint and simulate need), yargs in
// dist/pgvet-yargs.cjs (a plain `pgvet lint` never loads it, see src/cli/lint-args.ts), and one
// file per heavier command that only it loads (dist/pgvet-tune.cjs, dist/pgvet-plan.cjs). One
// file to load instead of ~80 modules, Node's CommonJS loader, and no compiling of code a run does
// not use: together most of pgvet's cold start (measured by npm run bench). Run after tsc.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

/** `import('./tune.js')` in main.ts becomes `require('./pgvet-tune.cjs')`, built separately. */
const LAZY = { './tune.js': './pgvet-tune.cjs', './plan.js': './pgvet-plan.cjs', './yargs.js': './pgvet-yargs.cjs' };
const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\/(tune|plan|yargs)\.js$/ }, (args) =>
      args.importer.endsWith('main.js') ? { path: LAZY[args.path], external: true } : undefined,
    );
  },
};

/**
 * yargs' CommonJS build. An `import` from ESM makes esbuild pick yargs' ES module build, which
 * takes cliui's ES module build, whose `wrap` is a "minimal replacement" that cuts help lines in
 * the middle of words; the CommonJS build brings cliui's real wrapping (wrap-ansi, string-width).
 */
const yargsCjs = {
  name: 'yargs-cjs',
  setup(b) {
    b.onResolve({ filter: /^yargs$/ }, () => ({ path: createRequire(import.meta.url).resolve('yargs/yargs') }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // live-server modules are never on the lint path
  external: ['pg', 'pg-connection-string', 'ini', 'ajv', 'picomatch'],
  define: { __PGVET_VERSION__: JSON.stringify(version), 'import.meta.url': '__pgvetModuleUrl' },
  banner: { js: "const __pgvetModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // yargs only needs strictEqual/notStrictEqual; loading node:assert costs ~2.5 ms
  alias: { assert: './scripts/assert-shim.mjs' },
  minify: true,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['dist/src/cli/main.js'], outfile: 'dist/pgvet.cjs', plugins: [lazyModules] }),
  build({ ...common, entryPoints: ['dist/src/cli/yargs.js'], outfile: 'dist/pgvet-yargs.cjs', plugins: [yargsCjs] }),
  build({ ...common, entryPoints: ['dist/src/cli/tune.js'], outfile: 'dist/pgvet-tune.cjs' }),
  build({ ...common, entryPoints: ['dist/src/cli/plan.js'], outfile: 'dist/pgvet-plan.cjs' }),
]);
