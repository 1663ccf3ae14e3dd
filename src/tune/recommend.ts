/**
 * `pgvet tune`'s recommendations: pure (host, workload, version, current settings, pins) →
 * values, each with the formula, its inputs and its source. The peers' formulas are surveyed in
 * ../shared/reference/peer-tools.md (§1.1 pgtune, §1.3 timescaledb-tune, §4 the consolidated
 * heuristics); where pgvet departs from them the reason says why (mostly: the host-aware rules
 * PGV1xx–PGV5xx must not fire on tune's own output, and the simulator's worst case must fit RAM).
 */
import { loadCatalog } from '../catalog/catalog.js';
import type { ParamInfo, PgMajor } from '../catalog/types.js';
import { formatBytes, formatMs, parseValue, toAbsolute, unitScale } from '../catalog/values.js';
import { checkHookFor, type HookContext } from '../catalog/checks.js';
import { preloadedModules } from '../catalog/lists.js';
import { EXTENSION_WORKERS } from '../engine/extensions.js';
import { roundSize } from '../guidance/format.js';
import { MEMORY_LIMITS } from '../guidance/memory.js';
import type { Host, Storage, Workload } from '../host/types.js';
import { WORKLOAD_PROFILES } from '../host/workloads.js';
import { resolveSettings, type Resolution } from '../resolve/settings.js';
import { simulate, type Estimate } from '../simulate/index.js';
import type { SettingSource } from '../simulate/settings.js';

export type TuneGroup = 'memory' | 'connections' | 'processes' | 'wal' | 'planner';
export const TUNE_GROUPS: readonly TuneGroup[] = ['memory', 'connections', 'processes', 'wal', 'planner'];

export interface Recommendation {
  /** As pg_settings spells it. */
  name: string;
  group: TuneGroup;
  /** As written in a conf file: '4GB', '0.9', 'try'. */
  value: string;
  /** The effective value now, as written in the file (or the server default); absent without a file. */
  current?: string;
  /** Where the current value comes from. */
  currentFrom?: 'file' | 'default';
  /** True when the recommendation differs from the effective value (always true without a file). */
  changed: boolean;
  /** Pinned with --keep: the value stays as the file has it. */
  kept: boolean;
  reason: string;
  formula: string;
  inputs: Record<string, string | number>;
  source: string;
  context: 'restart' | 'reload';
}

export interface TuneInput {
  version: PgMajor;
  host: Host;
  workload: Workload;
  /** The file's effective settings, when tuning a file. */
  current?: Resolution;
  /** Parameters to keep as the file has them. */
  keep?: readonly string[];
}

export interface TuneResult {
  recommendations: Recommendation[];
  /** The simulator's estimate of the recommended configuration. */
  estimate: Estimate;
  /** Things the user should know that are not one parameter's reason. */
  notes: string[];
}

// A bad --keep name or a host that tune cannot size for: one line, exit 2 (src/errors.ts).
export { TuneError } from '../errors.js';
import { TuneError } from '../errors.js';

const KB = 1024;
const MB = 1024 ** 2;
const GB = 1024 ** 3;

const PGTUNE = 'pgtune (le0pard/pgtune), peer-tools.md §1.1';
const DOCS_RESOURCE = 'https://www.postgresql.org/docs/current/runtime-config-resource.html';
const DOCS_WAL = 'https://www.postgresql.org/docs/current/runtime-config-wal.html';
const DOCS_QUERY = 'https://www.postgresql.org/docs/current/runtime-config-query.html';
const DOCS_AV = 'https://www.postgresql.org/docs/current/runtime-config-autovacuum.html';
const DOCS_REPL = 'https://www.postgresql.org/docs/current/runtime-config-replication.html';
const POOLER = 'https://wiki.postgresql.org/wiki/Number_Of_Database_Connections';

/** effective_io_concurrency by storage (pgtune; peer-tools.md §4.18). */
const EIC: Record<Storage, number> = { hdd: 2, ssd: 200, san: 300, nvme: 1000 };

