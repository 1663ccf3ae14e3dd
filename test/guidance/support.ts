/** Helpers for the guidance tests: hosts, settings a file "chose", and applying a recommendation. */
import { loadCatalog } from '../../src/catalog/catalog.js';
import type { PgMajor } from '../../src/catalog/types.js';
import { parseValue } from '../../src/catalog/values.js';
import { guide, type CurrentSettings, type GuidanceInput, type GuidanceResult, type Value } from '../../src/guidance/index.js';
import type { Host, Storage, Workload } from '../../src/host/types.js';
import { loadConfig } from '../../src/resolve/load.js';
import { resolveSettings } from '../../src/resolve/settings.js';
import { CASE_ROOT, memoryReader } from '../support/memfs.js';

export const MB = 1024 ** 2;
export const GB = 1024 ** 3;

export interface HostCase {
  ram: number;
  cores: number;
  workload: Workload;
  storage: Storage;
  version: PgMajor;
  connections?: number;
  replicas?: number;
  containerLimited?: boolean;
}

export function hostOf(h: HostCase): Host {
  return {
    ramBytes: h.ram * GB,
    cores: h.cores,
    storage: h.storage,
    workload: h.workload,
    source: 'flags',
    ...(h.connections !== undefined ? { connections: h.connections } : {}),
    ...(h.replicas !== undefined ? { replicas: h.replicas } : {}),
    ...(h.containerLimited ? { containerLimited: true } : {}),
  };
}

/** The server defaults, with `chosen` values set by "the file" (typed, base units). */
export function settingsWith(version: PgMajor, chosen: Record<string, Value>): CurrentSettings {
  const catalog = loadCatalog(version);
  const base = resolveSettings([], catalog).settings;
  return {
    get(name) {
      const key = name.toLowerCase();
      if (key in chosen) return { value: chosen[key]!, param: catalog.params.get(key)!, source: 'test' };
      return base.get(key);
    },
  };
}

/** The settings of a postgresql.conf text, resolved the way lint and tune resolve a file. */
export function settingsOfConf(version: PgMajor, conf: string): CurrentSettings {
  const config = loadConfig(`${CASE_ROOT}/postgresql.conf`, { version, reader: memoryReader({ 'postgresql.conf': conf }), cwd: CASE_ROOT });
  return resolveSettings(config.items, loadCatalog(version)).settings;
}

/** What tune would leave: every recommendation written to the file (chosen), the rest as it was. */
export function applied(version: PgMajor, before: CurrentSettings, result: GuidanceResult): CurrentSettings {
  const catalog = loadCatalog(version);
  const written = new Map<string, Value>();
  for (const g of result.params) {
    const now = before.get(g.name.toLowerCase());
    if (!g.kept || now?.source !== undefined) written.set(g.name.toLowerCase(), g.recommended.value);
  }
  return {
    get(name) {
      const key = name.toLowerCase();
      const v = written.get(key);
      if (v !== undefined) return { value: v, param: catalog.params.get(key)!, source: 'tune' };
      return before.get(key);
    },
  };
}

export function run(h: HostCase, extra: Partial<GuidanceInput> = {}): GuidanceResult {
  return guide({ version: h.version, host: hostOf(h), workload: h.workload, ...extra });
}

/** The recommendation's text parsed back by the catalog's own value parser. */
export function parsesBack(version: PgMajor, name: string, text: string): { ok: boolean; value?: Value; message?: string } {
  const p = loadCatalog(version).params.get(name.toLowerCase())!;
  const r = parseValue(p, text, version);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.problem.message };
}
