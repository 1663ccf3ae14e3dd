/**
 * The command line. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
 * 2 usage or input error (one line, no stack), 3 internal error (the stack and the version).
 *
 * A command line is read by lint-args.ts (a plain `pgvet lint`, without loading yargs) or by yargs
 * from the tables of options.ts; args.ts checks either reading the same way; the command then runs
 * with its output going through stdio.ts (standard output, or --output FILE).
 */
import path from 'node:path';
import { closestNames } from '../engine/suggest.js';
import { isPgvetError } from '../errors.js';
import { checkArgs, type ParsedArgs, type RawValue } from './args.js';
import { applyMaxFileSize, UsageError } from './common.js';
import { explain, listRules } from './docs.js';
import { readLintArgs } from './lint-args.js';
import { runLint, type LintArgs } from './lint.js';
import { COMMANDS, GLOBAL_FLAGS, commandSpec, flagsOf, type CommandName, type CommandSpec, type Flag } from './options.js';
import { writeWhole } from './output.js';
import { runSimulate, type SimulateArgs } from './simulate.js';
import { complain, guardProcessStreams, out, stdio, withStdio, type Stdio } from './stdio.js';
import type { PlanArgs } from './plan-options.js';
import type { TuneArgs } from './tune-options.js';
import { VERSION } from './version.js';

export { UsageError };

/** A lone "-" (standard input) as yargs gets it: yargs drops a bare "-"; no real argument can contain NUL. */
const DASH = '\u0000-';

const NAMES = COMMANDS.map((c) => c.name);

/**
 * Run the command line with the process's streams: a closed pipe ends the output quietly; the
 * exit code is set, never process.exit (pending output is flushed).
 */
export async function run(args: string[]): Promise<void> {
  guardProcessStreams();
  const code = await runCli(args);
  // a write error on standard output may already have set 2
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
}

/** Run the command line with the current streams (stdio.ts); never throws: returns 0, 1, 2 or 3. */
export async function runCli(args: string[]): Promise<number> {
  try {
    return await main(args);
  } catch (err) {
    return atTheEdge(err);
  }
}

/**
 * The one catch: a user error (src/errors.ts, from any bundle) is one line on stderr and exit 2;
 * anything else is a bug: exit 3 with the stack.
 */
export function atTheEdge(err: unknown): 2 | 3 {
  if (isPgvetError(err)) {
    complain(err.message);
    return 2;
  }
  stdio().error(`pgvet ${VERSION}: internal error (a bug; please report it)\n${(err as Error).stack ?? String(err)}\n`);
  return 3;
}

/** Read, check and run a command line; returns the exit code. Throws UsageError / InputError / HostError for exit 2. */
export async function main(args: string[]): Promise<number> {
  // `pgvet help` and `pgvet help lint`, as git and npm have them
  if (args[0] === 'help' && args.length <= 2) return main(args.length === 1 ? ['--help'] : [args[1]!, '--help']);
  const plain = readLintArgs(args);
  const parsed = plain ? checkArgs(plain) : await parseWithYargs(args);
  if (typeof parsed === 'number') return parsed;
  return dispatch(parsed);
}

// ---------------------------------------------------------------------------------------------
// Reading with yargs

/** The yargs name of a command's positional words. */
function positionalName(spec: CommandSpec): string {
  return spec.name === 'lint' ? 'files' : spec.name === 'explain' ? 'topic' : spec.name === 'rules' ? 'words' : 'file';
}

function yargsOption(flag: Flag): Record<string, unknown> {
  const describe = flag.placeholder ? `${flag.describe}` : flag.describe;
  if (flag.type === 'boolean') return { type: 'boolean', describe };
  // requiresArg: `--config` followed by nothing or by another flag is "needs a value", not ""
  return { type: 'string', describe, requiresArg: true, ...(flag.choices ? { choices: flag.choices } : {}) };
}

/** Words yargs says it did not expect, as the user typed them. */
function unknownOptions(message: string, spec: CommandSpec | undefined): string {
  const listed = message.replace(/^Unknown arguments?: /, '').split(', ');
  // yargs lists --fail-onn twice: as itself and as its camel-case alias failOnn
  const kebab = (n: string): string => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const names = listed.filter((n) => !(/[A-Z]/.test(n) && listed.includes(kebab(n))));
  const known = spec ? [...flagsOf(spec).keys()] : [];
  const parts = names.map((n) => {
    const typed = n.length === 1 ? `-${n}` : `--${n}`;
    const guess = n.length <= 40 ? closestNames(n, known)[0] : undefined;
    return `${typed}${guess ? ` (did you mean --${guess}?)` : ''}`;
  });
  return `${spec ? `${spec.name}: ` : ''}unknown option${names.length > 1 ? 's' : ''} ${parts.join(', ')}${spec ? ` (see pgvet ${spec.name} --help)` : ''}`;
}

