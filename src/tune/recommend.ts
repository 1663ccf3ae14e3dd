/**
 * `pgvet tune`'s recommendations: pure (host, workload, version, current settings, pins) →
 * values, each with the formula, its inputs and its sources. Every number comes from the guidance
 * policy (src/guidance, the one home of pgvet's judgement numbers), so a lint suggestion is always
 * what tune writes. This file only turns the policy into a tuning:
 *
 * 1. one recommender per guidance area picks the settings worth writing (what differs from the
 *    server default, what the file must change, and the core sizes a DBA always states);
 * 2. an explicit fit step checks the result against the simulator's busy hour, pile-up and typical
 *    load (memory model v2) and says what does not fit (pins can leave no room);
 * 3. with a file, the file's intent wins: a value the file chose stays unless it lies outside the
 *    policy's moving band (the guidance engine decides; tune never lowers a capability above the
 *    policy's floor), and a second run finds nothing to change.
 */
import { loadCatalog } from '../catalog/catalog.js';
import type { ParamInfo, PgMajor } from '../catalog/types.js';
import { parseValue } from '../catalog/values.js';
import { approxBytes, formatBytes, formatValue, percent } from '../format.js';
import { checkHookFor, type HookContext } from '../catalog/checks.js';
import { guide, MEMORY_LIMITS, SOURCES, type Area, type BuildFeatures, type Guidance, type GuidanceResult, type Value } from '../guidance/index.js';
import type { Host, Workload } from '../host/types.js';
import { resolveSettings, type Resolution } from '../resolve/settings.js';
import { simulate, type Estimate } from '../simulate/index.js';
import { settingReader, type SettingSource } from '../resolve/reader.js';

export type TuneGroup = 'memory' | 'connections' | 'processes' | 'wal' | 'planner' | 'observability';
export const TUNE_GROUPS: readonly TuneGroup[] = ['memory', 'connections', 'processes', 'wal', 'planner', 'observability'];

/** The tune group of each guidance area (the interactive flow asks group by group). */
const GROUP_OF: Record<Area, TuneGroup> = {
  memory: 'memory',
  connections: 'connections',
  security: 'connections',
  workers: 'processes',
  autovacuum: 'processes',
  wal: 'wal',
  replication: 'wal',
  durability: 'wal',
  planner: 'planner',
  observability: 'observability',
};

/**
 * The sizes a DBA states in every tuned file even where they equal the server default (so the
 * file says what it was sized for); everything else is written only when it differs.
 */
const ALWAYS = new Set([
  'max_connections', 'shared_buffers', 'effective_cache_size', 'maintenance_work_mem', 'work_mem', 'autovacuum_work_mem',
  'huge_pages', 'min_wal_size', 'max_wal_size', 'checkpoint_timeout', 'checkpoint_completion_target',
  'random_page_cost', 'effective_io_concurrency', 'max_worker_processes', 'max_parallel_workers',
  'max_parallel_workers_per_gather', 'autovacuum_max_workers', 'autovacuum_vacuum_cost_limit',
]);

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
  /** Why the file's own value moves (the band it left), when it does. */
  why?: string;
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
  /** What the server build offers (lz4, zstd), when known. */
  build?: BuildFeatures;
}

export interface TuneResult {
  recommendations: Recommendation[];
  /** The simulator's estimate of the recommended configuration. */
  estimate: Estimate;
  /** Things the user should know that are not one parameter's reason. */
  notes: string[];
  /** The policy behind the recommendations (lint compares files with the same bands). */
  guidance: GuidanceResult;
}

// A bad --keep name or a host that tune cannot size for: one line, exit 2 (src/errors.ts).
export { TuneError } from '../errors.js';
import { TuneError } from '../errors.js';

const MB = 1024 ** 2;

const sourceText = (g: Guidance): string => g.sources.map((id) => SOURCES[id]?.where ?? id).filter((w, i, all) => all.indexOf(w) === i).join('; ');

/** The settings the recommendations make (the file's other settings as they are). */
function plannedSettings(base: Resolution, g: GuidanceResult, catalog: ReturnType<typeof loadCatalog>): SettingSource {
  return {
    get(name) {
      const key = name.toLowerCase();
      const r = g.byName.get(key);
      if (r) return { value: r.recommended.value, param: catalog.params.get(key)! };
      return base.settings.get(key);
    },
  };
}

// ------------------------------------------------------------------ the recommenders, one per area