/** min/max_wal_size by workload (pgtune; peer-tools.md §1.1). */
const WAL_SIZES: Record<Workload, { min: number; max: number }> = {
  web: { min: 1 * GB, max: 4 * GB },
  oltp: { min: 2 * GB, max: 8 * GB },
  dw: { min: 4 * GB, max: 16 * GB },
  desktop: { min: 100 * MB, max: 2 * GB },
  mixed: { min: 1 * GB, max: 4 * GB },
};

/** A setting's effective value in base units, as the simulator and the rules read it. */
interface Value {
  value: number | string | boolean;
  param: ParamInfo;
}

/** A base-unit value written the way PostgreSQL writes it. */
export function formatSetting(param: ParamInfo, value: number | string | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  const scale = unitScale(param.unit);
  if (value < 0 || !scale) return String(value);
  return scale.kind === 'memory' ? formatBytes(toAbsolute(param, value)) : formatMs(toAbsolute(param, value));
}

/** Round a work_mem-like size down: whole MB from 8MB, whole kB below, never under `floor`. */
function roundDown(bytes: number, floor: number): number {
  const r = bytes >= 8 * MB ? Math.floor(bytes / MB) * MB : Math.floor(bytes / KB) * KB;
  return Math.max(floor, r);
}

const pct = (part: number, whole: number): string => `${Number(((100 * part) / whole).toFixed(1))}%`;

