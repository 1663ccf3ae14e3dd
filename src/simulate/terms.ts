/**
 * The pieces the memory scenarios are built from, each a formula over settings and assumptions:
 * the hash factor of a sort/hash node, what a VACUUM's dead-tuple store really holds, page
 * tables of processes that map the shared memory with 4kB pages, and glibc's overshoot and
 * retention. Measured constants come from src/simulate/data/memory-scenarios.json (see the
 * README there), never typed in.
 */
import path from 'node:path';
import type { PgMajor } from '../catalog/types.js';
import { PACKAGE_ROOT } from '../paths.js';
import { readPackageJson } from '../io/json.js';

export const MEMORY_SCENARIOS_PATH = path.join(PACKAGE_ROOT, 'src', 'simulate', 'data', 'memory-scenarios.json');

const GB = 1024 ** 3;
const PAGE = 8192;

/**
 * One page-table entry (8 bytes) per 4kB page mapped: 2MB of page tables per GB of shared memory
 * a process has touched. With huge pages (2MB) it is 8 bytes per 2MB, negligible.
 */
export const PAGE_TABLE_SHARE = 8 / 4096;

/** sizeof(ItemPointerData): the dead-TID array of VACUUM before 17 holds 6 bytes per dead tuple. */
export const DEAD_TID_BYTES = 6;

/**
 * Rows per 8kB heap page for the table the model vacuums: pgvet's assumption of ~100-byte rows
 * (a 24-byte tuple header, a 4-byte line pointer and ~70 bytes of data; pgbench_accounts holds 61
 * per page, a narrow link table 200+).
 */
export const ROWS_PER_PAGE = 80;

/** The hash factor: a sort/hash node's budget in units of work_mem, hash nodes at work_mem × hash_mem_multiplier. */
export function hashFactor(hashShare: number, hashMemMultiplier: number): number {
  return 1 + hashShare * (hashMemMultiplier - 1);
}

interface TidStoreFile {
  base: number;
  densePerPage: number;
  sparsePerPage: number;
  points: Array<{ pattern: string; deadTuples: number; pages: number; bytes: number }>;
}

interface GlibcFile {
  workMem: number;
  runs: number[];
  keptAfter: number;
  fixedThreshold: number[];
}

interface ScenarioFile {
  takenAt: string;
  host: { libc?: string };
  versions: Record<string, { scenarios: Array<{ id: string; measured: number; settings: Record<string, string | number>; detail: Record<string, number | string> }> }>;
  tidStore: Record<string, TidStoreFile>;
  glibc: Record<string, GlibcFile>;
}

let scenarioFile: ScenarioFile | undefined;

function scenarioData(): ScenarioFile {
  return (scenarioFile ??= readPackageJson<ScenarioFile>(MEMORY_SCENARIOS_PATH));
}

export interface TidStoreCost {
  /** Bytes the store holds before the first dead tuple. */
  base: number;
  /** Per heap page with more than 3 dead tuples (a bitmap entry in the radix tree). */
  densePerPage: number;
  /** Per heap page with at most 3 (they sit in the tree's slot). */
  sparsePerPage: number;
  source: string;
}

/** PostgreSQL 17+: the TID store's cost per heap page, measured (the newest measured version for later ones). */
const tidCache = new Map<PgMajor, TidStoreCost>();

export function tidStoreCost(version: PgMajor): TidStoreCost {
  let c = tidCache.get(version);
  if (!c) {
    c = computeTidStoreCost(version);
    tidCache.set(version, c);
  }
  return c;
}

function computeTidStoreCost(version: PgMajor): TidStoreCost {
  const file = scenarioData();
  const have = Object.keys(file.tidStore).map(Number).filter((v) => v <= version).sort((a, b) => b - a);
  const v = have[0];
  const fit = v !== undefined ? file.tidStore[String(v)] : undefined;
  if (!fit) throw new Error(`simulate: no TID store measurement for PostgreSQL ${version} in ${MEMORY_SCENARIOS_PATH}`);
  return {
    base: fit.base,
    densePerPage: fit.densePerPage,
    sparsePerPage: fit.sparsePerPage,
    source: `measured VACUUM on PostgreSQL ${v}: ${fit.densePerPage} B per heap page with dead tuples, ${fit.sparsePerPage} B with ≤ 3, ${Math.round(fit.base / 1024)}kB base (src/simulate/data/memory-scenarios.json, ${file.takenAt})`,
  };
}

export interface VacuumTable {
  /** Heap size of the table being vacuumed, bytes. */
  bytes: number;
  /** Where the size comes from. */
  source: string;
}

export interface VacuumMemory {
  bytes: number;
  formula: string;
  inputs: Record<string, number | string>;
  /** The array or store's limit (the setting, 1GB-capped before 17). */
  cap: number;
  deadTuples: number | null;
}

/**
 * What one VACUUM's dead-tuple store really holds, for a table and the dead tuples that trigger
 * autovacuum on it (threshold + scale factor × rows, at most autovacuum_vacuum_max_threshold on
 * 18+):
 * - before 17: an array of 6 bytes per dead tuple, palloc'd at the limit but resident only as it
 *   fills (measured 1.02 of dead × 6 B, memory-scenarios.json): min(limit, dead × 6 B), the limit
 *   being autovacuum_work_mem (or maintenance_work_mem) capped at 1GB;
 * - 17+: the TID store, a radix tree keyed by heap page that grows on demand: min(limit,
 *   base + pages with dead tuples × bytes per page), per-page cost measured.
 * Without a table size: the limit (what the setting allows).
 */