/** Whether tune writes this judgement: it must change, it departs from the server default, or it is a core size. */
function worthWriting(g: Guidance, defaultText: string, withFile: boolean): boolean {
  if (withFile && !g.kept) return true;
  if (ALWAYS.has(g.name.toLowerCase())) return true;
  return g.recommended.text !== defaultText;
}

/** The recommendations of one guidance area. */
function recommendArea(area: Area, g: GuidanceResult, input: TuneInput, pins: ReadonlySet<string>, catalog: ReturnType<typeof loadCatalog>): Recommendation[] {
  const out: Recommendation[] = [];
  for (const p of g.params) {
    if (p.area !== area) continue;
    const param = catalog.params.get(p.name.toLowerCase())!;
    const defaultText = formatValue(param, defaultValue(param, input.version));
    if (!worthWriting(p, defaultText, input.current !== undefined)) continue;
    const pinned = pins.has(p.name.toLowerCase());
    const checked = checkedText(param, p.recommended.value, input.version, catalog);
    out.push({
      name: p.name,
      group: GROUP_OF[area],
      value: checked.text,
      changed: true,
      kept: pinned,
      reason: pinned ? 'pinned with --keep: left as the file has it, the rest is sized around it' : p.kept && p.current.chosen ? `the file's value is inside the band (${p.bandText})` : `${p.reason}${checked.capped ? `; capped at ${checked.text}, the ${checked.capped} PostgreSQL ${input.version} accepts` : ''}`,
      ...(!pinned && !p.kept && p.current.chosen && !p.verdict.inside ? { why: p.verdict.why } : {}),
      formula: pinned ? 'kept' : p.formula,
      inputs: pinned ? {} : p.inputs,
      source: pinned ? '--keep' : sourceText(p) || 'pgvet',
      context: p.context,
    });
  }
  return out;
}

function defaultValue(param: ParamInfo, version: PgMajor): Value {
  const parsed = parseValue(param, param.default ?? '', version);
  return parsed.ok ? parsed.value : (param.default ?? '');
}

/** The recommended value as the server will take it (the policy never leaves the catalog's range; checked), or as a build with the feature takes it. */
function checkedText(param: ParamInfo, value: Value, version: PgMajor, catalog: ReturnType<typeof loadCatalog>): { text: string; capped?: 'maximum' | 'minimum' } {
  const text = formatValue(param, value);
  const parsed = parseValue(param, text, version);
  // a value only some builds accept (lz4) is written when the build was said to have it
  if (parsed.ok || catalog.buildDependent(param.name, text)) return { text };
  // a formula can outgrow the range on a very large host (1/4 of 64TB as shared_buffers)
  const n = typeof value === 'number' ? value : NaN;
  const bound = param.max !== null && n > param.max ? { v: param.max, which: 'maximum' as const } : param.min !== null && n < param.min ? { v: param.min, which: 'minimum' as const } : undefined;
  if (!bound) throw new Error(`tune: internal: ${param.name} = ${text} is not valid for PostgreSQL ${version}`);
  return { text: formatValue(param, bound.v), capped: bound.which };
}

/**
 * A limit across parameters (a check hook: MaxBackends in 13–17) may refuse what each range
 * allows: lower a recommendation to the largest value the server accepts next to the others.
 */
