/** The data that flows between rules, the engine and the reporters. */
import type { Catalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import type { LoadedConfig, SourceFile } from '../resolve/load.js';
import type { Resolution } from '../resolve/settings.js';
import type { SettingReader } from '../resolve/reader.js';
import type { Estimate } from '../simulate/index.js';
import type { HbaFile } from '../parse/hba.js';
import type { Host } from '../host/types.js';

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
  /** A value to propose: { parameter, value }, or as text "wal_keep_size = 512MB" (the engine reads it into the object). */
  suggestion?: string | Suggestion;
  /** A help line: what to do. */
  help?: string;
  /** Below the rule's default: a guidance verdict's own severity (info or warning); a .pgvetrc level still wins. */
  severity?: 'warning' | 'info';
}

/** Host fields a rule can need, with the flag that provides each. */
export const HOST_FIELD_FLAGS = {
  ramBytes: '--ram',
  cores: '--cores',
  storage: '--storage',
  workload: '--workload',
  connections: '--connections',
  replicas: '--replicas',
  walVolumeBytes: '--wal-volume',
  filesystem: '--filesystem',
  overcommitMemory: '--host auto',
  transparentHugePages: '--host auto',
  hba: '--hba',
} as const;
export type HostField = keyof typeof HOST_FIELD_FLAGS;

export type { HbaFile } from '../parse/hba.js';

export interface RuleContext {
  version: PgMajor;
  catalog: Catalog;
  config: LoadedConfig;
  resolution: Resolution;
  /**
   * The effective values, read the one way (src/resolve/reader.ts): `get` (typed, undefined when
   * the version lacks the parameter), `has`, and `num`/`bytes`/`ms`/`bool`/`str` with a fallback
   * for a parameter not every version of the rule has.
   */
  settings: SettingReader;
  /** Options from .pgvetrc.json for the rule being run. */
  options?: Record<string, unknown>;
  /** The server host as far as it is known (src/host/types.ts): rules never guess a missing field. */
  host: Host;
  /** pg_hba.conf given with --hba. */
  hba?: HbaFile;
  /** Today's date (YYYY-MM-DD, UTC): SOURCE_DATE_EPOCH or the clock (lifecycle rules). */
  today: string;
  /** The live server's server_version, when pgvet is connected to one (`plan`). */
  serverVersion?: string;
  /** The simulator's estimate for these settings on this host (computed on first use). */
  estimate(): Estimate;
}

export interface Rule<M extends string = string> {
  meta: RuleMeta<M>;
  /** The findings: an array, or a generator for rules that can find a great many (read once, in order). */
  check(ctx: RuleContext): Iterable<RuleFinding<M>>;
}

/** A value to propose for a parameter, as `tune` would set it (value in the configuration file's syntax). */
export interface Suggestion {
  parameter: string;
  value: string;
}

/** A rendered finding: the shape of the JSON output. */
export interface Finding {
  ruleId: string;
  name: string;
  severity: Severity;
  message: string;
  file: string;
  /** 0 (with column 0) when the finding is about the file as a whole, e.g. a default value. */
  line: number;
  column: number;
  /** The rule's message id and the values its words were rendered from (absent on findings from older baselines). */
  messageId?: string;
  data?: Record<string, string | number>;
  parameter?: string;
  /** Structured where the rule proposes a parameter's value; text (older baselines, platform checks) otherwise. */
  suggestion?: Suggestion | string;
  help?: string;
}

/** Define a rule with its message ids checked by the compiler. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
