/**
 * The flags of `pgvet lint` (and the host flags it shares with simulate and tune) as data. yargs
 * builds its commands, help and errors from these tables, and lint-args.ts reads the plain
 * invocations CI makes from the same tables without loading yargs (see lint-args.ts for why).
 */
import type { Argv, Options } from 'yargs';
import { STORAGE_KINDS, WORKLOADS } from '../host/types.js';
import { CARRIERS } from '../carriers/model.js';

export interface Flag {
  /** as typed on the command line: --fail-on */
  name: string;
  /** a string, a number, or one of these words; a boolean takes no value */
  type: 'string' | 'number' | 'boolean';
  choices?: readonly string[];
  /** `--no-NAME` gives false (only --no-config) */
  negatable?: boolean;
  describe: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github', 'compact'] as const;
export const SEVERITY_WORDS = ['error', 'warning', 'info'] as const;

export const PG_VERSION_FLAG: Flag = { name: 'pg-version', type: 'string', describe: 'PostgreSQL major version (13–18); default: the newest' };

/** The host and workload flags (lint, simulate, tune). */
export const HOST_FLAGS: readonly Flag[] = [
  { name: 'ram', type: 'string', describe: 'memory of the host: 16GB, 512MB, 16Gi (Kubernetes), or bytes' },
  { name: 'cores', type: 'string', describe: 'CPUs of the host: 8, 2.5, or 1500m' },
  { name: 'storage', type: 'string', choices: STORAGE_KINDS, describe: 'storage of the data directory' },
  { name: 'workload', type: 'string', choices: WORKLOADS, describe: 'how the server is used' },
  { name: 'connections', type: 'string', describe: 'expected concurrently active clients' },
  { name: 'replicas', type: 'string', describe: 'streaming replicas this server feeds' },
  { name: 'host', type: 'string', describe: 'a host description (JSON, see src/host/host.schema.json), or "auto" for this machine and its container limits; flags override it' },
];

/** The flags only lint has. */
export const LINT_FLAGS: readonly Flag[] = [
  { name: 'format', type: 'string', choices: FORMATS, describe: 'output format (default: text)' },
  { name: 'fail-on', type: 'string', choices: SEVERITY_WORDS, describe: 'lowest severity that makes the exit code 1 (default: error)' },
  { name: 'max-warnings', type: 'number', describe: 'exit 1 when there are more warnings than this' },
  { name: 'config', type: 'string', negatable: true, describe: 'use this .pgvetrc.json (--no-config: none; default: the nearest one above the first file)' },
  { name: 'baseline', type: 'string', describe: 'report only findings not recorded in this baseline file' },
  { name: 'write-baseline', type: 'string', describe: "record this run's findings in a baseline file" },
  { name: 'hba', type: 'string', describe: 'a pg_hba.conf to check with the security rules' },
  { name: 'carrier', type: 'string', choices: CARRIERS, describe: 'read the files as this carrier (default: detected): an operator manifest, Patroni, compose, Helm values, Ansible vars or Terraform' },
  { name: 'show-effective', type: 'boolean', describe: 'print, per server a manifest, compose, Helm, Patroni, Ansible or Terraform file describes, the settings PostgreSQL will see, with their layer and place' },
];

/** A flag as a yargs option. */
export function yargsOption(flag: Flag): Options {
  return flag.choices ? { choices: flag.choices, describe: flag.describe } : { type: flag.type, describe: flag.describe };
}

/** Declare these flags on a yargs command. */
export function withFlags<T>(y: Argv<T>, flags: readonly Flag[]): Argv<T> {
  let out = y;
  for (const flag of flags) out = out.option(flag.name, yargsOption(flag)) as unknown as Argv<T>;
  return out;
}