function fitServerLimits(recs: Recommendation[], base: Resolution, version: PgMajor, catalog: ReturnType<typeof loadCatalog>): void {
  const planned = new Map<string, number | string | boolean>();
  for (const r of recs) {
    const p = catalog.params.get(r.name.toLowerCase())!;
    const parsed = parseValue(p, r.value, version);
    if (parsed.ok) planned.set(r.name.toLowerCase(), parsed.value);
  }
  // the recommendations over the file's own settings, read the one way (src/resolve/reader.ts)
  const settings = settingReader({
    get: (name) => {
      const v = planned.get(name);
      return v !== undefined ? { value: v, param: catalog.params.get(name)! } : base.settings.get(name);
    },
  });
  const ctx: HookContext = {
    catalog,
    get: (name) => settings.get(name),
    setInFile: (name) => planned.has(name) || base.settings.get(name)?.source !== undefined,
    secondPass: true,
  };
  for (const r of recs) {
    const key = r.name.toLowerCase();
    const p = catalog.params.get(key)!;
    const hook = checkHookFor(p, version);
    const v = planned.get(key);
    if (!hook || typeof v !== 'number' || p.min === null) continue;
    const refusal = hook(v, ctx, r.value);
    if (!refusal) continue;
    let lo = p.min;
    let hi = v - 1;
    let best: number | undefined;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (hook(mid, ctx, String(mid))) hi = mid - 1;
      else {
        best = mid;
        lo = mid + 1;
      }
    }
    if (best === undefined) continue;
    planned.set(key, best);
    r.value = formatValue(p, best);
    r.reason = `${r.reason}; lowered to ${r.value}, the most PostgreSQL ${version} accepts next to the other values (${refusal.message})`;
  }
  // From 17 a final startup check also counts the slot-sync worker (18: the autovacuum worker
  // slots): max_connections + autovacuum + max_worker_processes + max_wal_senders + 2 ≤ MAX_BACKENDS
  // (262143, rule PGV012). Lower, in this order, what tune itself raised.
  if (version >= 17) {
    const num = (name: string): number => settings.num(name, 0);
    const av = version >= 18 ? 'autovacuum_worker_slots' : 'autovacuum_max_workers';
    let excess = num('max_connections') + num(av) + num('max_worker_processes') + num('max_wal_senders') + 2 - 262143;
    // (never the WAL senders: fewer than the replicas is no fix; tune then says it cannot size, exit 2)
    for (const name of ['max_connections', 'max_worker_processes']) {
      if (excess <= 0) break;
      const r = recs.find((x) => x.name.toLowerCase() === name);
      if (!r) continue;
      const floor = name === 'max_connections' ? 20 : name === 'max_worker_processes' ? 8 : 0;
      const by = Math.min(excess, Math.max(0, num(name) - floor));
      if (by <= 0) continue;
      const next = num(name) - by;
      planned.set(name, next);
      excess -= by;
      r.value = String(next);
      r.reason = `${r.reason}; lowered to ${next}: PostgreSQL ${version} starts at most 262143 backends and server processes in all (rule PGV012)`;
    }
  }
}

// ------------------------------------------------------------------ the fit step

interface Fit {
  estimate: Estimate;
  notes: string[];
  /** Settings to force and pin in a second pass of the policy (parallel workers on tiny hosts). */
  force?: Map<string, number>;
}

/**
 * The recommended configuration against the simulator's memory model v2: the busy hour within
 * 90% of the RAM, a pile-up within the RAM, a typical load leaving 20% to the page cache (rule
 * PGV108). Only the typical load can be fixed here without overruling the policy (fewer parallel
 * workers: a tiny host with many cores starts one per core); the bounds are the policy's own
 * targets, so they fail only when pins leave no room, and then the notes say so.
 */
function fit(input: TuneInput, g: GuidanceResult, settings: SettingSource, pins: ReadonlySet<string>, forced: ReadonlyMap<string, number>): Fit {
  const ram = input.host.ramBytes!;
  const estimate = simulate({ settings, version: input.version, host: { ...input.host, workload: input.workload }, workload: input.workload });
  const m = estimate.memory;
  const notes: string[] = [];
  const mpw = g.byName.get('max_parallel_workers');
  if (m.typical.bytes > ram * (1 - MEMORY_LIMITS.osCache) && mpw && !pins.has('max_parallel_workers') && Number(mpw.recommended.value) > 0) {
    return { estimate, notes, force: new Map([...forced, ['max_parallel_workers', Math.floor(Number(mpw.recommended.value) / 2)]]) };
  }
  const ramText = `${formatBytes(ram)} ${input.host.containerLimited ? 'container limit' : 'RAM'}`;
  const pinText = pins.size ? ' (pinned values leave no room)' : '';
  if (m.busyHour.bytes > ram * MEMORY_LIMITS.busyWarning) notes.push(`even with these values the busy hour (${approxBytes(m.busyHour.bytes)}, ${percent(m.busyHour.bytes, ram)}) passes ${MEMORY_LIMITS.busyWarning * 100}% of ${ramText}${pinText}`);
  if (m.pileUp.bytes > ram * MEMORY_LIMITS.pileUpWarning) notes.push(`a pile-up (every connection sorting at once) needs ${approxBytes(m.pileUp.bytes)} (${percent(m.pileUp.bytes, ram)} of ${ramText})${pinText}: put a pooler in front`);
  if (forced.size) notes.push(`to leave ${MEMORY_LIMITS.osCache * 100}% of ${ramText} to the OS page cache in a typical load, lowered: ${[...forced.keys()].join(', ')}`);
  return { estimate, notes };
}

// ------------------------------------------------------------------ tune

