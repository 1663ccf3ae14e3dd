/** The flags of `pgvet tune` (kept apart from tune.ts so that lint never loads the tuner). */
import type { Argv } from 'yargs';
import { hostOptions, type HostArgs } from './simulate.js';

export interface TuneArgs extends HostArgs {
  file?: string;
  keep?: string | string[];
  format?: string;
  diff?: boolean;
  write?: boolean;
  yes?: boolean;
  explain?: boolean;
  pgVersion?: unknown;
}

export function tuneOptions<T>(y: Argv<T>): Argv<T> {
  return hostOptions(y)
    .positional('file', { type: 'string', describe: 'the postgresql.conf to tune (optional: without it, tune prints settings for the host)' })
    .option('keep', { type: 'string', describe: 'parameters to leave as the file has them, comma-separated (the rest is sized around them)' })
    .option('format', { choices: ['conf', 'alter-system', 'json'] as const, describe: 'output format (default: conf)' })
    .option('diff', { type: 'boolean', describe: 'print a unified diff of what --write would change in the file' })
    .option('write', { type: 'boolean', describe: 'edit the file (all included files or none; backup: FILE.bak, or a fresh FILE.bak.N); asks group by group at a terminal unless --yes' })
    .option('yes', { type: 'boolean', describe: 'with --write: apply every recommendation without asking' })
    .option('explain', { type: 'boolean', describe: 'show the formula, inputs and source of each value' }) as unknown as Argv<T>;
}

