/** The rule runner: load → resolve → rules → rendered, sorted findings. */
import { loadCatalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { InputError, loadConfig, type FileReader, type LoadedConfig } from '../resolve/load.js';
import { today as clockToday } from '../catalog/lifecycle.js';
import { resolveSettings, type Resolution } from '../resolve/settings.js';
import { RULES } from '../../rules/index.js';
import type { Finding, HbaFile, HostFacts, HostField, Rule, RuleContext, Severity } from './types.js';
import type { RuleSetting } from './config.js';
import { applySuppressions, findSuppressions } from './suppress.js';
import { simulate, type Estimate } from '../simulate/index.js';
import { intern } from '../parse/text.js';

export interface LintOptions {
  version: PgMajor;
  /** The server host, as far as it is known (flags, --host file, --host auto). */
  host?: HostFacts;
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
  /** Bytes of the main file (stdin). */
  mainBytes?: Uint8Array;
  rules?: readonly Rule[];
}

export interface FileLint {
  config: LoadedConfig;
  resolution: Resolution;
  findings: Finding[];
}

export function ruleApplies(rule: Rule, version: PgMajor): boolean {
  const v = rule.meta.versions;
  return !v || ((v.from === undefined || version >= v.from) && (v.to === undefined || version <= v.to));
}

export function lintFile(path: string, options: LintOptions): FileLint {
  const catalog = loadCatalog(options.version);
  const config = loadConfig(path, { version: options.version, ...(options.reader ? { reader: options.reader } : {}), ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.mainBytes ? { mainBytes: options.mainBytes } : {}) });
  const resolution = resolveSettings(config.items, catalog);
  const host = options.host ?? {};
  const date = options.today ?? clockToday();
  if (typeof date !== 'string') throw new InputError('SOURCE_DATE_EPOCH', date.error);
  let estimate: Estimate | undefined;
  const ctx: RuleContext = {
    version: options.version,
    catalog,
    config,
    resolution,
    host,
    ...(options.hba ? { hba: options.hba } : {}),
    today: date,
    ...(options.serverVersion ? { serverVersion: options.serverVersion } : {}),
    estimate: () => (estimate ??= simulate({ settings: resolution.settings, version: options.version, host: { ...host, source: 'flags' } })),
  };
  const enabled = (options.rules ?? RULES).filter((r) => ruleApplies(r, options.version) && options.ruleSettings?.get(r.meta.id)?.level !== 'off');
  // Rules that need host facts nobody gave are skipped (and PGV900 says which flags would run them).
  const skippedForHost: Array<{ ruleId: string; missing: HostField[] }> = [];
  const rules = enabled.filter((r) => {
    const missing = (r.meta.needs ?? []).filter((f) => (f === 'hba' ? !options.hba : host[f] === undefined));
    if (missing.length) skippedForHost.push({ ruleId: r.meta.id, missing });
    return missing.length === 0;
  });
  const run = (rule: Rule, context: RuleContext, into: Finding[]): void => {
    const setting = options.ruleSettings?.get(rule.meta.id);
    const ruleCtx = setting?.options ? { ...context, options: setting.options } : context;
    const severity = (setting?.level ?? rule.meta.defaultSeverity) as Severity;
    for (const f of rule.check(ruleCtx)) {
      const render = rule.meta.messages[f.messageId];
      into.push({
        ruleId: rule.meta.id,
        name: rule.meta.name,
        severity: setting?.level ? severity : (f.severity ?? severity),
        // a million duplicate lines give a million findings with the same words: keep them once
        message: intern(render ? render(f.data) : f.messageId, 512),
        file: f.file.displayPath,
        line: f.line,
        column: f.column,
        ...(f.parameter ? { parameter: f.parameter } : {}),
        ...(f.suggestion ? { suggestion: f.suggestion } : {}),
        ...(f.help ? { help: f.help } : {}),
      });
    }
  };
  let findings: Finding[] = [];
  for (const rule of rules) if (rule.meta.phase === undefined) run(rule, ctx, findings);
  const suppressions = findSuppressions(config.files, options.rules ?? RULES);
  findings = applySuppressions(findings, suppressions);
  for (const rule of rules) if (rule.meta.phase === 'suppressions') run(rule, { ...ctx, suppressions, skippedForHost }, findings);
  return { config, resolution, findings: sortFindings(findings) };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