export function recommend(input: TuneInput): TuneResult {
  const { version, host, workload } = input;
  const catalog = loadCatalog(version);
  const ram = host.ramBytes;
  const cores = host.cores;
  if (ram === undefined || cores === undefined) throw new TuneError('tune needs the host: --ram and --cores (or --host FILE / --host auto)');
  if (ram < 256 * MB) throw new TuneError(`tune needs at least 256MB of RAM to size anything (got ${formatBytes(ram)})`);
  const profile = WORKLOAD_PROFILES[workload];
  const base = input.current ?? resolveSettings([], catalog);
  const keep = new Set<string>();
  for (const k of input.keep ?? []) {
    const p = catalog.lookup(k.trim());
    if (!p) throw new TuneError(`--keep: PostgreSQL ${version} has no parameter "${k.trim()}"`);
    keep.add(p.name.toLowerCase());
  }

  const recs = new Map<string, Recommendation>();
  const overlay = new Map<string, Value>();
  const notes: string[] = [];

  const has = (name: string): boolean => catalog.params.has(name);
  const param = (name: string): ParamInfo => catalog.params.get(name)!;
  /** The value the configuration will have: recommended, pinned, or as it is now. */
  const eff = (name: string): Value | undefined => overlay.get(name) ?? base.settings.get(name);
  const num = (name: string): number => Number(eff(name)?.value ?? 0);
  const bytes = (name: string): number => {
    const v = eff(name);
    if (!v || typeof v.value !== 'number') return 0;
    return v.value < 0 ? v.value : toAbsolute(v.param, v.value);
  };
  const pinned = (name: string): boolean => keep.has(name);
  const hookCtx: HookContext = { catalog, get: (name) => eff(name)?.value, setInFile: (name) => overlay.has(name) || base.settings.get(name)?.source !== undefined, secondPass: true };

  /** Add (or replace) a recommendation; pinned parameters keep the file's value. */
  const set = (group: TuneGroup, name: string, value: string, why: { reason: string; formula: string; inputs: Record<string, string | number>; source: string }): void => {
    if (!has(name)) return; // only what this version has
    const p = param(name);
    if (pinned(name)) {
      if (!recs.has(name)) recs.set(name, { name: p.name, group, value: '', changed: false, kept: true, reason: 'pinned with --keep: left as the file has it, the rest is sized around it', formula: 'kept', inputs: {}, source: '--keep', context: contextOf(p) });
      return;
    }
    const fitted = withinRange(p, value, version);
    let reason = fitted.capped ? `${why.reason}; capped at ${fitted.text}, the ${fitted.capped} PostgreSQL ${version} accepts` : why.reason;
    // A limit across parameters (the check hook: MaxBackends in 13–17) may refuse what each
    // range allows: take the largest value it accepts next to the values chosen so far.
    const hook = checkHookFor(p, version);
    const refusal = hook ? hook(fitted.value, hookCtx, fitted.text) : null;
    if (refusal && typeof fitted.value === 'number' && p.min !== null) {
      let lo = p.min;
      let hi = fitted.value - 1;
      let best: number | undefined;
      while (lo <= hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (hook!(mid, hookCtx, String(mid))) hi = mid - 1;
        else {
          best = mid;
          lo = mid + 1;
        }
      }
      if (best !== undefined) {
        fitted.value = best;
        fitted.text = formatSetting(p, best);
        reason = `${reason}; lowered to ${fitted.text}, the most PostgreSQL ${version} accepts next to the other values (${refusal.message})`;
      }
    }
    overlay.set(name, { value: fitted.value, param: p });
    recs.set(name, { name: p.name, group, value: fitted.text, changed: true, kept: false, ...why, reason, context: contextOf(p) });
  };

  // ---------------------------------------------------------------- connections (first: memory depends on them)
  const cap = Math.max(100, Math.floor(cores * 4));
  const wanted = host.connections ?? profile.connections.value;
  const mc = Math.min(wanted, cap);
  set('connections', 'max_connections', String(Math.max(mc, 20)), {
    reason: wanted > cap
      ? `${wanted} ${host.connections ? 'expected clients' : `is pgtune's default for ${workload}`}, but ${cores} cores run about ${cap} sessions well: put a pooler (PgBouncer) in front for more clients`
      : `${host.connections ? `${wanted} expected active clients` : `pgtune's default for ${workload}`}; above ${cap} (4 per core, at least 100) use a pooler instead`,
    formula: 'min(--connections or the workload default, max(100, 4 × cores))',
    inputs: { connections: wanted, cores, cap },
    source: `${PGTUNE}; cap: rule PGV201 and ${POOLER}`,
  });

  const pe = String(base.settings.get('password_encryption')?.value ?? '');
  if (pe === 'md5' || pe === 'on') {
    set('connections', 'password_encryption', 'scram-sha-256', {
      reason: 'new passwords hashed with SCRAM instead of MD5 (the default from 14); existing md5 hashes keep working until reset',
      formula: "'scram-sha-256'",
      inputs: { current: pe },
      source: 'https://www.postgresql.org/docs/current/auth-password.html; rule PGV602',
    });
  }

  // ---------------------------------------------------------------- processes
  const whole = Math.max(1, Math.floor(cores));
  set('processes', 'max_parallel_workers', String(whole), {
    reason: `one parallel worker per core (${whole})`,
    formula: 'cores',
    inputs: { cores },
    source: `${PGTUNE}; peer-tools.md §4.9`,
  });
  const perGatherCap = workload === 'dw' ? Infinity : 4;
  const perGather = whole < 2 ? 0 : Math.min(perGatherCap, Math.ceil(whole / 2), whole - 1);
  set('processes', 'max_parallel_workers_per_gather', String(perGather), {
    reason: whole < 2 ? 'one core: parallel query only adds overhead' : `half the cores per query${workload === 'dw' ? ' (uncapped for analytics)' : ', at most 4 (pgtune)'}`,
    formula: workload === 'dw' ? 'ceil(cores / 2)' : 'min(4, ceil(cores / 2))',
    inputs: { cores },
    source: `${PGTUNE}; peer-tools.md §4.9`,
  });
  set('processes', 'max_parallel_maintenance_workers', String(whole < 2 ? 0 : Math.min(4, Math.ceil(whole / 2))), {
    reason: whole < 2 ? 'one core: no parallel index builds' : 'parallel CREATE INDEX / VACUUM with up to half the cores, at most 4',
    formula: 'min(4, ceil(cores / 2))',
    inputs: { cores },
    source: `${PGTUNE}; peer-tools.md §4.9`,
  });
  // Workers that come out of max_worker_processes besides parallel query (PGV203's count).
  const libs = preloadedModules(String(base.settings.get('shared_preload_libraries')?.value ?? ''));
  const extParts: string[] = [];
  let extWorkers = 0;
  for (const lib of libs) {
    const ext = EXTENSION_WORKERS.find((e) => e.library === lib);
    if (!ext) continue;
    const n = ext.workers((name) => base.placeholders.get(name)?.value);
    extWorkers += n;
    extParts.push(`${lib} ${n}`);
  }
  const launcher = num('max_logical_replication_workers') > 0 ? 1 : 0;
  const mpw = num('max_parallel_workers');
  const mwp = Math.max(8, mpw + extWorkers + launcher);
  set('processes', 'max_worker_processes', String(mwp), {
    reason: `room for ${mpw} parallel workers${launcher ? ', the logical replication launcher' : ''}${extParts.length ? `, and extension workers (${extParts.join(', ')})` : ''}; never below the default 8`,
    formula: 'max(8, max_parallel_workers + extension workers + logical replication launcher)',
    inputs: { max_parallel_workers: mpw, extension_workers: extWorkers, launcher },
    source: `timescaledb-tune (peer-tools.md §1.3, §4.8); extension workers: src/engine/extensions.ts; ${DOCS_RESOURCE}`,
  });
  const avWorkers = cores >= 32 ? 5 : cores >= 16 ? 4 : 3;
  set('processes', 'autovacuum_max_workers', String(avWorkers), {
    reason: avWorkers > 3 ? `${cores} cores can vacuum more tables at once` : 'the default 3 suits fewer than 16 cores',
    formula: '3; 4 from 16 cores; 5 from 32 cores',
    inputs: { cores },
    source: `${PGTUNE}; peer-tools.md §4.12`,
  });
  if (num('autovacuum_max_workers') > 3) {
    const w = num('autovacuum_max_workers');
    set('processes', 'autovacuum_vacuum_cost_limit', String(Math.round((200 * w) / 3)), {
      reason: `the workers share one cost budget: raise it with the worker count so each keeps the default pace`,
      formula: '200 × autovacuum_max_workers / 3',
      inputs: { autovacuum_max_workers: w },
      source: `pg_gather (peer-tools.md §4.12); rule PGV401; ${DOCS_AV}`,
    });
  }
  if (has('autovacuum_worker_slots')) {
    const slots = Math.max(16, num('autovacuum_max_workers'));
    set('processes', 'autovacuum_worker_slots', String(slots), {
      reason: 'slots reserved at start, so autovacuum_max_workers can be raised later with a reload',
      formula: 'max(16, autovacuum_max_workers)',
      inputs: { autovacuum_max_workers: num('autovacuum_max_workers') },
      source: `${DOCS_AV} (PostgreSQL 18)`,
    });
  }
  if (has('io_workers') && String(eff('io_method')?.value) === 'worker') {
    const io = Math.min(32, Math.max(3, Math.floor(cores / 4)));
    set('processes', 'io_workers', String(io), {
      reason: `io_method = worker: about one I/O worker per 4 cores, at least 3`,
      formula: 'clamp(floor(cores / 4), 3, 32)',
      inputs: { cores },
      source: `${PGTUNE} (le0pard/pgtune#142); peer-tools.md §4.19`,
    });
  }

  // ---------------------------------------------------------------- memory
  const ramText = `${formatBytes(ram)} ${host.containerLimited ? 'container limit' : 'RAM'}`;
  const sbShare = workload === 'desktop' ? 8 : 4;
  set('memory', 'shared_buffers', formatBytes(roundSize(ram / sbShare)), {
    reason: workload === 'desktop' ? `1/8 of ${ramText}: a desktop shares the host with other programs` : `25% of ${ramText}, PostgreSQL's documented starting point`,
    formula: `RAM / ${sbShare}, rounded down to whole MB (GB from 4GB)`,
    inputs: { ram: formatBytes(ram) },
    source: `${DOCS_RESOURCE}; ${PGTUNE} (pgtune uses RAM/16 for desktop; pgvet keeps ≥ RAM/8, rule PGV101)`,
  });
  const sb = bytes('shared_buffers');
  set('memory', 'effective_cache_size', formatBytes(roundSize(ram * (workload === 'desktop' ? 0.25 : 0.75))), {
    reason: workload === 'desktop' ? `25% of ${ramText}: the page cache is shared with other programs` : `75% of ${ramText}: shared_buffers plus the OS page cache`,
    formula: workload === 'desktop' ? 'RAM × 0.25' : 'RAM × 0.75',
    inputs: { ram: formatBytes(ram) },
    source: `${PGTUNE}; peer-tools.md §4.2`,
  });
  const mwmShare = workload === 'dw' ? 8 : 16;
  set('memory', 'maintenance_work_mem', formatBytes(Math.min(2 * GB, roundSize(ram / mwmShare))), {
    reason: `for VACUUM and CREATE INDEX: RAM/${mwmShare}, at most 2GB`,
    formula: `min(2GB, RAM / ${mwmShare})`,
    inputs: { ram: formatBytes(ram) },
    source: `${PGTUNE} (the pre-2026 2GB cap); peer-tools.md §4.4`,
  });
  const avwFor = (): { value: number; text: string } => {
    const workers = num('autovacuum_max_workers');
    const mwm = bytes('maintenance_work_mem');
    const cap = version < 17 ? GB : Infinity;
    const share = roundSize(ram / 8 / workers);
    return { value: Math.max(MB, Math.min(mwm, cap, share)), text: `min(maintenance_work_mem, RAM / 8 / autovacuum_max_workers${version < 17 ? ', 1GB' : ''})` };
  };
  const avw = avwFor();
  set('memory', 'autovacuum_work_mem', formatBytes(avw.value), {
    reason: `each of the ${num('autovacuum_max_workers')} autovacuum workers may use this much; all of them together stay within 1/8 of RAM${version < 17 ? ' (before 17 a worker uses at most 1GB)' : ''}`,
    formula: avw.text,
    inputs: { ram: formatBytes(ram), autovacuum_max_workers: num('autovacuum_max_workers'), maintenance_work_mem: formatBytes(bytes('maintenance_work_mem')) },
    source: `${DOCS_RESOURCE} (autovacuum_work_mem); rule PGV402; peer-tools.md §4.4`,
  });
  set('memory', 'wal_buffers', '-1', {
    reason: 'automatic: 1/32 of shared_buffers, up to one WAL segment (16MB); pgtune computes the same by hand',
    formula: '-1 (auto)',
    inputs: {},
    source: `${DOCS_WAL}; peer-tools.md §4.16`,
  });
  set('memory', 'huge_pages', 'try', {
    reason: sb >= 2 * GB
      ? `shared_buffers ${formatBytes(sb)} ≥ 2GB: huge pages cut page-table memory; "try" falls back when the host has none reserved (reserve them: vm.nr_hugepages)`
      : 'try huge pages, fall back to normal pages (the default); they matter from 2GB of shared_buffers',
    formula: "'try' (never 'on': the server refuses to start without reserved pages)",
    inputs: { shared_buffers: formatBytes(sb) },
    source: `${PGTUNE}; peer-tools.md §4.6; rules PGV103, PGV015`,
  });

  // work_mem last: it takes what the rest leaves.
  const hmm = Number(eff('hash_mem_multiplier')?.value ?? 1);
  const hashFactor = 1 - profile.hashShare.value + profile.hashShare.value * hmm;
  const settings: SettingSource = { get: (name) => eff(name.toLowerCase()) };
  const simHost: Host = { ...host, workload };
  const worst = (): Estimate => simulate({ settings, version, host: simHost, workload });
  const setWork = (value: number, why: { reason: string; formula: string; inputs: Record<string, string | number> }): void =>
    set('memory', 'work_mem', formatBytes(value), { ...why, source: `peer-tools.md §4.3, §4.5; rule PGV104 (${profile.nodesTypical.value} nodes typically for ${workload}); the simulator's worst case (src/simulate)` });

  const conns = num('max_connections');
  // the server admits max_connections sessions, however many clients wait at the pooler (PGV104)
  const active = Math.min(host.connections ?? conns, conns);
  const left = ram - sb;
  // PGV104: active connections × typical nodes × work_mem × hash factor ≤ RAM − shared_buffers
  const lintBound = left / (active * profile.nodesTypical.value * hashFactor);
  // The simulator's worst case is linear in work_mem: solve worst(w) = RAM.
  const probe = (w: number): number => {
    if (!pinned('work_mem')) overlay.set('work_mem', { value: w / KB, param: param('work_mem') });
    return worst().memory.worstCase.bytes;
  };
  const whyOf = (name: string): { formula: string; inputs: Record<string, string | number>; source: string } => {
    const r = recs.get(name);
    return { formula: `${r?.formula ?? ''}, then lowered until the worst case fits`, inputs: r?.inputs ?? {}, source: r?.source ?? '' };
  };
  const shrunk: string[] = [];
  let atFloor = probe(64 * KB);
  // If even the floor does not fit, shrink the maintenance memory, then the connections.
  for (let i = 0; atFloor > ram && i < 12; i++) {
    const avNow = bytes('autovacuum_work_mem');
    const mwmNow = bytes('maintenance_work_mem');
    if (!pinned('autovacuum_work_mem') && avNow > 16 * MB) {
      set('memory', 'autovacuum_work_mem', formatBytes(roundDown(avNow / 2, MB)), { ...whyOf('autovacuum_work_mem'), reason: 'halved so that the worst case fits the RAM' });
      shrunk.push('autovacuum_work_mem');
    } else if (!pinned('maintenance_work_mem') && mwmNow > 16 * MB) {
      set('memory', 'maintenance_work_mem', formatBytes(roundDown(mwmNow / 2, MB)), { ...whyOf('maintenance_work_mem'), reason: 'halved so that the worst case fits the RAM' });
      shrunk.push('maintenance_work_mem');
    } else if (!pinned('max_connections') && num('max_connections') > 20) {
      const next = Math.max(20, Math.floor(num('max_connections') * 0.75));
      set('connections', 'max_connections', String(next), { ...whyOf('max_connections'), reason: `lowered so that the worst case fits ${ramText}: use a pooler (PgBouncer) for more clients` });
      shrunk.push('max_connections');
    } else break;
    atFloor = probe(64 * KB);
  }
  const at64MB = probe(64 * MB);
  const slope = (at64MB - atFloor) / (64 * MB - 64 * KB);
  const fitBound = slope > 0 ? 64 * KB + (ram - atFloor) / slope : Infinity;
  let wm = roundDown(Math.min(lintBound, fitBound, ram / 4), 64 * KB);
  // Rounding and the model's step functions: walk down until it really fits.
  for (let i = 0; i < 40 && wm > 64 * KB && probe(wm) > ram; i++) wm = roundDown(wm * 0.9, 64 * KB);
  const wmInputs = {
    ram: formatBytes(ram), shared_buffers: formatBytes(sb), max_connections: num('max_connections'), ...(host.connections ? { active_connections: host.connections } : {}),
    nodes_typical: profile.nodesTypical.value, nodes_worst: profile.nodesWorst.value, hash_factor: Number(hashFactor.toFixed(2)),
  };
  setWork(wm, {
    reason: wm === 64 * KB && (atFloor > ram)
      ? `the server's minimum; even so the worst case does not fit ${ramText}`
      : `the largest value at which ${active} connections × ${profile.nodesWorst.value} sort/hash nodes still fit ${ramText} in the simulator's worst case (and ${profile.nodesTypical.value} node${profile.nodesTypical.value > 1 ? 's' : ''} per query fit RAM − shared_buffers, rule PGV104)`,
    formula: 'min((RAM − shared_buffers) / (connections × typical nodes × hash factor), the work_mem at which the simulated worst case = RAM), floor 64kB',
    inputs: wmInputs,
  });
  if (!pinned('work_mem')) overlay.set('work_mem', { value: wm / KB, param: param('work_mem') });
  // PGV108: a typical load must leave 20% of the RAM to the OS page cache. Only tiny hosts with
  // many cores miss it (a parallel worker per core): halve the parallel workers until it holds.
  let estimate = worst();
  for (let i = 0; i < 8 && !pinned('max_parallel_workers') && num('max_parallel_workers') > 0 && estimate.memory.typical.bytes > ram * (1 - MEMORY_LIMITS.osCache); i++) {
    const next = Math.floor(num('max_parallel_workers') / 2);
    const fewer = { formula: 'cores, halved until a typical load leaves 20% of the RAM free', inputs: { cores }, source: 'rule PGV108; the simulator\'s typical load (src/simulate)' };
    set('processes', 'max_parallel_workers', String(next), { ...fewer, reason: `lowered so that a typical load leaves 20% of ${ramText} to the OS page cache` });
    if (num('max_parallel_workers_per_gather') > next) set('processes', 'max_parallel_workers_per_gather', String(next), { ...fewer, reason: `at most max_parallel_workers (${next})` });
    shrunk.push('max_parallel_workers');
    estimate = worst();
  }
  if (estimate.memory.worstCase.bytes > ram) {
    notes.push(`even with these values the simulated worst case (${formatBytes(roundDown(estimate.memory.worstCase.bytes, MB))}) exceeds ${ramText}${keep.size ? ' (pinned values leave no room)' : ''}`);
  }
  if (shrunk.length) notes.push(`to fit ${ramText} (the worst case, and a typical load with 20% left to the OS cache), lowered: ${[...new Set(shrunk)].join(', ')}`);

  // ---------------------------------------------------------------- WAL and checkpoints
  const wal = WAL_SIZES[workload];
  set('wal', 'min_wal_size', formatBytes(wal.min), { reason: `WAL kept for reuse for a ${workload} write rate`, formula: `by workload (${workload})`, inputs: { workload }, source: PGTUNE });
  set('wal', 'max_wal_size', formatBytes(wal.max), { reason: `fewer forced checkpoints between checkpoint_timeout ticks for a ${workload} write rate; check the WAL volume has room`, formula: `by workload (${workload})`, inputs: { workload }, source: PGTUNE });
  set('wal', 'checkpoint_completion_target', '0.9', { reason: 'spread checkpoint writes over 90% of the interval (the default from 14)', formula: '0.9', inputs: {}, source: `${DOCS_WAL}; peer-tools.md §4.14` });
  const replicas = host.replicas ?? 0;
  if (replicas > 0) {
    set('wal', 'wal_level', 'replica', { reason: `${replicas} streaming replica${replicas > 1 ? 's' : ''} need at least replica`, formula: "'replica' when --replicas > 0", inputs: { replicas }, source: `${DOCS_REPL}; rule PGV301` });
    set('wal', 'max_wal_senders', String(Math.max(10, replicas + 2)), { reason: `one sender per replica plus two for base backups and a spare`, formula: 'max(10, replicas + 2)', inputs: { replicas }, source: `${DOCS_REPL}; rule PGV301` });
    set('wal', 'max_replication_slots', String(Math.max(10, replicas + 2)), { reason: 'one slot per replica plus spares', formula: 'max(10, replicas + 2)', inputs: { replicas }, source: `${DOCS_REPL}; rule PGV301` });
  }

  // ---------------------------------------------------------------- planner and I/O
  if (host.storage) {
    const s = host.storage;
    set('planner', 'random_page_cost', s === 'hdd' ? '4' : '1.1', {
      reason: s === 'hdd' ? 'spinning disks: random reads cost about 4 sequential ones' : `${s}: random reads cost about as much as sequential ones`,
      formula: 'hdd 4, otherwise 1.1',
      inputs: { storage: s },
      source: `${PGTUNE}; peer-tools.md §4.17; ${DOCS_QUERY}`,
    });
    set('planner', 'effective_io_concurrency', String(EIC[s]), {
      reason: `concurrent prefetch requests ${s} serves well`,
      formula: 'hdd 2, ssd 200, san 300, nvme 1000',
      inputs: { storage: s },
      source: `${PGTUNE}; peer-tools.md §4.18`,
    });
  } else {
    notes.push('no --storage given: random_page_cost and effective_io_concurrency not tuned');
  }

  // Current values and pins.
  for (const r of recs.values()) {
    const key = r.name.toLowerCase();
    const now = base.settings.get(key);
    if (r.kept) {
      r.value = now?.source ? now.source.entry.value : formatSetting(param(key), now?.value ?? '');
    }
    if (input.current) {
      // A last line the server refuses (out of range, or over a cross-parameter limit) leaves the
      // default in force, but the file must still change: that line stops the server.
      const last = now?.lines[now.lines.length - 1];
      const refused = last !== undefined && last !== now?.source;
      r.current = refused ? last.entry.value : now?.source ? now.source.entry.value : now ? formatSetting(now.param, now.value) : '';
      r.currentFrom = now?.source || refused ? 'file' : 'default';
      const rec = overlay.get(key);
      r.changed = !r.kept && rec !== undefined && now !== undefined && (rec.value !== now.value || refused);
    } else {
      r.changed = !r.kept;
    }
  }
  const order = (r: Recommendation): number => TUNE_GROUPS.indexOf(r.group);
  const recommendations = [...recs.values()].sort((a, b) => order(a) - order(b)) // stable: within a group, the order of reasoning;
  return { recommendations, estimate, notes };
}

