/**
 * The shapes of the guidance policy: what a parameter's judgement looks like (recommended value,
 * the band that is fine, the severity outside it, and why), and what the policy needs to make it
 * (host, workload, version, the current settings, and the simulator's memory bounds).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ParamInfo, PgMajor } from '../catalog/types.js';
import type { Host, Storage, Workload } from '../host/types.js';
import type { SettingSource } from '../resolve/reader.js';
import type { SourceId } from './sources.js';

export const AREAS = [
  'memory',
  'connections',
  'workers',
  'wal',
  'autovacuum',
  'planner',
  'observability',
  'security',
  'durability',
  'replication',
] as const;
export type Area = (typeof AREAS)[number];

/** Guidance never says `error`: that word is kept for what the server itself refuses. */
export type Severity = 'warning' | 'info';

/** A typed value in the parameter's base unit, as the resolver types it (8kB pages for shared_buffers). */
export type Value = number | string | boolean;

/**
 * How lint and tune treat a value the file chose.
 * - `capability`: more of it is more of something the server can do (wal_level, workers, WAL,
 *   the autovacuum budget). The side of `more` is never closed by the policy's taste: only a
 *   hazard closes it (an edge with `hazard: true`), or lint advises without moving it.
 * - `budget`: a share of a resource (memory, connections); both sides are judged.
 * - `switch`: a choice among values (on/off, an enum); the band is the set of fine values.
 */
export type Nature = 'capability' | 'budget' | 'switch';

/**
 * One edge of the band that is fine. A value beyond it is outside at `severity`.
 * `move`: tune sets the target and lint suggests it; `advise`: lint says why, tune keeps the value
 * (advice the file may overrule, e.g. "use a pooler" for many connections).
 */
export interface Edge {
  /** In the parameter's base unit, or the index in `scale` for an ordered enum. */
  limit: number;
  /** Whether the limit itself is fine (default true). */
  inclusive?: boolean;
  severity: Severity;
  action: 'move' | 'advise';
  /** The edge guards against harm (required on a capability's `more` side when it moves). */
  hazard?: boolean;
  why: string;
}

export type Band =
  /** Numbers (and ordered enums through their scale): fine between every low and every high edge. */
  | { kind: 'range'; low: Edge[]; high: Edge[] }
  /** Unordered choices: fine when the value is one of `fine`. */
  | { kind: 'set'; fine: string[]; severity: Severity; action: 'move' | 'advise'; why: string }
  /** A judgement on text the policy cannot order (a list of libraries): fine when `ok`. */
  | { kind: 'check'; ok: boolean; severity: Severity; action: 'move' | 'advise'; why: string };

export type Verdict =
  | { inside: true }
  | {
      inside: false;
      side: 'below' | 'above' | 'outside';
      severity: Severity;
      /** `move` when any crossed edge moves. */
      action: 'move' | 'advise';
      /** Why, from the most severe crossed edge. */
      why: string;
    };

export interface Typed {
  value: Value;
  /** Written the way PostgreSQL writes it (`4GB`, `15min`, `0.9`, `on`), without quotes. */
  text: string;
}

/** The host facts a judgement may need; without them it is skipped and says so, never guessed. */
export type HostFact = 'ramBytes' | 'cores' | 'storage';

/** What the server build offers; undefined = unknown (pgvet cannot see the build offline). */
export interface BuildFeatures {
  lz4?: boolean;
  zstd?: boolean;
}

/**
 * What the guidance needs from the simulator's memory model (issue 14, item 2). Both functions
 * take settings in the resolver's form and return total bytes (shared + private); both are linear
 * in work_mem (and close to linear in max_connections), which is all the policy relies on.
 */
export interface MemoryBounds {
  /** The busy hour: the active sessions with their p95 sort/hash nodes, every session open. */
  busyHour(settings: SettingSource): number;
  /** A pile-up: every connection runs one sort/hash at the same moment. */
  pileUp(settings: SettingSource): number;
  /** Where these numbers come from, for the output's sources. */
  describe: string;
}

export type MemoryBoundsFactory = (version: PgMajor, host: Host, workload: Workload) => MemoryBounds;

/** The current value of a setting: `Resolution['settings']` satisfies it (source set = the file chose it). */
export interface CurrentSetting {
  value: Value;
  param: ParamInfo;
  source?: unknown;
}

export interface CurrentSettings {
  get(name: string): CurrentSetting | undefined;
}

