#!/usr/bin/env node
// CommonJS (see bin/package.json): starts faster than an ES module entry point.
//
// The bundle is loaded with a V8 code cache: compiling it is a good part of a cold start, and CI
// runs pgvet thousands of times (npm run bench measures it). Node 22+ has this built in
// (module.enableCompileCache); on Node 20 the cache is a file per bundle version in
// $XDG_CACHE_HOME/pgvet (~/.cache/pgvet), private to the user, written once after a run. V8
// rejects a cache that does not fit the source, and pgvet then compiles as usual and rewrites it.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does for Node's own.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'pgvet.cjs');

function loadCached() {
  const vm = require('node:vm');
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const stat = fs.statSync(BUNDLE);
  const home = process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache');
  const dir = path.join(home, 'pgvet');
  const name = `pgvet-${process.versions.v8}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`;
  let cached;
  try {
    cached = fs.readFileSync(path.join(dir, name));
  } catch {}
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, ...(cached ? { cachedData: cached } : {}) });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
  if (!cached || script.cachedDataRejected) {
    // after the run, so that the functions it compiled are in the cache too
    process.once('exit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        for (const old of fs.readdirSync(dir)) if (/^pgvet-.*\.v8cache$/.test(old) && old !== name) fs.rmSync(path.join(dir, old), { force: true });
        const tmp = path.join(dir, `${name}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, path.join(dir, name));
      } catch {
        // no cache: the next start compiles again
      }
    });
  }
  return mod.exports;
}

function load() {
  if (!fs.existsSync(BUNDLE)) {
    // a checkout that was never built (npm install --omit=dev of a clone skips the build)
    process.stderr.write('pgvet: this copy has not been built (dist/pgvet.cjs is missing): in a checkout, run npm install (with the development dependencies) or npm run build\n');
    process.exit(2);
  }
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(BUNDLE);
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache();
    return require(BUNDLE);
  }
  return loadCached();
}

load().run(process.argv.slice(2));
