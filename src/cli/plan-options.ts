/** The flags of `pgvet plan` (kept apart from plan.ts so that lint never loads the live-server code). */
import type { Argv } from 'yargs';

export interface PlanArgs {
  file: string;
  db?: string;
  primary?: string;
  format?: string;
  failOn?: string;
}

export function planOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .positional('file', { type: 'string', demandOption: true, describe: 'the postgresql.conf to deploy' })
    .option('db', { type: 'string', describe: 'the server: postgres://… URI, "host=… port=… dbname=…", service=NAME, or nothing for the PG* environment' })
    .option('primary', { type: 'string', describe: 'for a standby: its primary, to check the hot-standby minimums' })
    .option('format', { choices: ['text', 'json'] as const, describe: 'output format (default: text)' })
    .option('fail-on', { choices: ['error', 'warning', 'info'] as const, describe: 'lowest lint severity that makes the exit code 1 (default: error)' }) as unknown as Argv<T>;
}
