/**
 * The catalog: parameter metadata per major version, read from the JSON generated from real
 * servers (src/catalog/data/pgNN.json, see scripts/generate-catalog.ts), plus the hand-kept
 * overlay. Loaded lazily, one version at a time.
 */
import path from 'node:path';
import { CATALOG_DATA_DIR } from '../paths.js';
import { ALIASES, BUILD_DEPENDENT_VALUES, REMOVED_PARAMS, type BuildDependentValue, type RemovedParam } from './overlay.js';
import { PG_MAJORS, type CatalogFile, type HiddenParam, type ParamInfo, type PgMajor } from './types.js';
import { readPackageJson } from '../io/json.js';

export interface Catalog {
  version: PgMajor;
  serverVersion: string;
  /** Every parameter pg_settings shows, by lower-case name. */
  params: ReadonlyMap<string, ParamInfo>;
  hiddenParams: ReadonlyMap<string, HiddenParam>;
  /** Lower-case zone names shipped with the server. */
  timezones: ReadonlySet<string>;
  timezoneSets: readonly string[];
  encodings: ReadonlySet<string>;
  /** Resolve a name as the server's find_option does: case-insensitive, legacy aliases mapped. */
  lookup(name: string): ParamInfo | undefined;
  /** The version's removed/renamed entry for a name (only if the name is unknown in this version). */
  removed(name: string): RemovedParam | undefined;
  buildDependent(param: string, value: string): BuildDependentValue | undefined;
}

const cache = new Map<PgMajor, Catalog>();

export function isPgMajor(n: number): n is PgMajor {
  return (PG_MAJORS as readonly number[]).includes(n);
}

export function loadCatalog(version: PgMajor): Catalog {
  const cached = cache.get(version);
  if (cached) return cached;
  const file = path.join(CATALOG_DATA_DIR, `pg${version}.json`);
  const data = readPackageJson<CatalogFile>(file);
  // pg_settings prints DBL_MAX rounded (1.79769e+308), which is a little below DBL_MAX itself
  for (const p of Object.values(data.params)) {
    if (p.max !== null && p.max >= 1.79769e308) p.max = Number.MAX_VALUE;
    if (p.min !== null && p.min <= -1.79769e308) p.min = -Number.MAX_VALUE;
  }
  const params = new Map(Object.entries(data.params));
  const hidden = new Map(Object.entries(data.hiddenParams ?? {}));
  const aliases = new Map(ALIASES.filter((a) => a.since <= version).map((a) => [a.alias, a.target]));
  let timezones: Set<string> | undefined;
  let encodings: Set<string> | undefined;
  const catalog: Catalog = {
    version,
    serverVersion: data.serverVersion,
    params,
    hiddenParams: hidden,
    // built on first use: only a few check hooks need them
    get timezones() {
      return (timezones ??= new Set(data.timezones.map((z) => z.toLowerCase())));
    },
    timezoneSets: data.timezoneSets,
    get encodings() {
      return (encodings ??= new Set(data.encodings.map((e) => e.toLowerCase())));
    },
    lookup(name) {
      const lower = name.toLowerCase();
      return params.get(aliases.get(lower) ?? lower);
    },
    removed(name) {
      const lower = name.toLowerCase();
      if (params.has(lower) || aliases.has(lower)) return undefined;
      return REMOVED_PARAMS.find((r) => r.name === lower && r.removedIn <= version);
    },
    buildDependent(param, value) {
      const p = param.toLowerCase();
      const v = value.toLowerCase();
      return BUILD_DEPENDENT_VALUES.find((b) => b.param === p && b.since <= version && b.values.includes(v));
    },
  };
  cache.set(version, catalog);
  return catalog;
}
