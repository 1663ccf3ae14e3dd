/**
 * pg_hba.conf findings in every output format: each points at the pg_hba.conf (or the file it
 * includes) and the line, never at postgresql.conf; they come once however many postgresql.conf
 * files are linted with the same --hba; a pg_hba.conf passed as a postgresql.conf is named as such.
 */
import { plainEnv, spawnPgvet, type Run } from './support/kit.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dir: string;

function pgvet(args: string[]): Run {
  return spawnPgvet(args, { cwd: dir, env: plainEnv({ SOURCE_DATE_EPOCH: '1767225600' }) });
}

const HBA = ['local all all peer', 'hots all all 127.0.0.1/32 trust', 'host all all 10.0.0.0/8 trust', 'include extra.conf', ''].join('\n');
const EXTRA = ['# more rules', 'host all all 10.0.0.0/33 md5', ''].join('\n');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-hba-'));
  fs.mkdirSync(path.join(dir, 'etc'));
  fs.writeFileSync(path.join(dir, 'etc', 'pg_hba.conf'), HBA);
  fs.writeFileSync(path.join(dir, 'etc', 'extra.conf'), EXTRA);
  fs.writeFileSync(path.join(dir, 'a.conf'), 'work_mem = 8MB\n');
  fs.writeFileSync(path.join(dir, 'b.conf'), 'work_mem = 16MB\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = ['lint', 'a.conf', '--hba', 'etc/pg_hba.conf', '--pg-version', '17', '--ram', '16GB', '--cores', '4', '--storage', 'ssd', '--replicas', '0'];

test('text: file:line:col of the pg_hba.conf line and of the included file', () => {
  const r = pgvet(base);
  expect(r.code).toBe(1);
  const located = r.stdout.split('\n').filter((l) => /PGV60[35]/.test(l)).map((l) => l.split(/\s{2,}/).slice(0, 3).join(' | '));
  expect(located).toEqual([
    'etc/extra.conf:2:1 | error | PGV605',
    'etc/pg_hba.conf:2:1 | error | PGV605',
    'etc/pg_hba.conf:3:1 | warning | PGV603',
  ]);
  expect(r.stdout).not.toMatch(/a\.conf\s+warning\s+PGV603/);
});

test('json: file and line fields, and the hba files among the files', () => {
  const r = pgvet([...base, '--format', 'json']);
  const report = JSON.parse(r.stdout) as { files: string[]; findings: Array<{ ruleId: string; file: string; line: number; column: number }> };
  expect(report.files).toEqual(['a.conf', 'etc/extra.conf', 'etc/pg_hba.conf']);
  const hba = report.findings.filter((f) => f.ruleId.startsWith('PGV60')).map((f) => [f.ruleId, f.file, f.line, f.column]);
  expect(hba).toEqual([
    ['PGV605', 'etc/extra.conf', 2, 1],
    ['PGV605', 'etc/pg_hba.conf', 2, 1],
    ['PGV603', 'etc/pg_hba.conf', 3, 1],
  ]);
});

test('sarif: artifact and region of each hba result', () => {
  const r = pgvet([...base, '--format', 'sarif']);
  const sarif = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } } }> }> }> };
  const hba = sarif.runs[0]!.results.filter((x) => x.ruleId.startsWith('PGV60')).map((x) => {
    const loc = x.locations[0]!.physicalLocation;
    return [x.ruleId, loc.artifactLocation.uri, loc.region?.startLine, loc.region?.startColumn];
  });
  expect(hba).toEqual([
    ['PGV605', 'etc/extra.conf', 2, 1],
    ['PGV605', 'etc/pg_hba.conf', 2, 1],
    ['PGV603', 'etc/pg_hba.conf', 3, 1],
  ]);
});

test('github: annotations on the hba file and line', () => {
  const r = pgvet([...base, '--format', 'github']);
  const hba = r.stdout.split('\n').filter((l) => /PGV60[35]/.test(l)).map((l) => l.replace(/,title=.*$/, ''));
  expect(hba).toEqual([
    '::error file=etc/extra.conf,line=2,col=1',
    '::error file=etc/pg_hba.conf,line=2,col=1',
    '::warning file=etc/pg_hba.conf,line=3,col=1',
  ]);
});

test('one --hba with two postgresql.conf files: the hba findings come once', () => {
  const r = pgvet(['lint', 'a.conf', 'b.conf', '--hba', 'etc/pg_hba.conf', '--pg-version', '17', '--format', 'json']);
  const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> };
  expect(report.findings.filter((f) => f.ruleId === 'PGV605').map((f) => `${f.file}:${f.line}`)).toEqual(['etc/extra.conf:2', 'etc/pg_hba.conf:2']);
});

test('before 16 an include record is itself the invalid line', () => {
  const r = pgvet([...base.slice(0, 4), '--pg-version', '15', '--format', 'json']);
  const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; message: string }> };
  expect(report.findings.filter((f) => f.ruleId === 'PGV605').map((f) => [f.file, f.line, f.message.split(':')[0]])).toEqual([
    ['etc/pg_hba.conf', 2, 'invalid connection type "hots"'],
    ['etc/pg_hba.conf', 4, 'invalid connection type "include"'],
  ]);
});

test('a pg_hba.conf linted as a postgresql.conf is named as such, exit 2', () => {
  const r = pgvet(['lint', 'etc/pg_hba.conf', '--pg-version', '17']);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toEqual(['pgvet: etc/pg_hba.conf: this looks like a pg_hba.conf, not a postgresql.conf; check it with --hba etc/pg_hba.conf beside the postgresql.conf']);
  expect(r.stdout).not.toContain('PGV001');
});

test('a postgresql.conf of include lines only (with a syntax error inside) is a postgresql.conf, not a pg_hba.conf', () => {
  fs.mkdirSync(path.join(dir, 'conf.d'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'conf.d', 'a.conf'), 'q = = 1\n');
  fs.writeFileSync(path.join(dir, 'only-includes.conf'), "include_dir 'conf.d'\ninclude_if_exists 'missing.conf'\n");
  const r = pgvet(['lint', 'only-includes.conf', '--pg-version', '17', '--format', 'json', '--no-config']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> };
  expect(report.findings.filter((f) => f.ruleId === 'PGV001').map((f) => [f.file, f.line])).toEqual([['conf.d/a.conf', 1]]);
});
