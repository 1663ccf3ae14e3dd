/**
 * The command line: a thin yargs layer. Exit codes: 0 nothing at or above --fail-on,
 * 1 findings at or above it, 2 usage or input error (one line, no stack), 3 internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { isPgMajor } from '../catalog/catalog.js';
import { NEWEST_MAJOR, PG_MAJORS, type PgMajor } from '../catalog/types.js';
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
import { hostFromArgs, hostOptions, runSimulate, simulateOptions, type HostArgs, type SimulateArgs } from './simulate.js';
import { HostError } from '../host/types.js';
import { readHba } from '../parse/hba.js';
import { explain, listRules } from './docs.js';
import { pickVersion, UsageError, useColor } from './common.js';
import { planOptions, type PlanArgs } from './plan-options.js';
import { tuneOptions, type TuneArgs } from './tune-options.js';
import { VERSION } from './version.js';

export { UsageError };

/** yargs drops a lone "-", so it is renamed before parsing. */
const STDIN = '<stdin>';

interface LintArgs extends HostArgs {
  hba?: string;
  files: string[];
  pgVersion?: unknown;
  format?: string;
  failOn?: string;
  maxWarnings?: number;
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
}

const FORMATS = ['text', 'json', 'sarif', 'github', 'compact'] as const;

function runLint(argv: LintArgs): number {
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

  let findings: Finding[] = [];
  const errors: Array<{ file: string; message: string }> = [];
  const files: string[] = [];
  for (const file of argv.files) {
    if (file !== STDIN && config.ignores(file)) continue;
    try {
      const mainBytes = file === STDIN ? new Uint8Array(fs.readFileSync(0)) : undefined;
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

export async function main(args: string[]): Promise<number> {
  let exitCode = 0;
  const parser = yargs(args.map((a) => (a === '-' ? STDIN : a)))
    .scriptName('pgvet')
    .locale('en')
    .usage('$0 <command> [options]')
    .command(
      'lint <files..>',
      'check configuration files: will PostgreSQL accept them, and is that wise?',
      (y) =>
        hostOptions(y)
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'postgresql.conf files ("-" reads standard input)' })
          .option('format', { choices: FORMATS, describe: 'output format (default: text)' })
          .option('fail-on', { choices: ['error', 'warning', 'info'] as const, describe: 'lowest severity that makes the exit code 1 (default: error)' })
          .option('max-warnings', { type: 'number', describe: 'exit 1 when there are more warnings than this' })
          .option('config', { type: 'string', describe: 'use this .pgvetrc.json (--no-config: none; default: the nearest one above the first file)' })
          .option('baseline', { type: 'string', describe: 'report only findings not recorded in this baseline file' })
          .option('write-baseline', { type: 'string', describe: "record this run's findings in a baseline file" })
          .option('hba', { type: 'string', describe: 'a pg_hba.conf to check with the security rules' }),
      (argv) => {
        exitCode = runLint(argv as unknown as LintArgs);
      },
    )
    .command(
      'simulate <file>',
      'which processes the configuration runs and how much memory they take, on a host under a workload',
      (y) => simulateOptions(y),
      (argv) => {
        exitCode = runSimulate(argv as unknown as SimulateArgs);
      },
    )
    .command(
      'tune [file]',
      'recommended settings for a host and workload, explained; --diff, --write (interactive at a terminal)',
      (y) => tuneOptions(y),
      async (argv) => {
        const { runTune } = await import('./tune.js');
        exitCode = await runTune(argv as unknown as TuneArgs);
      },
    )
    .command(
      'plan <file>',
      'before a deploy: what this file changes on a live server, and whether it would refuse it',
      (y) => planOptions(y),
      async (argv) => {
        const { runPlan } = await import('./plan.js');
        exitCode = await runPlan(argv as unknown as PlanArgs, useColor());
      },
    )
    .command('rules', 'list every rule', (y) => y, () => {
      process.stdout.write(listRules());
    })
    .command(
      'explain <topic>',
      "a rule's documentation (PGV001 or syntax-error) or a parameter's facts (shared_buffers)",
      (y) => y.positional('topic', { type: 'string', demandOption: true }),
      (argv) => {
        const { version } = pickVersion(argv.pgVersion);
        process.stdout.write(explain(String(argv.topic), version));
      },
    )
    .option('pg-version', { type: 'string', describe: 'PostgreSQL major version (13–18); default: the newest' })
    .demandCommand(1, 'name a command: lint, rules or explain')
    .strict()
    .version(VERSION)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  await parser.parseAsync();
  return exitCode;
}

export async function run(args: string[]): Promise<void> {
  try {
    process.exitCode = await main(args);
  } catch (err) {
    if (err instanceof UsageError || err instanceof InputError || err instanceof HostError) {
      process.stderr.write(`pgvet: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`pgvet ${VERSION}: internal error (a bug; please report it)\n${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 3;
  }
}
