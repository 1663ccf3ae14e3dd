/**
 * The library API: `import { lint, simulate, tune, plan } from 'pgvet'` (or `require('pgvet')`).
 *
 * Each function runs the pipeline its command runs (the same loading, resolving, rules, simulator
 * and recommendations) and returns the result as data: it never prints and never exits. Mistakes
 * in the options or the inputs are thrown as the typed errors exported here; problems inside a
 * configuration are findings. The functions are asynchronous (plan has to be; the others are so
 * that their signatures need not change when the pipeline grows).
 */
import path from 'node:path';
import { RULES } from '../rules/index.js';
import type { PgMajor } from './catalog/types.js';
import { pickVersion, UsageError, type VersionSource } from './cli/common.js';
import { applyBaseline, loadBaseline } from './engine/baseline.js';
import { EMPTY_CONFIG, findConfig, loadConfigFile, type PgvetConfig } from './engine/config.js';
import { analyze, refusalRules } from './analyze.js';
import { sortFindings } from './engine/lint.js';
import type { SkippedRule } from './engine/lint.js';
import type { Finding, Severity } from './engine/types.js';
import { hostAuto } from './host/auto.js';
import { hostFromFile, hostFromFlags, mergeHost } from './host/host.js';
import { HostError, type Host, type Storage, type Workload } from './host/types.js';
import { DEFAULT_WORKLOAD } from './host/workloads.js';
import { readHba } from './parse/hba.js';
import { compactNote, renderCompact } from './report/compact.js';
import { githubNote, renderGithub } from './report/github.js';
import { renderJson, type LintReport } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import type { PlanReport } from './report/plan.js';
import { renderSarif } from './report/sarif.js';
import { summarize, type Summary } from './report/summary.js';
import { renderText } from './report/text.js';
import { InputError } from './resolve/load.js';
import { simulate as simulateSettings, type Estimate, type Role } from './simulate/index.js';
import { recommend, TuneError, type Recommendation } from './tune/recommend.js';
import { VERSION } from './cli/version.js';

export { HostError, InputError, TuneError, UsageError, VERSION as version };
export type { Estimate, Finding, Host, Recommendation, Role, Severity, Storage, Summary, VersionSource, Workload };
export type { Plan, PlannedChange, Override, HotStandbyProblem, ChangeGroup } from './plan/plan.js';

/** A configuration file: its path, or its path and its content (nothing is read for the main file then; includes still are, relative to it). */
export type Source = string | { path: string; content: string | Uint8Array };

/** The host the configuration runs on, as `--host`/`--ram`/`--cores`/… describe it on the command line. */
export interface HostOptions {
  /** `'auto'`: this machine and its container limits; or a host description file (JSON, src/host/host.schema.json). The other fields override it. */
  from?: 'auto' | string;
  /** Memory: `'16GB'`, `'16Gi'`, `'512MB'`, or bytes. */
  ram?: string | number;
  /** CPUs: `8`, `2.5`, `'1500m'`. */
  cores?: string | number;
  storage?: Storage;
  workload?: Workload;
  /** Expected concurrently active clients. */
  connections?: number;
  /** Streaming replicas this server feeds. */
  replicas?: number;
}

interface CommonOptions {
  /** The major version, 13–18. Default: the `.pgvetrc.json`'s `pgVersion`, else the newest. */
  pgVersion?: number;
  /** The host; `'auto'` is `{ from: 'auto' }`. Without it, the rules that need host facts are skipped (and the summary's note says which). */
  host?: HostOptions | 'auto';
  /** The `.pgvetrc.json` to use; `false` for none. Default: the nearest one above the (first) file. */
  config?: string | false;
}

export interface LintOptions extends CommonOptions {
  /** A pg_hba.conf for the security rules. */
  hba?: string;
  /** Report only the findings not recorded in this baseline file. */
  baseline?: string;
}

/** What `pgvet lint --format json` prints (src/report/schemas/lint.schema.json), as data. */
export interface LintResult {
  pgVersion: number;
  pgVersionSource: VersionSource;
  /** Every file read: the ones given and the ones they include. */
  files: string[];
  /** Sorted as the CLI prints them. */
  findings: Finding[];
  summary: Summary;
  /** Files that could not be read at all (the others are still linted). */
  errors: Array<{ file: string; message: string }>;
}

export interface SimulateOptions extends CommonOptions {
  /** Run the configuration as a primary (default) or a standby. */
  role?: Role;
}

export interface SimulateResult {
  file: string;
  pgVersion: number;
  pgVersionSource: VersionSource;
  host: Host | null;
  workload: Workload;
  workloadSource: string;
  role: Role;
  /** The errors PostgreSQL would refuse the file for; the estimate shows what it would have had. */
  refusals: Array<{ ruleId: string; message: string; file: string; line: number }>;
  estimate: Estimate;
}