export interface GuidanceInput {
  version: PgMajor;
  host: Host;
  workload: Workload;
  /** The effective settings now (a resolved file); the server defaults when absent. */
  settings?: CurrentSettings;
  /** Extension placeholders (`timescaledb.max_background_workers`), lower-case name → value. */
  placeholders?: (name: string) => string | undefined;
  build?: BuildFeatures;
  /** The WAL volume's size, when known (`--wal-volume`): caps max_wal_size and slot retention. */
  walVolumeBytes?: number;
  /** Huge pages the kernel has reserved, when known (`--host auto` could read /proc/meminfo). */
  hugePagesReserved?: number;
  /** Parameters pinned as the file has them (tune --keep): recommended = current, the rest is judged around them. */
  pinned?: ReadonlySet<string>;
  /** The busy-hour and pile-up bounds; the simulator's (memory model v2, `simulatedBounds`) when absent. */
  bounds?: MemoryBoundsFactory;
}

/** One parameter's judgement. */
export interface Guidance {
  /** As pg_settings spells it. */
  name: string;
  area: Area;
  nature: Nature;
  /** Which direction is "more" (capabilities, and budgets that have one). */
  more?: 'up' | 'down';
  /** Ordered values of an enum judged as a range (the band's limits are indexes). */
  scale?: readonly string[];
  context: 'restart' | 'reload';
  current: Typed & {
    /** The file set it (false: the server default applies). */
    chosen: boolean;
    /** The value compared with the band: sentinels resolved (-1 → what the server uses), scale index for ordered enums. */
    effective: number | string;
  };
  /** The policy's value for this host; absent when the policy cannot choose one (then the current value stays). */
  target?: Typed;
  /** What tune writes: the current value when the file chose it and it is inside every moving edge, else the target. */
  recommended: Typed;
  /** True when `recommended` is the current value. */
  kept: boolean;
  band: Band;
  /** The band in words, with the severities outside it: "fine 4MB – 64MB; below: info; above 256MB: warning". */
  bandText: string;
  verdict: Verdict;
  reason: string;
  formula: string;
  inputs: Record<string, string | number>;
  sources: SourceId[];
  /** The settings this judgement read (for the ordering contract: guided ones come earlier). */
  reads: string[];
}

export interface Skipped {
  name: string;
  missing: HostFact[];
}

export interface GuidanceResult {
  version: PgMajor;
  workload: Workload;
  /** In policy order (the order in which one judgement may read another's recommendation). */
  params: Guidance[];
  byName: ReadonlyMap<string, Guidance>;
  /** Judgements a missing host fact prevented. */
  skipped: Skipped[];
  /** Things to do outside postgresql.conf (vm.nr_hugepages, vm.overcommit_memory …). */
  notes: string[];
}

/** What a parameter's policy reads: planned settings (recommendations so far, then the current ones). */
export interface PolicyContext {
  version: PgMajor;
  catalog: Catalog;
  workload: Workload;
  host: Host;
  ram: number;
  cores: number;
  storage: Storage;
  build: BuildFeatures;
  walVolumeBytes?: number;
  hugePagesReserved?: number;
  bounds: MemoryBounds;
  /** Planned settings in the resolver's form (for the simulator and the bounds). */
  planned: SettingSource;
  has(name: string): boolean;
  /** Planned value in the parameter's base unit. */
  num(name: string): number;
  /** Planned memory value in bytes (sentinels such as -1 unchanged). */
  bytes(name: string): number;
  /** Planned time value in milliseconds (sentinels unchanged). */
  ms(name: string): number;
  str(name: string): string;
  bool(name: string): boolean;
  /** The server default (boot value) in the base unit. */
  defaultOf(name: string): Value;
  /** Bytes → the parameter's base unit (rounded down to a whole unit). */
  fromBytes(name: string, bytes: number): number;
  /** Milliseconds → the parameter's base unit. */
  fromMs(name: string, ms: number): number;
  placeholder(name: string): string | undefined;
}

/** The judgement a policy returns; the engine adds the current value, the verdict and the recommendation. */
export interface Judgement {
  target?: Value;
  band: Band;
  reason: string;
  formula: string;
  inputs: Record<string, string | number>;
  sources: SourceId[];
  /** Outside postgresql.conf, when this judgement is acted on. */
  notes?: string[];
}

/** One parameter's policy: data about the parameter plus a pure judgement. */
export interface ParamPolicy {
  name: string;
  area: Area;
  nature: Nature;
  more?: 'up' | 'down';
  scale?: readonly string[];
  needs: readonly HostFact[];
  /** Whether it applies here, beyond the version having the parameter. */
  applies?(c: PolicyContext): boolean;
  /** The value compared with the band when it is not the raw value (a -1 resolved to what the server uses). */
  effective?(c: PolicyContext, raw: Value): number | string;
  judge(c: PolicyContext): Judgement;
}