/**
 * A recommended value as the server will take it: within the catalog's min and max for this
 * version (a formula can outgrow them on a very large host: 1/4 of 64TB is more shared_buffers
 * than PostgreSQL allows). Returns the value, its text and which bound capped it, if one did.
 */
function withinRange(p: ParamInfo, value: string, version: PgMajor): { value: number | string | boolean; text: string; capped?: 'maximum' | 'minimum' } {
  const parsed = parseValue(p, value, version);
  if (parsed.ok) return { value: parsed.value, text: value };
  // The number in base units whatever the bounds (and beyond int range), to compare with them.
  const loose = parseValue({ ...p, type: 'real', min: null, max: null }, value, version);
  const n = loose.ok ? Number(loose.value) : NaN;
  const bound = p.max !== null && n > p.max ? { v: p.max, which: 'maximum' as const } : p.min !== null && n < p.min ? { v: p.min, which: 'minimum' as const } : undefined;
  if (!bound) throw new Error(`tune: internal: ${p.name} = ${value} is not valid for PostgreSQL ${version}`);
  const text = formatSetting(p, bound.v);
  const again = parseValue(p, text, version);
  if (!again.ok) throw new Error(`tune: internal: ${p.name} = ${text} (the ${bound.which}) is not valid for PostgreSQL ${version}`);
  return { value: again.value, text, capped: bound.which };
}

function contextOf(p: ParamInfo): 'restart' | 'reload' {
  return p.context === 'postmaster' ? 'restart' : 'reload';
}

