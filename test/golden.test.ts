/**
 * Golden files for every reporter: what pgvet prints, byte for byte, for fixed inputs (lint in
 * each format, with and without a host; simulate; tune). A wording or layout change shows up as a
 * diff in fixtures/golden; PGVET_UPDATE_GOLDEN=1 rewrites them (read every diff before committing).
 * `plan` needs a live server: its report is covered by test/plan.test.ts (servers project).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { runInProcess } from './support/cli-run.js';

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

let cwd = '';
beforeAll(() => {
  cwd = process.cwd();
  process.chdir(PACKAGE_ROOT);
});
afterAll(() => process.chdir(cwd));

test('every golden file belongs to a case (none is left over)', () => {
  const files = fs.existsSync(GOLDEN_DIR) ? fs.readdirSync(GOLDEN_DIR).sort() : [];
  expect(files).toEqual(CASES.map(([name]) => name).sort());
});

test.each(CASES)('%s', async (name, args, code) => {
  const r = await runInProcess(args);
  expect({ stderr: r.stderr, code: r.code }).toEqual({ stderr: '', code });
  // the one machine-specific part: SARIF's %SRCROOT% is the working directory
  const got = r.stdout.split(`file://${PACKAGE_ROOT.replace(/\/?$/, '/')}`).join('file://<package>/');
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, got);
  }
  expect(got).toBe(fs.readFileSync(file, 'utf8'));
});
