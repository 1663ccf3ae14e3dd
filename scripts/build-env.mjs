// Prepare DIR so that `npm install --prefix DIR` gives what scripts/bundle.mjs needs and nothing
// else: esbuild and the libraries the bundles inline, at the versions package-lock.json pins
// (npm keeps the lockfile's resolutions for the packages still wanted and drops the rest). The
// GitHub Action builds a source checkout this way: no TypeScript, no jest, no PostgreSQL binaries.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** esbuild, and every package the sources import (scripts/bundle.mjs bundles them all). */
export const BUILD_DEPENDENCIES = ['esbuild', 'ajv', 'ini', 'pg', 'pg-connection-string', 'picomatch', 'yaml', 'yargs'];

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = process.argv[2];
if (dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = Object.fromEntries(BUILD_DEPENDENCIES.map((name) => {
    const range = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
    if (!range) throw new Error(`package.json does not list ${name}`);
    return [name, range];
  }));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'pgvet-build', private: true, dependencies }, null, 2) + '\n');
  fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(dir, 'package-lock.json'));
}
