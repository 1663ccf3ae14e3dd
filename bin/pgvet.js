#!/usr/bin/env node
// CommonJS (see bin/package.json): starts faster than an ES module entry point.
require('../dist/pgvet.cjs').run(process.argv.slice(2));