export function recommend(input: TuneInput): TuneResult {
  const { version, host, workload } = input;
  const catalog = loadCatalog(version);
  const ram = host.ramBytes;
  const cores = host.cores;
  if (ram === undefined || cores === undefined) throw new TuneError('tune needs the host: --ram and --cores (or --host FILE / --host auto)');
  if (ram < 256 * MB) throw new TuneError(`tune needs at least 256MB of RAM to size anything (got ${formatBytes(ram)})`);
  const base = input.current ?? resolveSettings([], catalog);
  const keep = new Set<string>();
  for (const k of input.keep ?? []) {
    const p = catalog.lookup(k.trim());
    if (!p) throw new TuneError(`--keep: PostgreSQL ${version} has no parameter "${k.trim()}"`);
    keep.add(p.name.toLowerCase());
  }

  // The policy, then the fit; a forced value (fewer parallel workers) is pinned for a second pass.
  let forced = new Map<string, number>();
  let g: GuidanceResult;
  let fitted: Fit;
  for (let pass = 0; ; pass++) {
    const pins = new Set([...keep, ...forced.keys()]);
    const settings = forced.size ? withForced(base, forced, catalog) : base.settings;
    g = guide({
      version, host, workload, settings,
      placeholders: (name) => base.placeholders.get(name)?.value,
      pinned: pins,
      ...(input.build ? { build: input.build } : {}),
    });
    fitted = fit(input, g, plannedSettings(forced.size ? { ...base, settings: settings as Resolution['settings'] } : base, g, catalog), keep, forced);
    if (!fitted.force || pass >= 8) break;
    forced = fitted.force;
  }

  const recs: Recommendation[] = [];
  for (const area of ['connections', 'security', 'workers', 'autovacuum', 'memory', 'wal', 'replication', 'durability', 'planner', 'observability'] as const) {
    for (const r of recommendArea(area, g, input, keep, catalog)) {
      if (forced.has(r.name.toLowerCase())) {
        r.kept = false;
        r.reason = `lowered so that a typical load leaves ${MEMORY_LIMITS.osCache * 100}% of the RAM to the OS page cache`;
        r.formula = 'cores, halved until a typical load leaves 20% of the RAM free';
        r.source = "rule PGV108; the simulator's typical load (src/simulate)";
      }
      recs.push(r);
    }
  }

  const before = new Map(recs.map((r) => [r.name.toLowerCase(), r.value]));
  fitServerLimits(recs.filter((r) => !r.kept), base, version, catalog);
  // capped at the catalog's range or lowered to a cross-parameter limit: no longer the file's value
  const adjusted = new Set(recs.filter((r) => r.value !== before.get(r.name.toLowerCase()) || / capped at /.test(r.reason)).map((r) => r.name.toLowerCase()));

  // Current values, pins and what changes.
  for (const r of recs) {
    const key = r.name.toLowerCase();
    const now = base.settings.get(key);
    if (r.kept) r.value = now?.source ? now.source.entry.value : formatValue(catalog.params.get(key)!, now?.value ?? '');
    if (input.current) {
      // A last line the server refuses (out of range, or over a cross-parameter limit) leaves the
      // default in force, but the file must still change: that line stops the server.
      const last = now?.lines[now.lines.length - 1];
      const refused = last !== undefined && last !== now?.source;
      r.current = refused ? last.entry.value : now?.source ? now.source.entry.value : now ? formatValue(now.param, now.value) : '';
      r.currentFrom = now?.source || refused ? 'file' : 'default';
      const guided = g.byName.get(key)!;
      r.changed = !r.kept && (!guided.kept || refused || adjusted.has(key));
    } else {
      r.changed = !r.kept;
    }
  }
  const order = (r: Recommendation): number => TUNE_GROUPS.indexOf(r.group);
  const recommendations = [...recs].sort((a, b) => order(a) - order(b)); // stable: within a group, the order of reasoning
  const notes = [...fitted.notes, ...g.notes];
  const storageSkipped = g.skipped.filter((s) => s.missing.includes('storage')).map((s) => s.name);
  if (storageSkipped.length) notes.push(`no --storage given: ${storageSkipped.join(', ')} not tuned`);
  return { recommendations, estimate: fitted.estimate, notes, guidance: g };
}

/** The file's settings with some values forced (as if the file chose them). */
function withForced(base: Resolution, forced: ReadonlyMap<string, number>, catalog: ReturnType<typeof loadCatalog>): { get(name: string): ReturnType<Resolution['settings']['get']> } {
  return {
    get(name) {
      const key = name.toLowerCase();
      const v = forced.get(key);
      const now = base.settings.get(key);
      if (v === undefined || !now) return now;
      return { ...now, value: v, param: catalog.params.get(key)!, source: now.source ?? ({ forced: true } as unknown as typeof now.source) };
    },
  };
}
