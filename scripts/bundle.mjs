// Bundle the CLI into one CommonJS file (dist/pgvet.cjs): one file to load instead of ~60, and
// Node's CommonJS loader starts faster than its ES module loader. Together that is most of
// pgvet's cold start (measured by npm run bench). Run after tsc, by npm run build.
import fs from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

await build({
  entryPoints: ['dist/src/cli/main.js'],
  outfile: 'dist/pgvet.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // live-server modules are never on the lint path
  external: ['pg', 'pg-connection-string', 'ini', 'ajv'],
  define: { __PGVET_VERSION__: JSON.stringify(version), 'import.meta.url': '__pgvetModuleUrl' },
  banner: { js: "const __pgvetModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // yargs only needs strictEqual/notStrictEqual; loading node:assert costs ~2.5 ms
  alias: { assert: './scripts/assert-shim.mjs' },
  minify: true,
  keepNames: true,
  logLevel: 'warning',
});