/** A yargs message in pgvet's words. */
function translate(message: string, spec: CommandSpec | undefined): string {
  if (/^Unknown arguments?: /.test(message)) return unknownOptions(message, spec);
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  if (missing) return `--${missing[1]} needs a value`;
  const choice = /^Invalid values:\s+Argument: (\S+), Given: (.*), Choices: (.*)$/s.exec(message);
  if (choice) return `--${choice[1]} must be one of ${choice[3]!.replace(/"/g, '')} (got ${choice[2]})`;
  return message;
}

/** `--quiet=yes`: yargs would quietly read false; a switch takes no value but true or false. */
function checkSwitchValues(args: readonly string[], spec: CommandSpec): void {
  const flags = flagsOf(spec);
  for (const arg of args) {
    if (arg === '--') return;
    const m = /^--(?:no-)?([^=]+)=(.*)$/s.exec(arg);
    if (m && flags.get(m[1]!)?.type === 'boolean' && m[2] !== 'true' && m[2] !== 'false') {
      throw new UsageError(`--${m[1]} takes no value (got ${JSON.stringify(m[2]!.slice(0, 60))}); write --${m[1]} or --no-${m[1]}`);
    }
  }
}

/** The help of pgvet itself: every command with its usage. */
export function rootHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => `pgvet ${c.name} ${c.positional}`.length));
  const columns = Math.max(60, Math.min(100, stdio().stdoutIsTTY ? process.stdout.columns || 100 : 100));
  const lines = [
    'pgvet <command> [options]: lint, tune and simulate PostgreSQL server configuration',
    '',
    'Commands:',
    ...COMMANDS.map((c) => wrapLine(`  ${`pgvet ${c.name} ${c.positional}`.padEnd(width)}  ${c.describe}`, columns, width + 4)),
    '',
    'Options of every command:',
    '  -h, --help             show help (pgvet <command> --help: that command\'s options)',
    '  -v, --version          show the version',
    ...GLOBAL_FLAGS.map((f) => wrapLine(`  --${f.type === 'boolean' ? `${f.name}, --no-${f.name}` : `${f.name} ${f.placeholder ?? ''}`}`.padEnd(25) + f.describe, columns, 25)),
    '',
    wrapLine('Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input error; 3 internal error (a bug).', columns, 0),
  ];
  return lines.join('\n') + '\n';
}

/** Wrap at spaces, continuation lines indented. */
function wrapLine(line: string, columns: number, indent: number): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > columns) {
    const cut = rest.lastIndexOf(' ', columns);
    if (cut <= indent) break;
    out.push(rest.slice(0, cut));
    rest = ' '.repeat(indent) + rest.slice(cut + 1);
  }
  out.push(rest);
  return out.join('\n');
}

