/**
 * Golden files for every reporter: what pgvet prints, byte for byte, for fixed inputs (lint in
 * each format, with and without a host; simulate; tune). A wording or layout change shows up as a
 * diff in fixtures/golden; PGVET_UPDATE_GOLDEN=1 rewrites them (read every diff before committing).
 * `plan` is rendered from live-server snapshots captured from a real PostgreSQL
 * (fixtures/plan/*.json, written by `npm run capture-live`; test/plan-snapshot.test.ts in the
 * servers project checks they still match the server) and fixtures/plan/deploy.conf.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runInProcess } from './support/cli-run.js';
import { planExitCode, planFromLive, renderPlan } from '../src/cli/plan.js';
import { parseSnapshot } from '../scripts/lib/live-snapshot.js';

const GOLDEN_DIR = path.join(PACKAGE_ROOT, 'fixtures', 'golden');
const UPDATE = process.env.PGVET_UPDATE_GOLDEN === '1';

const HOST = ['--ram', '16GB', '--cores', '4', '--storage', 'ssd', '--replicas', '1'];
const LINT = ['lint', 'fixtures/broken.conf', '--pg-version', '17', '--no-config'];
const SIMULATE = ['simulate', 'fixtures/postgresql.conf', '--pg-version', '17', '--ram', '16GB', '--cores', '4', '--workload', 'oltp'];
const TUNE = ['tune', '--pg-version', '17', '--ram', '16GB', '--cores', '8', '--storage', 'ssd', '--workload', 'oltp'];

/** name → arguments and the exit code they give. */
const CASES: Array<[string, string[], number]> = [
  ['lint.txt', [...LINT, ...HOST, '--format', 'text'], 1],
  ['lint-no-host.txt', [...LINT, '--format', 'text'], 1],
  ['lint.json', [...LINT, ...HOST, '--format', 'json'], 1],
  ['lint-no-host.json', [...LINT, '--format', 'json'], 1],
  ['lint.sarif', [...LINT, ...HOST, '--format', 'sarif'], 1],
  ['lint.github.txt', [...LINT, ...HOST, '--format', 'github'], 1],
  ['lint.compact.txt', [...LINT, ...HOST, '--format', 'compact'], 1],
  ['lint-no-host.compact.txt', [...LINT, '--format', 'compact'], 1],
  ['lint.md', [...LINT, '--format', 'markdown'], 1],
  ['simulate.txt', [...SIMULATE, '--format', 'text', '--no-color'], 0],
  ['simulate.json', [...SIMULATE, '--format', 'json'], 0],
  ['tune.conf', [...TUNE, '--format', 'conf'], 0],
  ['tune-explain.conf', [...TUNE, '--format', 'conf', '--explain'], 0],
  ['tune.json', [...TUNE, '--format', 'json'], 0],
  ['tune.sql', [...TUNE, '--format', 'alter-system'], 0],
];

/** name → plan format, colour, and the exit code `pgvet plan` gives (1: a standby of that primary would stop). */
const PLAN_CASES: Array<[string, 'text' | 'json', boolean, number]> = [
  ['plan.txt', 'text', false, 1],
  ['plan-color.txt', 'text', true, 1],
  ['plan.json', 'json', false, 1],
];
const PLAN_DIR = path.join(PACKAGE_ROOT, 'fixtures', 'plan');

let cwd = '';
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(PACKAGE_ROOT);
});
afterAll(() => process.chdir(cwd));

test('every golden file belongs to a case (none is left over)', () => {
  const files = fs.existsSync(GOLDEN_DIR) ? fs.readdirSync(GOLDEN_DIR).sort() : [];
  expect(files).toEqual([...CASES, ...PLAN_CASES].map(([name]) => name).sort());
});

function golden(name: string, got: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, got);
  }
  expect(got).toBe(fs.readFileSync(file, 'utf8'));
}

test.each(CASES)('%s', async (name, args, code) => {
  const r = await runInProcess(args);
  expect({ stderr: r.stderr, code: r.code }).toEqual({ stderr: '', code });
  // the one machine-specific part: SARIF's %SRCROOT% is the working directory
  golden(name, r.stdout.split(`file://${PACKAGE_ROOT.replace(/\/?$/, '/')}`).join('file://<package>/'));
});

describe('plan, from snapshots of a real PostgreSQL 18', () => {
  const snapshot = (name: string) => parseSnapshot(fs.readFileSync(path.join(PLAN_DIR, name), 'utf8'), name);
  const live = snapshot('live-18.json');
  const primary = snapshot('primary-18.json');
  const report = () => planFromLive('fixtures/plan/deploy.conf', live.server, live.description, primary.server);

  test('the scene has one change of each kind (the goldens below show them all)', () => {
    const { plan } = report();
    const names = (xs: Array<{ name: string }>): string[] => xs.map((x) => x.name);
    expect(plan.changes.map((c) => [c.name, c.group, c.from, c.to, c.pendingRestart ?? false])).toEqual([
      ['checkpoint_timeout', 'reload', '5min', '10min', false],
      ['max_connections', 'restart', '50', '5', false],
      ['shared_buffers', 'restart', '128MB', '256MB', true],
      ['work_mem', 'session', '4MB', '8MB', false],
    ]);
    expect(plan.toDefault.map((c) => [c.name, c.group, c.to])).toEqual([
      ['checkpoint_completion_target', 'reload', '0.9'],
      ['log_min_duration_statement', 'session', '-1'],
    ]);
    expect(plan.overridden.map((o) => [o.name, o.by, o.wins])).toEqual([
      ['autovacuum_naptime', 'command-line', '30s'],
      ['maintenance_work_mem', 'alter-system', '99MB'],
    ]);
    expect(names(plan.hotStandby)).toEqual(['max_connections', 'max_worker_processes']);
    expect(plan.warnings).toEqual([`max_connections becomes 5, but ${live.server.clientBackends} client connections are open right now`]);
    expect(plan.sharedMemory.nowMB).toBe(live.server.sharedMemoryMB);
  });

  test.each(PLAN_CASES)('%s', (name, format, color, code) => {
    const r = report();
    expect(planExitCode(r)).toBe(code);
    golden(name, renderPlan(r, format, color));
  });
});