export interface TuneOptions extends Omit<CommonOptions, 'host'> {
  /** Required: at least `ram` and `cores` (or `from`). */
  host: HostOptions | 'auto';
  /** Parameters to leave as the file has them (added to the `.pgvetrc.json`'s `tune.keep`). */
  keep?: string[];
}

export interface TuneReport {
  pgVersion: number;
  pgVersionSource: VersionSource;
  /** The tuned file, or null when tuning for a host alone. */
  file: string | null;
  host: Host;
  workload: Workload;
  workloadSource: string;
  recommendations: Recommendation[];
  /** The simulator's estimate for the recommended configuration. */
  estimate: Estimate;
  notes: string[];
}

export interface PlanOptions {
  /** The server: a postgres:// URI, `"host=… port=… dbname=…"`, `service=NAME`, or nothing for the PG* environment. */
  db?: string;
  /** For a standby: its primary, to check the hot-standby minimums. */
  primary?: string;
}

export type PlanResult = PlanReport;

/** The formats of `pgvet lint --format`. */
export type LintFormat = 'text' | 'json' | 'sarif' | 'github' | 'compact' | 'markdown';

function sourcePath(source: Source): string {
  return typeof source === 'string' ? source : source.path;
}

function sourceBytes(source: Source): Uint8Array | undefined {
  if (typeof source === 'string') return undefined;
  return typeof source.content === 'string' ? new TextEncoder().encode(source.content) : source.content;
}

function readRc(config: string | false | undefined, near: string | undefined): PgvetConfig {
  if (config === false) return EMPTY_CONFIG;
  const file = config ?? findConfig(near ?? path.join(process.cwd(), 'postgresql.conf'));
  return file ? loadConfigFile(file, RULES) : EMPTY_CONFIG;
}

/** The Host, as hostFromArgs builds it for the command line; undefined when nothing was said. */
function hostOf(options: HostOptions | 'auto' | undefined, rc?: PgvetConfig): Host | undefined {
  const h: HostOptions = options === 'auto' ? { from: 'auto' } : { ...(options ?? {}) };
  // lint only: the .pgvetrc.json's host and workload, where the options say nothing
  if (rc && h.from === undefined && rc.host !== undefined) h.from = rc.host;
  if (rc && h.workload === undefined && rc.workload !== undefined) h.workload = rc.workload as Workload;
  const flags = hostFromFlags({
    ...(h.ram !== undefined ? { ram: h.ram } : {}),
    ...(h.cores !== undefined ? { cores: h.cores } : {}),
    ...(h.storage !== undefined ? { storage: h.storage } : {}),
    ...(h.workload !== undefined ? { workload: h.workload } : {}),
    ...(h.connections !== undefined ? { connections: h.connections } : {}),
    ...(h.replicas !== undefined ? { replicas: h.replicas } : {}),
  });
  const given = Object.keys(flags).some((k) => k !== 'source');
  if (h.from === undefined) return given ? flags : undefined;
  return mergeHost(h.from === 'auto' ? hostAuto() : hostFromFile(h.from), flags);
}

/**
 * Lint configuration files: will PostgreSQL accept them, and is that wise on this host?
 * Throws UsageError (options), InputError (.pgvetrc.json, host file, hba, baseline) or HostError;
 * a file that cannot be read is listed in `errors` and the others are still linted.
 */
export async function lint(files: Source | Source[], options: LintOptions = {}): Promise<LintResult> {
  const sources = Array.isArray(files) ? files : [files];
  const rc = readRc(options.config, sources[0] === undefined ? undefined : sourcePath(sources[0]));
  const { version, source } = pickVersion(options.pgVersion, rc.pgVersion);
  const host = hostOf(options.host, rc);
  const hba = options.hba ? readHba(options.hba) : undefined;
  const baseline = options.baseline ? loadBaseline(options.baseline) : null;
  let findings: Finding[] = [];
  const skipped: SkippedRule[] = [];
  const errors: LintResult['errors'] = [];
  const read: string[] = [];
  for (const s of sources) {
    const file = sourcePath(s);
    const mainBytes = sourceBytes(s);
    if (!mainBytes && rc.ignores(file)) continue;
    try {
      const result = analyze(file, { version, rules: RULES, ruleSettings: rc.rules, ...(host ? { host } : {}), ...(hba ? { hba } : {}), ...(mainBytes ? { mainBytes } : {}) });
      for (const f of result.config.files) if (!read.includes(f.displayPath)) read.push(f.displayPath);
      for (const f of result.findings) findings.push(f);
      skipped.push(...result.skipped);
    } catch (err) {
      if (err instanceof InputError) errors.push({ file: err.file, message: err.message });
      else throw err;
    }
  }
  if (baseline) findings = applyBaseline(findings, baseline);
  sortFindings(findings);
  return { pgVersion: version, pgVersionSource: source, files: read, findings, summary: summarize(findings, read.length, skipped), errors };
}

