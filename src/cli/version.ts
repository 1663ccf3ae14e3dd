import path from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import { readPackageJson } from '../io/json.js';

/** Inlined by the bundler (scripts/bundle.mjs); read from package.json when running from tsc output. */
declare const __PGVET_VERSION__: string | undefined;

export const VERSION: string =
  typeof __PGVET_VERSION__ === 'string'
    ? __PGVET_VERSION__
    : readPackageJson<{ version: string }>(path.join(PACKAGE_ROOT, 'package.json')).version;
