/** `pgvet plan <file> --db …`: the deploy impact of a config file on a live server. */
import type { PlanArgs } from './plan-options.js';
import { isPgMajor, loadCatalog } from '../catalog/catalog.js';
import { lintFile } from '../engine/lint.js';
import { SEVERITY_RANK, type Severity } from '../engine/types.js';
import { InputError } from '../resolve/load.js';
import { HostError } from '../host/types.js';
import { describe as describeConn, redact, resolveConnection, toClientConfig } from '../plan/conninfo.js';
import { readLiveServer, type LiveServer } from '../plan/live.js';
import { makePlan } from '../plan/plan.js';
import { renderPlanJson, renderPlanText } from '../report/plan.js';

async function connect(db: string | undefined, label: string): Promise<{ live: LiveServer; description: string }> {
  const params = resolveConnection(db);
  const description = describeConn(params);
  try {
    return { live: await readLiveServer(toClientConfig(params)), description };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    const reason =
      e.code === 'ECONNREFUSED' ? 'connection refused (is the server running and listening there?)'
        : e.code === 'ENOTFOUND' ? 'host not found'
          : /timeout/i.test(e.message) ? 'timed out connecting'
            : e.code === 'ECONNRESET' || /terminated unexpectedly|Connection terminated/i.test(e.message) ? 'the other end closed the connection (not a PostgreSQL server?)'
              : e.message;
    throw new InputError(label, `cannot connect to ${label} ${description}: ${redact(reason, params.password)}`);
  }
}

/** Run `pgvet plan`; input and connection errors are one line on stderr and exit 2 (handled here: this module is bundled apart from main). */
export async function runPlan(argv: PlanArgs, color: boolean): Promise<number> {
  try {
    return await plan(argv, color);
  } catch (err) {
    if (err instanceof InputError || err instanceof HostError) {
      process.stderr.write(`pgvet: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

async function plan(argv: PlanArgs, color: boolean): Promise<number> {
  const { live, description } = await connect(argv.db, 'the server');
  const major = Math.floor(live.versionNum / 10000);
  if (!isPgMajor(major)) throw new InputError(argv.file, `the server runs PostgreSQL ${live.version}; pgvet knows 13 to 18`);
  const primary = argv.primary ? (await connect(argv.primary, 'the primary')).live : undefined;
  const catalog = loadCatalog(major);
  // serverVersion: PGV803 compares the live minor with the newest known one
  const file = lintFile(argv.file, { version: major, serverVersion: live.version });
  const plan = makePlan(file, catalog, live, primary);
  const failOn = (argv.failOn ?? 'error') as Severity;
  const refused = file.findings.some((f) => f.severity === 'error');
  const report = {
    file: argv.file,
    server: { description, version: live.version, pgVersion: major, standby: live.standby, configFile: live.configFile },
    plan,
    findings: file.findings,
    refused,
  };
  process.stdout.write(argv.format === 'json' ? renderPlanJson(report) : renderPlanText(report, color));
  return refused || plan.hotStandby.length > 0 || file.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 1 : 0;
}