/** Render a lint result as `pgvet lint --format FORMAT` prints it (text without colour unless asked). */
export function formatLint(result: LintResult, format: LintFormat, options: { color?: boolean } = {}): string {
  const report: LintReport = { ...result, errors: result.errors ?? [] };
  switch (format) {
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report, RULES, VERSION);
    case 'github': return renderGithub(report) + githubNote(report);
    case 'compact': return renderCompact(report) + compactNote(report);
    case 'markdown': return renderMarkdown(report);
    case 'text': return renderText({ ...report, errors: [] }, { color: options.color === true });
    default: throw new UsageError(`format must be one of text, json, sarif, github, compact, markdown (got "${String(format)}")`);
  }
}

/** The processes and memory a configuration gives on a host under a workload. Throws UsageError, InputError or HostError. */
export async function simulate(file: Source, options: SimulateOptions = {}): Promise<SimulateResult> {
  const name = sourcePath(file);
  const { version, source } = pickVersion(options.pgVersion, options.pgVersion === undefined ? readRc(options.config, name).pgVersion : undefined);
  const host = hostOf(options.host);
  const mainBytes = sourceBytes(file);
  // the refusals only: simulate needs the server's verdict and the settings, not every rule
  const result = analyze(name, { version, rules: refusalRules(RULES), ...(mainBytes ? { mainBytes } : {}) });
  const refusals = result.findings.filter((f) => f.severity === 'error').map((f) => ({ ruleId: f.ruleId, message: f.message, file: f.file, line: f.line }));
  const role = options.role ?? 'primary';
  if (role !== 'primary' && role !== 'standby') throw new UsageError(`role must be primary or standby (got "${String(role)}")`);
  const estimate = simulateSettings({ settings: result.resolution.settings, version, ...(host ? { host } : {}), role });
  const workloadSource = host?.workload ? `host ${host.source}` : 'default (no workload given)';
  return { file: result.config.main.displayPath, pgVersion: version, pgVersionSource: source, host: host ?? null, workload: estimate.workload, workloadSource, role, refusals, estimate };
}

/**
 * Recommended settings for a host and workload, each with its reason, formula, inputs and source;
 * given a file, against its current values. Throws UsageError, InputError, HostError or TuneError.
 */
export async function tune(options: TuneOptions): Promise<TuneReport>;
export async function tune(file: Source, options: TuneOptions): Promise<TuneReport>;
export async function tune(a: Source | TuneOptions, b?: TuneOptions): Promise<TuneReport> {
  const file = b === undefined ? undefined : (a as Source);
  const options = b ?? (a as TuneOptions);
  const name = file === undefined ? undefined : sourcePath(file);
  const rc = readRc(options.config, name);
  const { version, source } = pickVersion(options.pgVersion, options.pgVersion === undefined ? rc.pgVersion : undefined);
  const host = hostOf(options.host);
  if (!host || host.ramBytes === undefined || host.cores === undefined) throw new UsageError('tune needs the host: ram and cores (or from: a host file or "auto")');
  const workload = host.workload ?? DEFAULT_WORKLOAD;
  const workloadSource = host.workload ? `host ${host.source}` : 'default: no workload given';
  let current;
  let displayPath: string | null = null;
  if (file !== undefined && name !== undefined) {
    const mainBytes = sourceBytes(file);
    // read and resolve only: tune's own refusal check runs on what it recommends
    const analysis = analyze(name, { version: version as PgMajor, rules: [], ...(mainBytes ? { mainBytes } : {}) });
    current = analysis.resolution;
    displayPath = analysis.config.main.displayPath;
  }
  const keep = [...new Set([...(rc.tuneKeep ?? []), ...(options.keep ?? [])])];
  const result = recommend({ version, host, workload, ...(current ? { current } : {}), keep });
  return { pgVersion: version, pgVersionSource: source, file: displayPath, host, workload, workloadSource, recommendations: result.recommendations, estimate: result.estimate, notes: result.notes };
}

/**
 * What deploying this file to a live server does: restart, reload and session changes, overrides,
 * hot-standby minimums, and the lint findings for the server's exact version. Throws InputError
 * (unreachable server, unreadable file) with the password never in the message.
 */
export async function plan(file: string, options: PlanOptions = {}): Promise<PlanResult> {
  // the live-server code (and the pg driver) is initialised only here
  const { planReport } = await import('./cli/plan.js');
  return planReport(file, options.db, options.primary);
}
