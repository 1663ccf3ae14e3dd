/**
 * `pgvet simulate <file>`: the processes and memory a configuration gives on a host under a
 * workload. Flags here; main.ts wires the command. Exit codes: 0 printed; 1 printed, but
 * PostgreSQL would refuse the file (the simulation shows what it would have had); 2 usage or
 * input error (one line).
 */
import type { Argv } from 'yargs';
import { lintFile } from '../engine/lint.js';
import { hostAuto } from '../host/auto.js';
import { hostFromFile, hostFromFlags, mergeHost } from '../host/host.js';
import { HostError, type Host, type Workload } from '../host/types.js';
import { renderSimulateJson, type SimulateReport } from '../report/simulate-json.js';
import { renderSimulateText } from '../report/simulate-text.js';
import { InputError, readStdinConfig } from '../resolve/load.js';
import { simulate, type Role } from '../simulate/index.js';
import { configVersionFor, pickVersion, UsageError, useColor } from './common.js';
import { HOST_FLAGS, withFlags } from './options.js';

export interface HostArgs {
  ram?: string;
  cores?: string;
  storage?: string;
  workload?: string;
  connections?: string | number;
  replicas?: string | number;
  host?: string;
}

export interface SimulateArgs extends HostArgs {
  file: string;
  pgVersion?: unknown;
  role?: string;
  format?: string;
  color?: boolean;
}

/** The host and workload flags (shared with lint). */
export function hostOptions<T>(y: Argv<T>): Argv<T> {
  return withFlags(y, HOST_FLAGS);
}

export function simulateOptions<T>(y: Argv<T>): Argv<T> {
  return hostOptions(y)
    .positional('file', { type: 'string', demandOption: true, describe: 'the postgresql.conf to simulate ("-" reads standard input)' })
    .option('role', { choices: ['primary', 'standby'] as const, describe: 'run it as a primary or a standby (default: primary)' })
    .option('format', { choices: ['text', 'json'] as const, describe: 'output format (default: text)' })
    .option('color', { type: 'boolean', describe: 'colour the text output (default: when standard output is a terminal)' }) as unknown as Argv<T>;
}

/** The Host from --host FILE|auto and the flags (flags win); undefined when nothing was said. Throws HostError / InputError. */
export function hostFromArgs(argv: HostArgs): Host | undefined {
  const flags = hostFromFlags({
    ...(argv.ram !== undefined ? { ram: argv.ram } : {}),
    ...(argv.cores !== undefined ? { cores: argv.cores } : {}),
    ...(argv.storage !== undefined ? { storage: argv.storage } : {}),
    ...(argv.workload !== undefined ? { workload: argv.workload } : {}),
    ...(argv.connections !== undefined ? { connections: argv.connections } : {}),
    ...(argv.replicas !== undefined ? { replicas: argv.replicas } : {}),
  });
  const given = Object.keys(flags).some((k) => k !== 'source');
  if (argv.host === undefined) return given ? flags : undefined;
  const base = argv.host === 'auto' ? hostAuto() : hostFromFile(argv.host);
  return mergeHost(base, flags);
}

/** Run `pgvet simulate`; returns the exit code. Input and usage errors: one line on stderr, 2. */
export function runSimulate(argv: SimulateArgs): number {
  try {
    const { version, source } = pickVersion(argv.pgVersion, argv.pgVersion === undefined ? configVersionFor(argv.file) : undefined);
    const host = hostFromArgs(argv);
    const stdin = argv.file === '-' || argv.file === '<stdin>';
    const lint = lintFile(stdin ? '<stdin>' : argv.file, { version, ...(stdin ? { mainBytes: readStdinConfig() } : {}) });
    const refusals = lint.findings.filter((f) => f.severity === 'error').map((f) => ({ ruleId: f.ruleId, message: f.message, file: f.file, line: f.line }));
    const role = (argv.role ?? 'primary') as Role;
    const workload = argv.workload as Workload | undefined;
    const estimate = simulate({ settings: lint.resolution.settings, version, ...(host ? { host } : {}), ...(workload ? { workload } : {}), role });
    const workloadSource = workload ? '--workload' : host?.workload ? `host ${host.source}` : 'default (no --workload given)';
    const report: SimulateReport = { file: lint.config.main.displayPath, pgVersionSource: source, host: host ?? null, workloadSource, refusals, estimate };
    process.stdout.write(argv.format === 'json' ? renderSimulateJson(report) : renderSimulateText(report, { color: useColor(argv.color) }));
    return refusals.length ? 1 : 0;
  } catch (err) {
    if (err instanceof InputError || err instanceof HostError || err instanceof UsageError) {
      process.stderr.write(`pgvet: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
