/**
 * `pgvet simulate <file>`: the processes and memory a configuration gives on a host under a
 * workload (flags: options.ts). Exit codes: 0 printed; 1 printed, but
 * PostgreSQL would refuse the file (the simulation shows what it would have had); 2 usage or
 * input error (one line).
 */
import { analyze, refusalRules } from '../analyze.js';
import { RULES } from '../../rules/index.js';
import { hostAuto } from '../host/auto.js';
import { hostFromFile, hostFromFlags, mergeHost } from '../host/host.js';
import { HostError, type Host, type Workload } from '../host/types.js';
import { renderSimulateJson, type SimulateReport } from '../report/simulate-json.js';
import { renderSimulateText } from '../report/simulate-text.js';
import { simulate, type Role } from '../simulate/index.js';
import { configVersionFor, pickVersion, UsageError } from './common.js';
import { complain, out, stdio, useColor } from './stdio.js';
import { isPgMajor } from '../catalog/catalog.js';
import { formatBytes } from '../format.js';
import { isCarrierFile, looksLikeCarrierText } from '../carriers/sniff.js';
import { useCarriers } from './carrier-errors.js';
import type { CarrierId } from '../carriers/model.js';

export interface HostArgs {
  ram?: string;
  cores?: string;
  storage?: string;
  workload?: string;
  connections?: string | number;
  replicas?: string | number;
  walVolume?: string;
  filesystem?: string;
  host?: string;
}

export interface SimulateArgs extends HostArgs {
  file: string;
  pgVersion?: unknown;
  role?: string;
  format?: string;
  color?: boolean;
  /** --carrier: read the file as this carrier. */
  carrier?: string;
}

/** The Host from --host FILE|auto and the flags (flags win); undefined when nothing was said. Throws HostError / InputError. */
export function hostFromArgs(argv: HostArgs): Host | undefined {
  // one flag at a time, so that a bad value names its flag: "--ram: invalid size "-1GB": …"
  const flags: Host = { source: 'flags' };
  for (const key of ['ram', 'cores', 'storage', 'workload', 'connections', 'replicas', 'walVolume', 'filesystem'] as const) {
    const value = argv[key];
    if (value === undefined) continue;
    try {
      Object.assign(flags, hostFromFlags({ [key]: value }), { source: 'flags' });
    } catch (err) {
      const flag = key === 'walVolume' ? 'wal-volume' : key;
      if (err instanceof HostError && !err.message.includes(`--${flag}`)) throw new HostError(`--${flag}: ${err.message}`);
      throw err;
    }
  }
  const given = Object.keys(flags).some((k) => k !== 'source');
  if (argv.host === undefined) return given ? flags : undefined;
  const base = argv.host === 'auto' ? hostAuto() : hostFromFile(argv.host);
  return mergeHost(base, flags);
}

/** Run `pgvet simulate`; returns the exit code. Throws UsageError / InputError / HostError (exit 2 at the edge, src/cli/main.ts). */
export function runSimulate(argv: SimulateArgs): number {
  {
    const stdin = argv.file === '-';
    const stdinBytes = stdin ? stdio().readStdin() : undefined;
    // a manifest, Patroni, compose, Helm values…: simulate what PostgreSQL will see, on the document's host
    const forced = argv.carrier as CarrierId | undefined;
    const carrier = forced || (stdinBytes ? looksLikeCarrierText(Buffer.from(stdinBytes).toString('utf8')) : isCarrierFile(argv.file)) ? useCarriers((c) => c.toolInput(argv.file, { ...(stdinBytes ? { stdin: stdinBytes } : {}), ...(forced ? { carrier: forced } : {}) })) : undefined;
    for (const n of carrier?.notes ?? []) complain(`note: ${n}`);
    const picked = pickVersion(argv.pgVersion, argv.pgVersion === undefined && !carrier ? configVersionFor(argv.file) : undefined);
    let version = picked.version;
    let source: SimulateReport['pgVersionSource'] = picked.source;
    const stated = carrier?.major;
    if (carrier && stated !== undefined) {
      if (argv.pgVersion === undefined) {
        if (!isPgMajor(stated)) throw new UsageError(`${carrier.display} runs PostgreSQL ${stated}; pgvet simulates 13 to 18 (give --pg-version)`);
        version = stated;
        source = 'document';
      } else if (stated !== version) complain(`note: --pg-version ${version} disagrees with ${carrier.display}, which runs PostgreSQL ${stated}: simulated for ${version}`);
    }
    let host = hostFromArgs(argv);
    if (carrier) {
      const doc = carrier.host;
      for (const [k, flag] of [['ramBytes', '--ram'], ['cores', '--cores'], ['replicas', '--replicas']] as const) {
        const a = host?.[k];
        const b = doc[k];
        if (typeof a === 'number' && typeof b === 'number' && a !== b) complain(`note: ${flag} ${k === 'ramBytes' ? formatBytes(a) : a} disagrees with ${carrier.display} (${k === 'ramBytes' ? formatBytes(b) : b}): the flag wins`);
      }
      const given = host ? (Object.fromEntries(Object.entries(host).filter(([, v]) => v !== undefined)) as Partial<Host>) : {};
      const fromDoc: Partial<Host> = { ...(doc.ramBytes !== undefined ? { ramBytes: doc.ramBytes } : {}), ...(doc.cores !== undefined ? { cores: doc.cores } : {}), ...(doc.replicas !== undefined ? { replicas: doc.replicas } : {}), ...(doc.containerLimited ? { containerLimited: true } : {}) };
      if (Object.keys(fromDoc).length || host) host = { source: 'file', ...fromDoc, ...given } as Host;
    }
    // the refusals only (the rules whose findings are errors): simulate needs the verdict and the settings, not every rule
    const rules = refusalRules(RULES);
    const lint = carrier ? analyze(carrier.display, { version, rules, mainBytes: Buffer.from(carrier.text) }) : analyze(stdin ? '<stdin>' : argv.file, { version, rules, ...(stdinBytes ? { mainBytes: stdinBytes } : {}) });
    // on a carrier: what PostgreSQL or the platform refuses, at the carrier's own lines
    const errors = carrier ? useCarriers((c) => c.lintCarrier(carrier.display, { version, fallbackVersion: version, ...(stdinBytes ? { stdin: stdinBytes } : {}), ...(forced ? { carrier: forced } : {}) })).findings : lint.findings;
    const refusals = errors.filter((f) => f.severity === 'error').map((f) => ({ ruleId: f.ruleId, message: f.message, file: f.file, line: f.line }));
    const role = (argv.role ?? 'primary') as Role;
    const workload = argv.workload as Workload | undefined;
    const estimate = simulate({ settings: lint.resolution.settings, version, ...(host ? { host } : {}), ...(workload ? { workload } : {}), role });
    const workloadSource = workload ? '--workload' : host?.workload ? `host ${host.source}` : 'default (no --workload given)';
    const report: SimulateReport = { file: lint.config.main.displayPath, pgVersionSource: source, host: host ?? null, workloadSource, refusals, estimate };
    out(argv.format === 'json' ? renderSimulateJson(report) : renderSimulateText(report, { color: useColor(argv.color) }));
    return refusals.length ? 1 : 0;
  }
}
