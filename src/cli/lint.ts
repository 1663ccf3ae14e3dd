/**
 * `pgvet lint FILES`: read the .pgvetrc.json, the host and the baseline, lint every file, print
 * the report in the chosen format. The arguments come from lint-args.ts or from yargs (main.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { lintFile } from '../engine/lint.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../engine/types.js';
import { InputError } from '../resolve/load.js';
import { renderJson, type LintReport } from '../report/json.js';
import { summarize } from '../report/summary.js';
import { renderText } from '../report/text.js';
import { renderSarif } from '../report/sarif.js';
import { renderGithub } from '../report/github.js';
import { renderCompact } from '../report/compact.js';
import { EMPTY_CONFIG, findConfig, loadConfigFile } from '../engine/config.js';
import { applyBaseline, loadBaseline, renderBaseline } from '../engine/baseline.js';
import { RULES } from '../../rules/index.js';
import { readHba } from '../parse/hba.js';
import { hostFromArgs, type HostArgs } from './simulate.js';
import { pickVersion, UsageError, useColor } from './common.js';
import { FORMATS } from './options.js';
import { VERSION } from './version.js';
import { isCarrierPath, looksLikeCarrierText } from '../carriers/sniff.js';
import { carriers } from './carriers-link.js';
import type { CarrierId } from '../carriers/model.js';

/** Standard input among the files ("-" on the command line; yargs would drop a lone "-"). */
export const STDIN = '<stdin>';

export interface LintArgs extends HostArgs {
  hba?: string;
  files: string[];
  pgVersion?: unknown;
  format?: string;
  failOn?: string;
  maxWarnings?: number;
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  /** Read the files as this carrier (an operator manifest, compose, Helm values…). */
  carrier?: string;
  /** Print the effective settings of each server the carriers describe. */
  showEffective?: boolean;
}

/**
 * Call the carrier readers. In the CLI they are a separate bundle with its own copy of
 * InputError, so their input errors are recognised by shape (a message and the file) and
 * rethrown as this bundle's, for the one-line exit 2.
 */
function viaCarriers<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && !(err instanceof InputError) && typeof (err as { file?: unknown }).file === 'string') throw new InputError((err as InputError).file, err.message);
    throw err;
  }
}

/** Run `pgvet lint`; returns the exit code. Throws UsageError / InputError / HostError for exit 2. */
export function runLint(argv: LintArgs): number {
  // .pgvetrc.json: --config FILE, --no-config, or the nearest one above the first file
  const firstDir = argv.files[0] && argv.files[0] !== STDIN ? argv.files[0] : path.join(process.cwd(), 'stdin');
  const configPath = argv.config === false ? null : argv.config ?? findConfig(firstDir);
  const config = configPath ? loadConfigFile(configPath, RULES) : EMPTY_CONFIG;
  const { version, source } = pickVersion(argv.pgVersion, config.pgVersion);
  const failOn = (argv.failOn ?? config.failOn ?? 'error') as Severity;
  const format = argv.format ?? config.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const maxWarnings = argv.maxWarnings ?? config.maxWarnings;
  const baseline = argv.baseline ? loadBaseline(argv.baseline) : null;
  // the host: flags, --host FILE|auto, else the config's host; --workload falls back to the config's
  const hostArgs: HostArgs = { ...argv, ...(argv.host === undefined && config.host !== undefined ? { host: config.host } : {}), ...(argv.workload === undefined && config.workload !== undefined ? { workload: config.workload } : {}) };
  const host = hostFromArgs(hostArgs);
  const hba = argv.hba ? readHba(argv.hba) : undefined;
  const carrier = argv.carrier as CarrierId | undefined;
  if (argv.showEffective) {
    process.stdout.write(viaCarriers(() => carriers().showEffective(argv.files, { ...(carrier ? { carrier } : {}), format })));
    return 0;
  }

  let findings: Finding[] = [];
  const errors: Array<{ file: string; message: string }> = [];
  const files: string[] = [];
  for (const file of argv.files) {
    if (file !== STDIN && config.ignores(file)) continue;
    try {
      const mainBytes = file === STDIN ? new Uint8Array(fs.readFileSync(0)) : undefined;
      // a manifest, compose, Helm, Patroni, Ansible or Terraform file: lint what PostgreSQL will see
      if (carrier || (mainBytes ? looksLikeCarrierText(new TextDecoder().decode(mainBytes)) : isCarrierPath(file))) {
        const r = viaCarriers(() => carriers().lintCarrier(file, { ...(carrier ? { carrier } : {}), ...(source === 'flag' ? { version } : {}), fallbackVersion: version, ...(host ? { host } : {}), ruleSettings: config.rules, ...(hba ? { hba } : {}), ...(mainBytes ? { stdin: mainBytes } : {}) }));
        for (const f of r.files) if (!files.includes(f)) files.push(f);
        for (const f of r.findings) findings.push(f);
        continue;
      }
      const result = lintFile(file, { version, ruleSettings: config.rules, ...(host ? { host } : {}), ...(hba ? { hba } : {}), ...(mainBytes ? { mainBytes } : {}) });
      for (const f of result.config.files) if (!files.includes(f.displayPath)) files.push(f.displayPath);
      // no spread: a huge file can have a million findings
      for (const f of result.findings) findings.push(f);
    } catch (err) {
      if (err instanceof InputError) errors.push({ file: err.file, message: err.message });
      else throw err;
    }
  }
  if (argv.writeBaseline) fs.writeFileSync(argv.writeBaseline, renderBaseline(findings));
  if (baseline) findings = applyBaseline(findings, baseline);
  const report: LintReport = { pgVersion: version, pgVersionSource: source, files, findings, summary: summarize(findings, files.length), errors };
  // Input errors are one line each on stderr; the report covers the files that could be read.
  for (const e of errors) process.stderr.write(`pgvet: ${e.message}\n`);
  const render = (): string => {
    switch (format) {
      case 'json': return renderJson(report);
      case 'sarif': return renderSarif(report, RULES, VERSION);
      case 'github': return renderGithub(report);
      case 'compact': return renderCompact(report);
      default: return renderText({ ...report, errors: [] }, { color: useColor() });
    }
  };
  if (files.length > 0 || format === 'json' || format === 'sarif') process.stdout.write(render());
  if (errors.length) return 2;
  if (findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) return 1;
  if (maxWarnings !== undefined && report.summary.warning > maxWarnings) {
    process.stderr.write(`pgvet: ${report.summary.warning} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