export function vacuumMemory(
  version: PgMajor,
  limitSetting: number,
  table: VacuumTable | undefined,
  trigger: { threshold: number; scaleFactor: number; maxThreshold: number | null },
): VacuumMemory {
  if (!table) {
    const cap = version < 17 ? Math.min(limitSetting, GB) : limitSetting;
    return { bytes: cap, formula: `${version < 17 ? 'min(limit, 1GB)' : 'limit'}: no table size known, the whole limit`, inputs: { limit: limitSetting }, cap, deadTuples: null };
  }
  const pages = Math.max(1, Math.ceil(table.bytes / PAGE));
  const rows = pages * ROWS_PER_PAGE;
  let dead = Math.round(trigger.threshold + trigger.scaleFactor * rows);
  if (trigger.maxThreshold !== null && trigger.maxThreshold >= 0) dead = Math.min(dead, trigger.maxThreshold);
  const store = deadTupleMemory(version, limitSetting, dead, pages);
  return { ...store, inputs: { table: table.bytes, rows, ...store.inputs } };
}

/** The dead-tuple store of one VACUUM that found `dead` dead tuples on `pages` heap pages (see vacuumMemory). */
export function deadTupleMemory(version: PgMajor, limitSetting: number, dead: number, pages: number): VacuumMemory {
  const inputs: Record<string, number | string> = { pages, dead_tuples: dead, limit: limitSetting };
  if (version < 17) {
    const cap = Math.min(limitSetting, GB);
    return { bytes: Math.min(cap, dead * DEAD_TID_BYTES), formula: `min(limit, 1GB, dead tuples × ${DEAD_TID_BYTES} B)`, inputs, cap, deadTuples: dead };
  }
  const t = tidStoreCost(version);
  const perPage = dead / Math.max(1, pages);
  const withDead = perPage >= 1 ? pages : dead;
  const each = perPage > 3 ? t.densePerPage : t.sparsePerPage;
  inputs['bytes_per_page'] = each;
  return {
    bytes: Math.min(limitSetting, Math.round(t.base + withDead * each)),
    formula: `min(limit, ${Math.round(t.base / 1024)}kB + heap pages with dead tuples × ${each} B) (TID store)`,
    inputs,
    cap: limitSetting,
    deadTuples: dead,
  };
}

export interface GlibcFacts {
  /**
   * Largest measured peak of a node over its budget, minus 1 (0.45 = 45% over): a sort run again
   * in the same session (glibc), a hash aggregate whose bucket array doubled past hash_mem.
   */
  overshoot: number;
  /** Largest measured share of a hash node's memory a session keeps after the query. */
  keptShare: number;
  source: string;
}

/**
 * glibc malloc, not PostgreSQL's accounting: after the first large free, glibc raises its mmap
 * threshold (up to 32MB), so later sorts and hashes take their blocks from the brk heap, where
 * freed memory stays resident. Measured (memory-scenarios.json): a 64MB sort run again in the
 * same session peaks at up to 1.45 × work_mem (1.00 with the dynamic threshold off), and a session
 * keeps up to the whole of its last hash table after the query.
 */
let glibcCache: GlibcFacts | undefined;

export function glibcFacts(): GlibcFacts {
  return (glibcCache ??= computeGlibcFacts());
}

function computeGlibcFacts(): GlibcFacts {
  const file = scenarioData();
  let overshoot = 0;
  let keptShare = 0;
  for (const g of Object.values(file.glibc)) for (const r of g.runs) overshoot = Math.max(overshoot, r / g.workMem - 1);
  for (const v of Object.values(file.versions)) {
    // hash aggregates at several sizes: each run over its hash_mem (work_mem × 2)
    const agg = v.scenarios.find((x) => x.id === 'hash-aggregate');
    for (const [k, grown] of Object.entries(agg?.detail ?? {})) {
      const m = /^growth (\d+)MB$/.exec(k);
      if (m?.[1]) overshoot = Math.max(overshoot, Number(grown) / (2 * Number(m[1]) * 1024 * 1024) - 1);
    }
    // the same sort run twice in one session, then what the session keeps after a hash join
    const g = v.scenarios.find((x) => x.id === 'glibc');
    if (!g) continue;
    const workMem = /^(\d+)MB$/.exec(String(g.settings['work_mem']));
    if (workMem?.[1]) overshoot = Math.max(overshoot, Number(g.detail['secondSort']) / (Number(workMem[1]) * 1024 * 1024) - 1);
    const peak = Number(g.detail['hashJoinPeak'] ?? 0);
    if (peak > 0) keptShare = Math.max(keptShare, Math.min(1, Number(g.detail['keptAfterHashJoin'] ?? 0) / peak));
  }
  overshoot = Math.ceil(overshoot * 100) / 100;
  return {
    overshoot,
    keptShare: Number(keptShare.toFixed(2)),
    source: `measured on ${file.host.libc ?? 'glibc'}: repeated sorts and hash aggregates peak at up to ${Number((1 + overshoot).toFixed(2))} × their budget (sorts: 1.00 with GLIBC_TUNABLES mmap_threshold fixed; hash aggregates: their bucket array doubles past hash_mem), a session keeps up to ${Math.round(keptShare * 100)}% of its last hash table (src/simulate/data/memory-scenarios.json, ${file.takenAt})`,
  };
}
