/** `pgvet plan <file> --db …`: the deploy impact of a config file on a live server. */
import type { PlanArgs } from './plan-options.js';
import { isPgMajor, loadCatalog } from '../catalog/catalog.js';
import type { PgMajor } from '../catalog/types.js';
import { analyze } from '../analyze.js';
import { RULES } from '../../rules/index.js';
import { SEVERITY_RANK, type Severity } from '../engine/types.js';
import { InputError } from '../resolve/load.js';
import { describe as describeConn, resolveConnection, toClientConfig } from '../plan/conninfo.js';
import { DEFAULT_QUERY_TIMEOUT_S, LiveError, MAX_SERVER_BYTES, readLiveServer, type LiveServer } from '../plan/live.js';
import { makePlan } from '../plan/plan.js';
import { renderPlanJson, renderPlanText, type PlanReport } from '../report/plan.js';
import { out, stdio, useColor, withStdio, type Stdio } from './stdio.js';

async function connect(db: string | undefined, label: 'the server' | 'the primary', flag: '--db' | '--primary', queryTimeoutSeconds: number): Promise<{ live: LiveServer; description: string }> {
  const params = resolveConnection(db, process.env, flag);
  const description = describeConn(params);
  try {
    return { live: await readLiveServer(toClientConfig(params), { queryTimeoutSeconds, maxBytes: MAX_SERVER_BYTES }), description };
  } catch (err) {
    if (!(err instanceof LiveError)) throw err;
    throw new InputError(flag, `${err.connecting ? 'cannot connect to' : 'cannot read from'} ${label} ${description}: ${err.message}`);
  }
}

/**
 * Run `pgvet plan` with these streams (this module is bundled apart from main: it gets them
 * handed over). Input and connection errors are thrown to the one catch at the edge (exit 2).
 */
export async function runPlan(argv: PlanArgs, io: Stdio = stdio()): Promise<number> {
  return withStdio(io, () => plan(argv));
}

/** The server's major version; InputError for one pgvet does not know. */
function majorOf(file: string, live: LiveServer): PgMajor {
  const major = Math.floor(live.versionNum / 10000);
  if (!isPgMajor(major)) throw new InputError(file, `the server runs PostgreSQL ${live.version}; pgvet knows 13 to 18`);
  return major;
}

/** The plan of a file (or '-': standard input) against a live server (also the library's plan()). Throws InputError. */
export async function planReport(file: string, db: string | undefined, primaryDb: string | undefined, queryTimeoutSeconds = DEFAULT_QUERY_TIMEOUT_S): Promise<PlanReport> {
  const { live, description } = await connect(db, 'the server', '--db', queryTimeoutSeconds);
  majorOf(file, live);
  const primary = primaryDb !== undefined ? (await connect(primaryDb, 'the primary', '--primary', queryTimeoutSeconds)).live : undefined;
  return planFromLive(file, live, description, primary);
}

/**
 * The plan of a file against what was read from the live server (and its primary): everything
 * after the connection. Internal seam: the plan golden (test/golden.test.ts) renders it from a
 * snapshot captured from a real server (scripts/capture-live.ts). Throws InputError.
 */
export function planFromLive(file: string, live: LiveServer, description: string, primary?: LiveServer): PlanReport {
  const major = majorOf(file, live);
  const catalog = loadCatalog(major);
  // serverVersion: PGV803 compares the live minor with the newest known one
  const lint = file === '-' ? analyze('<stdin>', { version: major, rules: RULES, serverVersion: live.version, mainBytes: stdio().readStdin() }) : analyze(file, { version: major, rules: RULES, serverVersion: live.version });
  return {
    file: file === '-' ? '<stdin>' : file,
    server: { description, version: live.version, pgVersion: major, standby: live.standby, configFile: live.configFile },
    plan: makePlan(lint, catalog, live, primary),
    findings: lint.findings,
    refused: lint.findings.some((f) => f.severity === 'error'),
  };
}

/** What `pgvet plan` prints for a report in a --format (text unless json). */
export function renderPlan(report: PlanReport, format: string | undefined, color: boolean): string {
  return format === 'json' ? renderPlanJson(report) : renderPlanText(report, color);
}

/** `pgvet plan`'s exit code: 1 when the server would refuse the file, a standby would stop, or a finding reaches --fail-on. */
export function planExitCode(report: PlanReport, failOn: Severity = 'error'): number {
  return report.refused || report.plan.hotStandby.length > 0 || report.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}

async function plan(argv: PlanArgs): Promise<number> {
  const report = await planReport(argv.file, argv.db, argv.primary, argv.queryTimeout ?? DEFAULT_QUERY_TIMEOUT_S);
  out(renderPlan(report, argv.format, useColor(argv.color)));
  return planExitCode(report, (argv.failOn ?? 'error') as Severity);
}
