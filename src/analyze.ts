/**
 * The pipeline every command and the library share: read → parse (with includes) → resolve →
 * rules (the simulator runs lazily, on a rule's first ctx.estimate()) → findings. lint, simulate,
 * tune, plan, the carriers and src/index.ts all come through here; the rules are passed in (the
 * engine knows no list of its own).
 */
import { loadCatalog } from './catalog/catalog.js';
import type { PgMajor } from './catalog/types.js';
import { today as clockToday } from './catalog/lifecycle.js';
import { InputError, loadConfig, type FileReader, type LoadedConfig } from './resolve/load.js';
import { resolveSettings, type Resolution } from './resolve/settings.js';
import { runRules, type SkippedRule } from './engine/lint.js';
import type { RuleSetting } from './engine/config.js';
import type { Finding, HbaFile, Rule } from './engine/types.js';
import type { Host } from './host/types.js';
import { simulate, type Estimate } from './simulate/index.js';

export interface AnalyzeOptions {
  version: PgMajor;
  /** The rules to run (rules/index.ts RULES for everything; a subset, e.g. the refusals only). */
  rules: readonly Rule[];
  /** The server host, as far as it is known (flags, --host file, --host auto). */
  host?: Partial<Host>;
  /** pg_hba.conf, when given with --hba. */
  hba?: HbaFile;
  /** Today (YYYY-MM-DD); default SOURCE_DATE_EPOCH, else the clock. */
  today?: string;
  /** server_version of the live server (`plan`). */
  serverVersion?: string;
  /** Severities and options by rule id, from .pgvetrc.json. */
  ruleSettings?: ReadonlyMap<string, RuleSetting>;
  reader?: FileReader;
  cwd?: string;
  /** Bytes of the main file (stdin, a carrier's rendered configuration). */
  mainBytes?: Uint8Array;
}

export interface Analysis {
  config: LoadedConfig;
  resolution: Resolution;
  /** Sorted: error → warning → info, then file and position. */
  findings: Finding[];
  /** Rules skipped for want of host facts (rendered once per run as the summary's note). */
  skipped: SkippedRule[];
  /** The simulator's estimate for these settings on this host (computed once, when first asked). */
  estimate(): Estimate;
}

/** Read, resolve and check one configuration file. Throws InputError for a file that cannot be read. */
export function analyze(path: string, options: AnalyzeOptions): Analysis {
  const catalog = loadCatalog(options.version);
  const config = loadConfig(path, { version: options.version, ...(options.reader ? { reader: options.reader } : {}), ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.mainBytes ? { mainBytes: options.mainBytes } : {}) });
  const resolution = resolveSettings(config.items, catalog);
  // a host given without its source (library callers, tests) is taken as given by flags
  const host: Host = { source: 'flags', ...(options.host ?? {}) };
  const date = options.today ?? clockToday();
  if (typeof date !== 'string') throw new InputError('SOURCE_DATE_EPOCH', date.error);
  let estimate: Estimate | undefined;
  // the host keeps its own source (flags, file, auto): the estimate's assumptions say where it came from
  const estimateOf = (): Estimate => (estimate ??= simulate({ settings: resolution.settings, version: options.version, host }));
  const run = runRules({
    version: options.version,
    catalog,
    config,
    resolution,
    host,
    ...(options.hba ? { hba: options.hba } : {}),
    today: date,
    ...(options.serverVersion ? { serverVersion: options.serverVersion } : {}),
    estimate: estimateOf,
    rules: options.rules,
    ...(options.ruleSettings ? { ruleSettings: options.ruleSettings } : {}),
  });
  return { config, resolution, findings: run.findings, skipped: run.skipped, estimate: estimateOf };
}

/** The rules whose findings are refusals (error by default): what simulate and tune need, not every rule. */
export function refusalRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.meta.defaultSeverity === 'error');
}
