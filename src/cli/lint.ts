/**
 * `pgvet lint FILES`: read the .pgvetrc.json, the host and the baseline, lint every file, print
 * the report in the chosen format. The arguments come from lint-args.ts or from yargs (main.ts),
 * checked by args.ts.
 */
import path from 'node:path';
import { analyze } from '../analyze.js';
import { sortFindings, type SkippedRule } from '../engine/lint.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../engine/types.js';
import { InputError } from '../resolve/load.js';
import { jsonChunks, renderJson, type LintReport } from '../report/json.js';
import { summarize } from '../report/summary.js';
import { renderText, textChunks } from '../report/text.js';
import { renderSarif } from '../report/sarif.js';
import { githubNote, renderGithub } from '../report/github.js';
import { compactNote, renderCompact } from '../report/compact.js';
import { renderMarkdown } from '../report/markdown.js';
import { EMPTY_CONFIG, findConfig, loadConfigFile } from '../engine/config.js';
import { applyBaseline, loadBaseline, writeBaseline } from '../engine/baseline.js';
import { WriteError } from '../io/write.js';
import { RULES } from '../../rules/index.js';
import { looksLikeHba, readHba } from '../parse/hba.js';
import { decodeBytes } from '../parse/text.js';
import { hostFromArgs, type HostArgs } from './simulate.js';
import { pickVersion, UsageError } from './common.js';
import { FORMATS } from './options.js';
import { VERSION } from './version.js';
import { complain, out, stdio, useColor } from './stdio.js';
import { isCarrierPath, looksLikeCarrierText } from '../carriers/sniff.js';
import { useCarriers } from './carrier-errors.js';
import type { CarrierId } from '../carriers/model.js';
import type { PgMajor } from '../catalog/types.js';

/** Findings rendered and written at a time by the line formats (compact, github). */
const OUTPUT_SLICE = 10_000;

/** Standard input among the files: "-" on the command line. */
export const STDIN = '-';
/** How standard input is named in the report. */
export const STDIN_NAME = '<stdin>';

export interface LintArgs extends HostArgs {
  hba?: string;
  files: string[];
  pgVersion?: unknown;
  format?: string;
  failOn?: string;
  maxWarnings?: number;
  quiet?: boolean;
  color?: boolean;
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  maxFileSize?: string;
  carrier?: string;
  /** Print the effective settings of each server the carriers describe. */
  showEffective?: boolean;
}

