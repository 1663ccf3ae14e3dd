/**
 * The command line. Exit codes: 0 nothing at or above --fail-on,
 * 1 findings at or above it, 2 usage or input error (one line, no stack), 3 internal error.
 */
import type { Argv } from 'yargs';
import { InputError } from '../resolve/load.js';
import { runSimulate, simulateOptions, type SimulateArgs } from './simulate.js';
import { HostError } from '../host/types.js';
import { explain, listRules } from './docs.js';
import { applyMaxFileSize, pickVersion, UsageError, useColor } from './common.js';
import { planOptions, type PlanArgs } from './plan-options.js';
import { tuneOptions, type TuneArgs } from './tune-options.js';
import { runLint, STDIN, type LintArgs } from './lint.js';
import { readLintArgs } from './lint-args.js';
import { HOST_FLAGS, LINT_FLAGS, MAX_FILE_SIZE_FLAG, PG_VERSION_FLAG, withFlags, yargsOption } from './options.js';
import { VERSION } from './version.js';

export { UsageError };

/**
 * Run the command line; returns the exit code. A plain `pgvet lint` (lint-args.ts) starts without
 * loading yargs; everything else, help and mistakes included, goes through yargs.
 */
export async function main(args: string[]): Promise<number> {
  const plain = readLintArgs(args);
  if (plain) {
    applyMaxFileSize(plain.maxFileSize);
    return runLint(plain);
  }
  return runYargs(args, runLint);
}

/** The yargs command line. `onLint` runs lint with the arguments yargs read (the tests capture them). */
export async function runYargs(args: string[], onLint: (argv: LintArgs) => number): Promise<number> {
  const { yargs } = await import('./yargs.js');
  let exitCode = 0;
  const parser = yargs(args.map((a) => (a === '-' ? STDIN : a)))
    .scriptName('pgvet')
    .locale('en')
    .usage('$0 <command> [options]')
    .command(
      'lint <files..>',
      'check configuration files: will PostgreSQL accept them, and is that wise?',
      (y: Argv) =>
        withFlags(y, [...HOST_FLAGS, ...LINT_FLAGS]).positional('files', { type: 'string', array: true, demandOption: true, describe: 'postgresql.conf files ("-" reads standard input)' }),
      (argv) => {
        exitCode = onLint(argv as unknown as LintArgs);
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
    .option(PG_VERSION_FLAG.name, yargsOption(PG_VERSION_FLAG))
    .option(MAX_FILE_SIZE_FLAG.name, yargsOption(MAX_FILE_SIZE_FLAG))
    .middleware((argv) => applyMaxFileSize(argv.maxFileSize))
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
