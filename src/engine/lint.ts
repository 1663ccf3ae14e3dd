/**
 * The rule runner: the rules it is given, on a resolved configuration → findings, with the
 * suppression comments applied and the unused ones reported (PGV901). It knows no rule list of
 * its own (the callers pass rules/index.ts RULES) and loads nothing: src/analyze.ts does that.
 */
import type { Host } from '../host/types.js';
import type { PgMajor } from '../catalog/types.js';
import type { Catalog } from '../catalog/catalog.js';
import type { LoadedConfig } from '../resolve/load.js';
import type { Resolution } from '../resolve/settings.js';
import { settingReader } from '../resolve/reader.js';
import type { Finding, HbaFile, HostField, Rule, RuleContext, RuleFinding, Severity, Suggestion } from './types.js';
import type { RuleSetting } from './config.js';
import { applySuppressions, findSuppressions, unusedSuppressions, UNUSED_SUPPRESSION } from './suppress.js';
import type { Estimate } from '../simulate/index.js';
import { intern } from '../parse/text.js';

/** A rule the engine did not run because the host facts it needs were not given. */
export interface SkippedRule {
  ruleId: string;
  missing: HostField[];
}

export interface RunInput {
  version: PgMajor;
  catalog: Catalog;
  config: LoadedConfig;
  resolution: Resolution;
  host: Host;
  hba?: HbaFile;
  today: string;
  serverVersion?: string;
  /** The simulator's estimate, computed on first use. */
  estimate: () => Estimate;
  rules: readonly Rule[];
  ruleSettings?: ReadonlyMap<string, RuleSetting>;
}

export interface RunResult {
  /** Sorted: severity (error → warning → info), then file and position. */
  findings: Finding[];
  /** The rules skipped for want of host facts (the report says which flags would run them). */
  skipped: SkippedRule[];
}

export function ruleApplies(rule: Rule, version: PgMajor): boolean {
  const v = rule.meta.versions;
  return !v || ((v.from === undefined || version >= v.from) && (v.to === undefined || version <= v.to));
}

/** Run the rules on one resolved configuration. */
export function runRules(input: RunInput): RunResult {
  const { version, host, ruleSettings } = input;
  const ctx: RuleContext = {
    version,
    catalog: input.catalog,
    config: input.config,
    resolution: input.resolution,
    settings: settingReader(input.resolution.settings),
    host,
    ...(input.hba ? { hba: input.hba } : {}),
    today: input.today,
    ...(input.serverVersion ? { serverVersion: input.serverVersion } : {}),
    estimate: input.estimate,
  };
  const enabled = input.rules.filter((r) => ruleApplies(r, version) && ruleSettings?.get(r.meta.id)?.level !== 'off');
  // Rules that need host facts nobody gave are skipped (the report's note says which flags would run them).
  const skipped: SkippedRule[] = [];
  const rules = enabled.filter((r) => {
    const missing = (r.meta.needs ?? []).filter((f) => (f === 'hba' ? !input.hba : host[f] === undefined));
    if (missing.length) skipped.push({ ruleId: r.meta.id, missing });
    return missing.length === 0;
  });
  const emit = (rule: Rule, found: Iterable<RuleFinding>, into: Finding[]): void => {
    const setting = ruleSettings?.get(rule.meta.id);
    const severity = (setting?.level ?? rule.meta.defaultSeverity) as Severity;
    for (const f of found) {
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
        messageId: f.messageId,
        data: f.data,
        ...(f.parameter ? { parameter: f.parameter } : {}),
        ...(f.suggestion ? { suggestion: structured(f.suggestion) } : {}),
        ...(f.help ? { help: f.help } : {}),
      });
    }
  };
  let findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.meta.id === UNUSED_SUPPRESSION) continue;
    const setting = ruleSettings?.get(rule.meta.id);
    emit(rule, rule.check(setting?.options ? { ...ctx, options: setting.options } : ctx), findings);
  }
  const suppressions = findSuppressions(input.config.files, input.rules);
  findings = applySuppressions(findings, suppressions);
  // the unused-suppression report is the engine's own: PGV901's folder holds its words and docs
  const unusedRule = rules.find((r) => r.meta.id === UNUSED_SUPPRESSION);
  if (unusedRule) emit(unusedRule, unusedSuppressions(suppressions), findings);
  return { findings: sortFindings(findings), skipped };
}

/** A rule's "name = value" suggestion as { parameter, value } (the data tune --write could apply). */
export function structured(s: string | Suggestion): Suggestion | string {
  if (typeof s !== 'string') return s;
  const m = /^([A-Za-z_][A-Za-z0-9_.$]*) = (.*)$/s.exec(s);
  return m ? { parameter: m[1]!, value: m[2]! } : s;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Severity (error → warning → info), then file, line, column, rule and message. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
