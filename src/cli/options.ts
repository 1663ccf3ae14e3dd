/**
 * Every command and flag of the command line, as data. yargs builds its parser and help from these
 * tables (main.ts); lint-args.ts reads the plain `pgvet lint` lines CI makes from the same tables
 * without loading yargs; args.ts checks every value against them, whichever of the two read it.
 *
 * One policy for repeated flags, everywhere: the last one wins (`--fail-on info --fail-on warning`
 * is `--fail-on warning`), as with most Unix tools, so that a wrapper's defaults can be overridden
 * by appending. The exception is a list flag (`--keep`), whose values add up.
 */
import { FILESYSTEMS, STORAGE_KINDS, WORKLOADS } from '../host/types.js';
import { CARRIERS } from '../carriers/model.js';

/** How a flag's text is checked (args.ts). */
export type ValueKind =
  /** any non-empty text */
  | 'text'
  /** a file name */
  | 'path'
  /** a whole number written in plain digits: 0, 25 */
  | 'count'
  /** whole seconds, at least 1 */
  | 'seconds'
  /** a supported PostgreSQL major: 13 … 18 */
  | 'version';

export interface Flag {
  /** as typed on the command line: fail-on for --fail-on */
  name: string;
  /** string: takes a value; boolean: --x / --no-x; list: takes a value, repeatable, values add up */
  type: 'string' | 'boolean' | 'list';
  value?: ValueKind;
  choices?: readonly string[];
  /** a string flag that `--no-NAME` turns off (false): only --no-config */
  negatable?: boolean;
  /** the word for the value in help: FILE, N */
  placeholder?: string;
  describe: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github', 'compact', 'markdown'] as const;
export const SEVERITY_WORDS = ['error', 'warning', 'info'] as const;

export const PG_VERSION_FLAG: Flag = { name: 'pg-version', type: 'string', value: 'version', placeholder: 'N', describe: 'PostgreSQL major version, 13 to 18 (default: pgVersion of .pgvetrc.json, else the newest)' };

/** Every command has these (with -h/--help and -v/--version). */
export const GLOBAL_FLAGS: readonly Flag[] = [
  { name: 'color', type: 'boolean', describe: 'colour the output: --color always, --no-color never (default: on a terminal, unless NO_COLOR; FORCE_COLOR forces it)' },
  { name: 'output', type: 'string', value: 'path', placeholder: 'FILE', describe: 'write the report to FILE (replaced whole, never half-written) instead of standard output' },
  // how much pgvet reads (src/io/read.ts)
  { name: 'max-file-size', type: 'string', value: 'text', placeholder: 'SIZE', describe: 'the most pgvet reads from one file or standard input, and from one configuration with its includes (default 64MB; e.g. 256MB)' },
];

/** The host and workload flags (lint, simulate, tune). */
export const HOST_FLAGS: readonly Flag[] = [
  { name: 'ram', type: 'string', value: 'text', placeholder: 'SIZE', describe: 'memory of the host: 16GB, 512MB, 16Gi (Kubernetes), or bytes' },
  { name: 'cores', type: 'string', value: 'text', placeholder: 'N', describe: 'CPUs of the host: 8, 2.5, or 1500m' },
  { name: 'storage', type: 'string', choices: STORAGE_KINDS, describe: 'storage of the data directory' },
  { name: 'workload', type: 'string', choices: WORKLOADS, describe: 'how the server is used' },
  { name: 'connections', type: 'string', value: 'text', placeholder: 'N', describe: 'expected concurrently active clients' },
  { name: 'replicas', type: 'string', value: 'text', placeholder: 'N', describe: 'streaming replicas this server feeds' },
  { name: 'wal-volume', type: 'string', value: 'text', placeholder: 'SIZE', describe: 'size of the volume that holds pg_wal: 100GB' },
  { name: 'filesystem', type: 'string', choices: FILESYSTEMS, describe: 'filesystem of the data directory and pg_wal' },
  { name: 'host', type: 'string', value: 'path', placeholder: 'FILE|auto', describe: 'a host description (JSON, see src/host/host.schema.json), or "auto" for this machine and its container limits; flags override it' },
];

/** --carrier: lint, tune and simulate. */
const CARRIER_FLAG: Flag = { name: 'carrier', type: 'string', choices: CARRIERS, describe: 'read the files as this carrier (default: detected): an operator manifest, Patroni, compose, Helm values, Ansible vars or Terraform' };

/** The flags only lint has. */
export const LINT_FLAGS: readonly Flag[] = [
  { name: 'format', type: 'string', choices: FORMATS, describe: 'output format (default: text)' },
  { name: 'fail-on', type: 'string', choices: SEVERITY_WORDS, describe: 'lowest severity that makes the exit code 1 (default: error)' },
  { name: 'max-warnings', type: 'string', value: 'count', placeholder: 'N', describe: 'exit 1 when there are more warnings than N' },
  { name: 'quiet', type: 'boolean', describe: 'show errors only (the exit code still counts every finding)' },
  { name: 'config', type: 'string', value: 'path', negatable: true, placeholder: 'FILE', describe: 'use this .pgvetrc.json (--no-config: none; default: the nearest one above the first file)' },
  { name: 'baseline', type: 'string', value: 'path', placeholder: 'FILE', describe: 'report only findings not recorded in this baseline file' },
  { name: 'write-baseline', type: 'string', value: 'path', placeholder: 'FILE', describe: "record this run's findings in a baseline file (then exit 0, unless --fail-on or --max-warnings is given)" },
  { name: 'hba', type: 'string', value: 'path', placeholder: 'FILE', describe: 'a pg_hba.conf to check with the security rules' },
  CARRIER_FLAG,
  { name: 'show-effective', type: 'boolean', describe: 'print, per server a manifest, compose, Helm, Patroni, Ansible or Terraform file describes, the settings PostgreSQL will see, with their layer and place' },
];

export const SIMULATE_FLAGS: readonly Flag[] = [
  { name: 'role', type: 'string', choices: ['primary', 'standby'], describe: 'run it as a primary or a standby (default: primary)' },
  { name: 'format', type: 'string', choices: ['text', 'json'], describe: 'output format (default: text)' },
  CARRIER_FLAG,
];

export const TUNE_FLAGS: readonly Flag[] = [
  { name: 'keep', type: 'list', value: 'text', placeholder: 'NAMES', describe: 'parameters to leave as the file has them, comma-separated or repeated (the rest is sized around them)' },
  { name: 'format', type: 'string', choices: ['conf', 'alter-system', 'json'], describe: 'output format (default: conf)' },
  { name: 'diff', type: 'boolean', describe: 'print a unified diff of what --write would change in the file' },
  { name: 'write', type: 'boolean', describe: 'edit the file (all included files or none; backup: FILE.bak, or a fresh FILE.bak.N); asks group by group at a terminal unless --yes' },
  { name: 'yes', type: 'boolean', describe: 'with --write: apply every recommendation without asking' },
  { name: 'explain', type: 'boolean', describe: 'show the formula, inputs and source of each value' },
  CARRIER_FLAG,
];

export const PLAN_FLAGS: readonly Flag[] = [
  { name: 'db', type: 'string', value: 'text', placeholder: 'CONNINFO', describe: 'the server: postgres://… URI, "host=… port=… dbname=…", service=NAME (default: the PG* environment)' },
  { name: 'primary', type: 'string', value: 'text', placeholder: 'CONNINFO', describe: 'for a standby: its primary, to check the hot-standby minimums' },
  { name: 'format', type: 'string', choices: ['text', 'json'], describe: 'output format (default: text)' },
  { name: 'fail-on', type: 'string', choices: SEVERITY_WORDS, describe: 'lowest lint severity that makes the exit code 1 (default: error)' },
  { name: 'query-timeout', type: 'string', value: 'seconds', placeholder: 'SECONDS', describe: 'give up on a query after this long (default: 15; connecting: connect_timeout, default 10)' },
];

export type CommandName = 'lint' | 'simulate' | 'tune' | 'plan' | 'explain' | 'rules';

export interface CommandSpec {
  name: CommandName;
  /** the positional words: `<files..>`, `[file]` */
  positional: string;
  /** how many of them: at least, at most */
  arity: { min: number; max: number; what: string };
  describe: string;
  /** an example for the message when the positional is missing */
  example: string;
  flags: readonly Flag[];
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'lint',
    positional: '<files..>',
    arity: { min: 1, max: Infinity, what: 'a postgresql.conf file ("-" reads standard input)' },
    describe: 'check configuration files: will PostgreSQL accept them, and is that wise?',
    example: 'pgvet lint postgresql.conf',
    flags: [PG_VERSION_FLAG, ...HOST_FLAGS, ...LINT_FLAGS],
  },
  {
    name: 'simulate',
    positional: '<file>',
    arity: { min: 1, max: 1, what: 'one postgresql.conf file ("-" reads standard input)' },
    describe: 'which processes the configuration runs and how much memory they take, on a host under a workload',
    example: 'pgvet simulate postgresql.conf --ram 16GB',
    flags: [PG_VERSION_FLAG, ...HOST_FLAGS, ...SIMULATE_FLAGS],
  },
  {
    name: 'tune',
    positional: '[file]',
    arity: { min: 0, max: 1, what: 'at most one postgresql.conf file ("-" reads standard input)' },
    describe: 'recommended settings for a host and workload, explained; --diff, --write (interactive at a terminal)',
    example: 'pgvet tune postgresql.conf --ram 16GB --cores 8',
    flags: [PG_VERSION_FLAG, ...HOST_FLAGS, ...TUNE_FLAGS],
  },
  {
    name: 'plan',
    positional: '<file>',
    arity: { min: 1, max: 1, what: 'the postgresql.conf file to deploy' },
    describe: 'before a deploy: what this file changes on a live server, and whether it would refuse it',
    example: 'pgvet plan postgresql.conf --db postgres://db1/app',
    flags: PLAN_FLAGS,
  },
  {
    name: 'explain',
    positional: '<topic>',
    arity: { min: 1, max: 1, what: 'a rule (PGV001 or syntax-error) or a parameter (shared_buffers)' },
    describe: "a rule's documentation (PGV001 or syntax-error) or a parameter's facts (shared_buffers)",
    example: 'pgvet explain shared_buffers',
    flags: [PG_VERSION_FLAG],
  },
  {
    name: 'rules',
    positional: '',
    arity: { min: 0, max: 0, what: 'nothing' },
    describe: 'list every rule (with --pg-version: those that apply to that version)',
    example: 'pgvet rules',
    flags: [PG_VERSION_FLAG],
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  return COMMANDS.find((c) => c.name === name)!;
}

/** A command's flags and the global ones, by name. */
export function flagsOf(spec: CommandSpec): Map<string, Flag> {
  return new Map([...spec.flags, ...GLOBAL_FLAGS].map((f) => [f.name, f]));
}
