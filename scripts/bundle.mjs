// Bundle the CLI into CommonJS files: dist/pgvet.cjs (everything lint and simulate need), yargs in
// dist/pgvet-yargs.cjs (a plain `pgvet lint` never loads it, see src/cli/lint-args.ts), and one
// file per heavier command that only it loads (dist/pgvet-tune.cjs, dist/pgvet-plan.cjs). One
// file to load instead of ~80 modules, Node's CommonJS loader, and no compiling of code a run does
// not use: together most of pgvet's cold start (measured by npm run bench). Run after tsc.
import fs from 'node:fs';
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
 * The carrier readers (YAML, HCL) load only when an input is a carrier: in the main bundle
 * src/cli/carriers-link.js becomes a lazy require of dist/pgvet-carriers.cjs.
 */
const lazyCarriers = {
  name: 'lazy-carriers',
  setup(b) {
    b.onResolve({ filter: /^\.\/pgvet-carriers\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]carriers-link\.js$/ }, () => ({
      contents: "export function carriers() { return require('./pgvet-carriers.cjs'); }",
      loader: 'js',
    }));
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
  build({ ...common, entryPoints: ['dist/src/cli/main.js'], outfile: 'dist/pgvet.cjs', plugins: [lazyModules, lazyCarriers] }),
  build({ ...common, entryPoints: ['dist/src/carriers/cli.js'], outfile: 'dist/pgvet-carriers.cjs' }),
  build({ ...common, entryPoints: ['dist/src/cli/yargs.js'], outfile: 'dist/pgvet-yargs.cjs' }),
  build({ ...common, entryPoints: ['dist/src/cli/tune.js'], outfile: 'dist/pgvet-tune.cjs' }),
  build({ ...common, entryPoints: ['dist/src/cli/plan.js'], outfile: 'dist/pgvet-plan.cjs' }),
]);
