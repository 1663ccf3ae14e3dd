// Bundle pgvet into the CommonJS files the package ships, straight from the TypeScript sources
// (esbuild compiles TS itself: this script needs esbuild and nothing else, so a checkout can be
// built without the development setup, see action.yml). Type checking is tsc's job (npm run build).
//
//   dist/pgvet.cjs          the CLI: everything lint and simulate need
//   dist/pgvet-yargs.cjs    yargs (a plain `pgvet lint` never loads it, see src/cli/lint-args.ts)
//   dist/pgvet-tune.cjs     `pgvet tune`, loaded only by it
//   dist/pgvet-plan.cjs     `pgvet plan`, with the pg driver, pg-connection-string and ini
//   dist/pgvet-ajv.cjs      ajv, loaded only to check a --host FILE
//   dist/pgvet-picomatch.cjs picomatch, loaded only when .pgvetrc.json has ignore globs
//   dist/index.cjs          the library API (src/index.ts), for require('pgvet') and import
//
// Every dependency is bundled: the installed package has no runtime dependencies. One file to
// load instead of ~80 modules, Node's CommonJS loader, and no compiling of code a run does not
// use: together most of pgvet's cold start (measured by npm run bench).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (p) => path.join(ROOT, p);
const { version } = JSON.parse(fs.readFileSync(at('package.json'), 'utf8'));

/** `import('./tune.js')` in main.ts becomes `require('./pgvet-tune.cjs')`, built separately. */
const LAZY = { './tune.js': './pgvet-tune.cjs', './plan.js': './pgvet-plan.cjs', './yargs.js': './pgvet-yargs.cjs' };
const lazyCommands = {
  name: 'lazy-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/(tune|plan|yargs)\.js$/ }, (args) =>
      /[/\\]src[/\\]cli[/\\]main\.ts$/.test(args.importer) ? { path: LAZY[args.path], external: true } : undefined,
    );
  },
};

/**
 * The sources load two dependencies on demand with `createRequire(import.meta.url)(name)` (ajv
 * for host files, picomatch for ignore globs). In the bundles, node:module's createRequire comes
 * from a shim that maps those names to their own bundles (dist/pgvet-ajv.cjs, …), so they are
 * still loaded only when needed and need no node_modules. Any other name fails loudly.
 */
const lazyDeps = {
  name: 'lazy-deps',
  setup(b) {
    b.onResolve({ filter: /^(node:)?module$/ }, (args) =>
      /[/\\](src|rules)[/\\]/.test(args.importer) ? { path: at('scripts/lazy-require-shim.mjs') } : undefined,
    );
  },
};

/**
 * `import fs from 'node:fs'` in an ES module becomes `__toESM(require('node:fs'))` in a CommonJS
 * bundle, which copies every property of the module onto a new object: about 1.5 ms of a cold
 * start for fs, path, os and url. Importing them through these small ES modules instead keeps
 * the plain `require` (measured with npm run bench).
 */
const BUILTIN_NAMED = { 'node:url': ['fileURLToPath', 'pathToFileURL'] };
const plainBuiltins = {
  name: 'plain-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path|os|url|readline)$/ }, (args) =>
      /[/\\](src|rules)[/\\]/.test(args.importer) ? { path: args.path, namespace: 'pgvet-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'pgvet-builtin' }, (args) => {
      const named = BUILTIN_NAMED[args.path] ?? [];
      return { contents: `const m = require(${JSON.stringify(args.path)});\nexport default m;\n${named.length ? `export const { ${named.join(', ')} } = m;\n` : ''}`, loader: 'js' };
    });
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

/**
 * The carrier readers (YAML, HCL) load only when an input is a carrier: in the main bundle
 * src/cli/carriers-link.ts becomes a lazy require of dist/pgvet-carriers.cjs.
 */
const lazyCarriers = {
  name: 'lazy-carriers',
  setup(b) {
    b.onResolve({ filter: /^\.\/pgvet-carriers\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /[\\/]src[\\/]cli[\\/]carriers-link\.(ts|js)$/ }, () => ({
      contents: "export function carriers() { return require('./pgvet-carriers.cjs'); }",
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // pg's native binding is optional and never used (pg.native is not touched)
  external: ['pg-native', './pgvet-ajv.cjs', './pgvet-picomatch.cjs'],
  define: { __PGVET_VERSION__: JSON.stringify(version), 'import.meta.url': '__pgvetModuleUrl' },
  banner: { js: "const __pgvetModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // yargs only needs strictEqual/notStrictEqual; loading node:assert costs ~2.5 ms
  alias: { assert: './scripts/assert-shim.mjs' },
  plugins: [lazyDeps, plainBuiltins],
  // `import('./pgvet-tune.cjs')` becomes a require: no ES module loader to start, and the bundle
  // can run from a vm.Script (bin/pgvet.js's compile cache), which has no dynamic import
  supported: { 'dynamic-import': false },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

fs.mkdirSync(at('dist'), { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/pgvet.cjs', plugins: [lazyCommands, lazyDeps, plainBuiltins, lazyCarriers] }),
  build({ ...common, entryPoints: ['src/carriers/cli.ts'], outfile: 'dist/pgvet-carriers.cjs', plugins: [lazyDeps, plainBuiltins] }),
  build({ ...common, entryPoints: ['src/cli/yargs.ts'], outfile: 'dist/pgvet-yargs.cjs', plugins: [yargsCjs] }),
  build({ ...common, entryPoints: ['src/cli/tune.ts'], outfile: 'dist/pgvet-tune.cjs', plugins: [lazyDeps, plainBuiltins, lazyCarriers] }),
  build({ ...common, entryPoints: ['src/cli/plan.ts'], outfile: 'dist/pgvet-plan.cjs' }),
  build({ ...common, entryPoints: ['ajv'], outfile: 'dist/pgvet-ajv.cjs', banner: {}, define: {} }),
  build({ ...common, entryPoints: ['picomatch'], outfile: 'dist/pgvet-picomatch.cjs', banner: {}, define: {} }),
  // the library: one file, so that its error classes are the ones it throws; plan's driver is
  // only initialised when plan() runs (a dynamic import inside the bundle); names kept for stacks
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.cjs', keepNames: true }),
]);