/** Run `pgvet lint`; returns the exit code. Throws UsageError / InputError / HostError for exit 2. */
export function runLint(argv: LintArgs): number {
  // .pgvetrc.json: --config FILE, --no-config, or the nearest one above the first file
  const firstDir = argv.files[0] !== undefined && argv.files[0] !== STDIN ? argv.files[0] : path.join(process.cwd(), 'stdin');
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
    out(useCarriers((c) => c.showEffective(argv.files, { ...(carrier ? { carrier } : {}), format })));
    return 0;
  }

  let findings: Finding[] = [];
  // the rules each file skipped for want of host facts: one note for the run
  const skipped: SkippedRule[] = [];
  const errors: Array<{ file: string; message: string }> = [];
  const files: string[] = [];
  // pg_hba.conf findings come once, however many postgresql.conf files are linted with it
  const hbaSeen = new Set<string>();
  // the major version the documents state, when no flag or .pgvetrc.json says one and no plain conf is linted
  const documentVersions = new Set<PgMajor>();
  let plainConf = false;
  for (const file of argv.files) {
    if (file !== STDIN && config.ignores(file)) continue;
    try {
      const mainBytes = file === STDIN ? stdio().readStdin() : undefined;
      // a manifest, compose, Helm, Patroni, Ansible or Terraform file: lint what PostgreSQL will see
      if (carrier || (mainBytes ? looksLikeCarrierText(new TextDecoder().decode(mainBytes)) : isCarrierPath(file))) {
        const r = useCarriers((c) => c.lintCarrier(file === STDIN ? STDIN_NAME : file, { ...(carrier ? { carrier } : {}), ...(source === 'flag' ? { version } : {}), fallbackVersion: version, ...(host ? { host } : {}), ruleSettings: config.rules, ...(hba ? { hba } : {}), ...(mainBytes ? { stdin: mainBytes } : {}) }));
        for (const f of r.files) if (!files.includes(f)) files.push(f);
        for (const f of r.findings) findings.push(f);
        skipped.push(...r.skipped);
        if (r.fromDocument) documentVersions.add(r.version);
        else plainConf = true;
        continue;
      }
      plainConf = true;
      const result = analyze(file === STDIN ? STDIN_NAME : file, { version, rules: RULES, ruleSettings: config.rules, ...(host ? { host } : {}), ...(hba ? { hba } : {}), ...(mainBytes ? { mainBytes } : {}) });
      if (result.findings.some((f) => f.ruleId === 'PGV001') && looksLikeHba(decodeBytes(result.config.main.parsed.bytes))) {
        throw new InputError(result.config.main.displayPath, `${result.config.main.displayPath}: this looks like a pg_hba.conf, not a postgresql.conf; check it with --hba ${result.config.main.displayPath} beside the postgresql.conf`);
      }
      skipped.push(...result.skipped);
      const confFiles = new Set(result.config.files.map((f) => f.displayPath));
      for (const f of result.config.files) if (!files.includes(f.displayPath)) files.push(f.displayPath);
      // no spread: a huge file can have a million findings
      for (const f of result.findings) {
        if (!confFiles.has(f.file)) {
          const key = `${f.file}\u0000${f.line}\u0000${f.ruleId}\u0000${f.message}`;
          if (hbaSeen.has(key)) continue;
          hbaSeen.add(key);
          if (!files.includes(f.file)) files.push(f.file);
        }
        findings.push(f);
      }
    } catch (err) {
      if (err instanceof InputError) errors.push({ file: err.file, message: err.message });
      else throw err;
    }
  }
  if (hba && files.length > 0 && !files.includes(hba.path)) files.push(hba.path);
  if (argv.writeBaseline && errors.length) {
    complain(`did not write the baseline ${argv.writeBaseline}: ${errors.length} file${errors.length === 1 ? '' : 's'} could not be read`);
  } else if (argv.writeBaseline) {
    try {
      writeBaseline(argv.writeBaseline, findings);
      complain(`wrote the baseline ${argv.writeBaseline} (${findings.length} finding${findings.length === 1 ? '' : 's'})`);
    } catch (err) {
      // reported like an unreadable input: one line, exit 2, the report still printed
      if (err instanceof WriteError) errors.push({ file: err.file, message: err.message });
      else throw err;
    }
  }
  if (baseline) findings = applyBaseline(findings, baseline);
  // every format: error → warning → info, then file and position
  sortFindings(findings);
  const summary = summarize(findings, files.length, skipped);
  // --quiet shows errors only (and not the note about skipped rules); the exit code below still counts every finding
  const shown = argv.quiet ? findings.filter((f) => f.severity === 'error') : findings;
  const fromDocument = source === 'default' && !plainConf && documentVersions.size === 1;
  const report: LintReport = { pgVersion: fromDocument ? [...documentVersions][0]! : version, pgVersionSource: fromDocument ? 'document' : source, files, findings: shown, summary: argv.quiet ? summarize(shown, files.length) : summary, errors };
  // Input errors are one line each on stderr; the report covers the files that could be read.
  for (const e of errors) complain(e.message);
  const textOptions = { color: useColor(argv.color), ...(argv.quiet ? { hidden: findings.length - shown.length } : {}) };
  const render = (): string => {
    switch (format) {
      case 'json': return renderJson(report);
      case 'sarif': return renderSarif(report, RULES, VERSION);
      case 'github': return renderGithub(report) + githubNote(report);
      case 'compact': return renderCompact(report) + compactNote(report);
      case 'markdown': return renderMarkdown(report);
      default: return renderText({ ...report, errors: [] }, textOptions);
    }
  };
  if (format === 'compact' || format === 'github') {
    // One line per finding and nothing around them: written a slice at a time, so a million
    // findings never become one string (measured: 1,000,000 lines, 1.2GB peak RSS → 0.6GB).
    const renderSlice = format === 'compact' ? renderCompact : renderGithub;
    for (let i = 0; i < shown.length; i += OUTPUT_SLICE) out(renderSlice({ ...report, findings: shown.slice(i, i + OUTPUT_SLICE) }));
    const note = format === 'compact' ? compactNote(report) : githubNote(report);
    if (note) out(note);
  } else if (format === 'json') {
    // written a piece at a time: a million findings never become one string
    for (const chunk of jsonChunks(report)) out(chunk);
  } else if (format === 'text' && files.length > 0) {
    for (const chunk of textChunks({ ...report, errors: [] }, textOptions)) out(chunk);
  } else if (files.length > 0 || format === 'sarif' || format === 'markdown') out(render());
  if (errors.length) return 2;
  // Writing a baseline records today's findings: it is not a gate, unless a gate was asked for.
  if (argv.writeBaseline && argv.failOn === undefined && argv.maxWarnings === undefined) return 0;
  if (findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn])) return 1;
  if (maxWarnings !== undefined && summary.warning > maxWarnings) {
    complain(`${summary.warning} warning${summary.warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}`);
    return 1;
  }
  return 0;
}
