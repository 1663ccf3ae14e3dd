/** The data that flows between rules, the engine and the reporters. */
import type { Catalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import type { LoadedConfig, SourceFile } from '../resolve/load.js';
import type { Resolution } from '../resolve/settings.js';
import type { Suppression } from './suppress.js';
import type { Estimate } from '../simulate/index.js';
import type { HbaFile } from '../parse/hba.js';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export interface RuleMeta<M extends string = string> {
  /** Stable code: PGV + 3 digits. */
  id: string;
  /** Stable kebab-case name. */
  name: string;
  /** One sentence. */
  description: string;
  defaultSeverity: Severity;
  /** Major versions the rule applies to (inclusive); all when absent. */
  versions?: { from?: PgMajor; to?: PgMajor };
  /** Parameters the rule reads (for docs and `explain`). */
  parameters?: string[];
  /**
   * Validates the rule's options from .pgvetrc.json: null when fine, else the problem as a
   * JSON-path suffix and message (e.g. ".threshold: must be a number"). Absent: no options.
   */
  options?: (value: Record<string, unknown>) => string | null;
  /** Host facts the rule needs; without them the engine skips it and says which flag would help. */
  needs?: HostField[];
  /** 'suppressions': runs after suppression comments were applied (tool meta rules, 9xx). */
  phase?: 'suppressions';
  /** Message templates: findings carry a message id and values, words are rendered once. */
  messages: Record<M, (data: Record<string, string | number>) => string>;
}

/** The file a finding points at: a configuration file, or a pg_hba.conf (or a file it includes). */
export type FindingFile = Pick<SourceFile, 'displayPath'>;

/** What a rule returns: data, not words. */
export interface RuleFinding<M extends string = string> {
  messageId: M;
  data: Record<string, string | number>;
  file: FindingFile;
  /** 1-based; 0 when the finding is about the file as a whole (e.g. a default value). */
  line: number;
  column: number;
  parameter?: string;
  /** A value to propose, e.g. "wal_keep_size = 512MB". */
  suggestion?: string;
  /** A help line: what to do. */
  help?: string;
  /** Below the rule's default: a guidance verdict's own severity (info or warning); a .pgvetrc level still wins. */
  severity?: 'warning' | 'info';
}

/** What pgvet knows of the server host (see src/host). Rules never guess a missing field. */
export interface HostFacts {
  ramBytes?: number;
  cores?: number;
  storage?: 'ssd' | 'nvme' | 'hdd' | 'san';
  workload?: 'web' | 'oltp' | 'dw' | 'mixed' | 'desktop';
  /** Expected concurrently active clients. */
  connections?: number;
  /** Streaming replicas this server feeds. */
  replicas?: number;
  /** True when RAM/cores are a container's (cgroup) limits. */
  containerLimited?: boolean;
  /** The most processes the server's user may run (--host auto: RLIMIT_NPROC, cgroup pids.max). */
  processLimit?: number;
}

/** Host fields a rule can need, with the flag that provides each. */
export const HOST_FIELD_FLAGS = {
  ramBytes: '--ram',
  cores: '--cores',
  storage: '--storage',
  workload: '--workload',
  connections: '--connections',
  replicas: '--replicas',
  hba: '--hba',
} as const;
export type HostField = keyof typeof HOST_FIELD_FLAGS;

export type { HbaFile } from '../parse/hba.js';

export interface RuleContext {
  version: PgMajor;
  catalog: Catalog;
  config: LoadedConfig;
  resolution: Resolution;
  /** For rules of the 'suppressions' phase: every suppression comment and what it silenced. */
  suppressions?: readonly Suppression[];
  /** Options from .pgvetrc.json for the rule being run. */
  options?: Record<string, unknown>;
  host: HostFacts;
  /** pg_hba.conf given with --hba. */
  hba?: HbaFile;
  /** Today's date (YYYY-MM-DD, UTC): SOURCE_DATE_EPOCH or the clock (lifecycle rules). */
  today: string;
  /** The live server's server_version, when pgvet is connected to one (`plan`). */
  serverVersion?: string;
  /** The simulator's estimate for these settings on this host (computed on first use). */
  estimate(): Estimate;
  /** For tool meta rules: the rules skipped for want of host facts. */
  skippedForHost?: ReadonlyArray<{ ruleId: string; missing: HostField[] }>;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  /** The findings: an array, or a generator for rules that can find a great many (read once, in order). */
  check(ctx: RuleContext): Iterable<RuleFinding<M>>;
}

/** A rendered finding: the shape of the JSON output. */
export interface Finding {
  ruleId: string;
  name: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  parameter?: string;
  suggestion?: string;
  help?: string;
}

/** Define a rule with its message ids checked by the compiler. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
