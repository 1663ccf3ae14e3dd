#!/usr/bin/env node
// CommonJS (see bin/package.json): starts faster than an ES module entry point.
let cli;
try {
  cli = require('../dist/pgvet.cjs');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && !require('node:fs').existsSync(require('node:path').join(__dirname, '..', 'dist', 'pgvet.cjs'))) {
    // a checkout that was never built (npm install --omit=dev of a clone skips the build)
    process.stderr.write('pgvet: this copy has not been built (dist/pgvet.cjs is missing): in a checkout, run npm install (with the development dependencies) or npm run build\n');
    process.exit(2);
  }
  throw err;
}
cli.run(process.argv.slice(2));