/** Read with yargs: the checked arguments, or the exit code when it was help or version (printed). */
export async function parseWithYargs(args: string[]): Promise<ParsedArgs | number> {
  const wantsHelp = (xs: readonly string[]): boolean => xs.some((a) => a === '--help' || a === '-h');
  const beforeDashes = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  const words = beforeDashes.filter((a) => !a.startsWith('-'));
  // no command word at all: the overview, on standard output when asked for, else as a usage error
  if (args.length === 0 || (words.length === 0 && !beforeDashes.some((a) => a === '--version' || a === '-v'))) {
    if (wantsHelp(beforeDashes)) {
      out(rootHelp());
      return 0;
    }
    stdio().error(rootHelp());
    throw new UsageError('name a command: ' + NAMES.join(', '));
  }
  const first = beforeDashes.find((a) => !a.startsWith('-'));
  if (first !== undefined && beforeDashes.indexOf(first) === 0 && !(NAMES as readonly string[]).includes(first)) {
    const guess = first.length <= 40 ? closestNames(first, NAMES)[0] : undefined;
    throw new UsageError(`unknown command ${JSON.stringify(first.slice(0, 60))}${guess ? `; did you mean "${guess}"?` : ''} (the commands: ${NAMES.join(', ')}; see pgvet --help)`);
  }
  const named = (NAMES as readonly string[]).includes(first ?? '') ? commandSpec(first as CommandName) : undefined;
  if (named) checkSwitchValues(args, named);

  const { yargs } = await import('./yargs.js');
  let parser = yargs(args.map((a) => (a === '-' ? DASH : a)))
    .scriptName('pgvet')
    .locale('en')
    .parserConfiguration({ 'populate--': true, 'duplicate-arguments-array': true, 'parse-numbers': false, 'parse-positional-numbers': false })
    .usage('$0 <command> [options]')
    .strict()
    .exitProcess(false)
    .version(VERSION)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, (stdio().stdoutIsTTY && process.stdout.columns) || 100));
  for (const spec of COMMANDS) {
    const pos = positionalName(spec);
    parser = parser.command(
      `${spec.name} [${pos}..]`,
      spec.describe,
      (y) => {
        let c = y.usage(`$0 ${spec.name} ${spec.positional} [options]\n\n${spec.describe}`);
        if (spec.name !== 'rules') c = c.positional(pos, { type: 'string', describe: spec.arity.what });
        for (const flag of [...spec.flags, ...GLOBAL_FLAGS]) c = c.option(flag.name, yargsOption(flag) as never);
        return c;
      },
      () => undefined,
    );
  }
  const result = await new Promise<{ err: Error | undefined; argv: Record<string, unknown>; output: string }>((resolve) => {
    void parser.parse(args.map((a) => (a === '-' ? DASH : a)), {}, (err, argv, output) => resolve({ err: err ?? undefined, argv: argv as Record<string, unknown>, output }));
  });
  const { err, argv } = result;
  const command = (argv._ as unknown[] | undefined)?.[0];
  if (typeof command === 'string' && !(NAMES as readonly string[]).includes(command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command.slice(0, 60))} (the commands: ${NAMES.join(', ')}; see pgvet --help)`);
  }
  const spec = typeof command === 'string' ? commandSpec(command as CommandName) : named;
  if (!err && (argv.help || argv.version)) {
    // help and version: yargs hands their text over instead of printing it
    out(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    return 0;
  }
  if (err) throw new UsageError(translate(err.message, spec));
  if (!spec) {
    stdio().error(rootHelp());
    throw new UsageError('name a command: ' + NAMES.join(', '));
  }

  const undash = (v: unknown): unknown => (v === DASH ? '-' : Array.isArray(v) ? v.map(undash) : v);
  const positionals = [...((argv[positionalName(spec)] as unknown[] | undefined) ?? []), ...((argv['--'] as unknown[] | undefined) ?? [])].map((v) => String(undash(v)));
  const values = new Map<string, RawValue>();
  for (const flag of flagsOf(spec).values()) {
    const v = argv[flag.name];
    if (v !== undefined) values.set(flag.name, undash(v) as RawValue);
  }
  return checkArgs({ command: spec.name, positionals, values });
}

// ---------------------------------------------------------------------------------------------
// Running

/** Files a command reads (to refuse an --output or --write-baseline on top of one). */
function inputsOf(p: ParsedArgs): string[] {
  const files = p.command === 'explain' || p.command === 'rules' ? [] : p.positionals.filter((f) => f !== '-');
  for (const k of ['config', 'baseline', 'hba', 'host']) {
    const v = p.flags[k];
    if (typeof v === 'string' && v !== 'auto') files.push(v);
  }
  return files;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

function checkOutputs(p: ParsedArgs): void {
  const outputs = (['output', 'writeBaseline'] as const).map((k) => [k, p.flags[k]] as const).filter((e): e is readonly [typeof e[0], string] => typeof e[1] === 'string' && e[1] !== '-');
  for (const [k, file] of outputs) {
    const flag = k === 'output' ? '--output' : '--write-baseline';
    const clash = inputsOf(p).find((i) => samePath(i, file));
    if (clash !== undefined) throw new UsageError(`${flag} ${file} is also an input of this run; pgvet will not overwrite it`);
  }
  if (outputs.length === 2 && samePath(outputs[0]![1], outputs[1]![1])) throw new UsageError('--output and --write-baseline name the same file');
  if (p.command === 'tune' && p.flags.write && p.flags.output !== undefined) throw new UsageError('tune --write edits the file itself; --output is for a printed report (drop one)');
}

/** Run a checked command line; with --output, the report goes to that file, whole. */
export async function dispatch(p: ParsedArgs): Promise<number> {
  checkOutputs(p);
  applyMaxFileSize(p.flags.maxFileSize);
  const output = p.flags.output;
  if (typeof output !== 'string' || output === '-') return runCommand(p);
  const chunks: Buffer[] = [];
  const base = stdio();
  const sink: Stdio = {
    write: (c) => void chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c)),
    error: (t) => base.error(t),
    readStdin: () => base.readStdin(),
    stdoutIsTTY: false,
    stdinIsTTY: base.stdinIsTTY,
    env: base.env,
  };
  const code = await withStdio(sink, () => runCommand(p));
  if (code <= 1 || chunks.length) writeWhole(output, Buffer.concat(chunks), 'the report to');
  return code;
}

async function runCommand(p: ParsedArgs): Promise<number> {
  const flags = p.flags;
  const io = stdio();
  switch (p.command) {
    case 'lint':
      return runLint({ ...flags, files: p.positionals } as unknown as LintArgs);
    case 'simulate':
      return runSimulate({ ...flags, file: p.positionals[0]! } as unknown as SimulateArgs);
    case 'tune': {
      const { runTune } = await import('./tune.js');
      return runTune({ ...flags, ...(p.positionals[0] !== undefined ? { file: p.positionals[0] } : {}) } as unknown as TuneArgs, io);
    }
    case 'plan': {
      const { runPlan } = await import('./plan.js');
      return runPlan({ ...flags, file: p.positionals[0]! } as unknown as PlanArgs, io);
    }
    case 'explain':
      out(explain(p.positionals[0]!, flags.pgVersion as number | undefined));
      return 0;
    case 'rules':
      out(listRules(flags.pgVersion as number | undefined));
      return 0;
  }
}
