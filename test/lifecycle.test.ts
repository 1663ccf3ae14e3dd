/** Version lifecycle: the injectable date (SOURCE_DATE_EPOCH), the months option, the data table's shape. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lifecycle, monthsBefore, parseServerVersion, today } from '../src/catalog/lifecycle.js';
import { PG_MAJORS } from '../src/catalog/types.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { lintText } from './support/lint-helpers.js';
import { lintFile } from './support/lint-helpers.js';
import { CASE_ROOT, memoryReader } from './support/memfs.js';

describe('today', () => {
  test('SOURCE_DATE_EPOCH fixes the date (UTC)', () => {
    expect(today({ SOURCE_DATE_EPOCH: '1764979199' })).toBe('2025-12-05'); // 23:59:59 UTC
    expect(today({ SOURCE_DATE_EPOCH: '1764979200' })).toBe('2025-12-06');
  });
  test('without it, the clock', () => {
    expect(today({}, () => Date.UTC(2027, 0, 2, 3))).toBe('2027-01-02');
  });
  test('a malformed value is reported, not guessed', () => {
    expect(today({ SOURCE_DATE_EPOCH: '2026-12-05' })).toEqual({ error: 'SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not "2026-12-05"' });
  });
  test('months before a date, clamped to the month end', () => {
    expect(monthsBefore('2027-11-11', 12)).toBe('2026-11-11');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });
  test('server_version strings', () => {
    expect(parseServerVersion('17.4 (Debian 17.4-1.pgdg120+2)')).toEqual({ major: 17, minor: 4, prerelease: null });
    expect(parseServerVersion('18beta1')).toEqual({ major: 18, minor: null, prerelease: 'beta1' });
  });
});

describe('the data table', () => {
  test('every supported major has dates in order and a newest minor of its own major', () => {
    const data = lifecycle();
    expect(data.majors.source).toMatch(/postgresql\.org\/support\/versioning/);
    expect(data.majors.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const v of PG_MAJORS) {
      const m = data.majors.versions[String(v)]!;
      expect(m.firstRelease < m.finalRelease).toBe(true);
      // five years of support: the final release is in November of the fifth year
      expect(Number(m.finalRelease.slice(0, 4)) - Number(m.firstRelease.slice(0, 4))).toBe(5);
      expect(data.latestMinors.versions[String(v)]).toMatch(new RegExp(`^${v}\\.\\d+$`));
    }
  });
});

describe('PGV802 months option', () => {
  const lint = (months: number | undefined): string[] =>
    lintFile(`${CASE_ROOT}/postgresql.conf`, {
      version: 16,
      reader: memoryReader({ 'postgresql.conf': '# any\n' }),
      cwd: CASE_ROOT,
      today: '2026-12-05',
      ...(months !== undefined ? { ruleSettings: new Map([['PGV802', { level: 'info' as const, options: { months } }]]) } : {}),
    }).findings.filter((f) => f.ruleId === 'PGV802').map((f) => f.message);
  test('16 ends 2028-11-09: outside the default 12 months, inside 24', () => {
    expect(lint(undefined)).toEqual([]);
    expect(lint(24)).toEqual(['PostgreSQL 16 reaches its end of life on 2028-11-09, 705 days from 2026-12-05: plan the upgrade (after that date there are no more security fixes)']);
  });
  test('years before the end, neither rule says anything', () => {
    expect(lintText('# any\n', 13, {}, { today: '2020-01-01' }).findings.filter((f) => f.ruleId.startsWith('PGV80'))).toEqual([]);
  });
});

describe('the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-life-'));
    fs.writeFileSync(path.join(dir, 'a.conf'), 'work_mem = 8MB\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (env: Record<string, string>, v: string): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'pgvet.js'), 'lint', 'a.conf', '--pg-version', v, '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  test('SOURCE_DATE_EPOCH decides: 14 is supported on 2026-11-12 and not the day after', () => {
    const ids = (epoch: string): string[] => (JSON.parse(run({ SOURCE_DATE_EPOCH: epoch }, '14').stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).filter((id) => id.startsWith('PGV80'));
    expect(ids(String(Date.UTC(2026, 10, 12) / 1000))).toEqual(['PGV802']);
    expect(ids(String(Date.UTC(2026, 10, 13) / 1000))).toEqual(['PGV801']);
  });
  test('a malformed SOURCE_DATE_EPOCH is a one-line error, exit 2', () => {
    const r = run({ SOURCE_DATE_EPOCH: 'yesterday' }, '17');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['pgvet: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not "yesterday"']);
  });
});
