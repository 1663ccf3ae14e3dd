/**
 * The CLI as a user meets it: exit codes, one-line errors for bad input (never a stack trace),
 * JSON shape, many files in one run, stdin, colour rules.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
let dir: string;

function pgvet(args: string[], options: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28, ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

function expectOneLineError(r: { code: number | null; stderr: string }, mentions: string): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(mentions);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-cli-'));
  fs.chmodSync(dir, 0o755);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('exit codes', () => {
  test('a clean file exits 0', () => {
    write('ok.conf', "work_mem = 8MB\nshared_buffers = '1GB'\n");
    const r = pgvet(['lint', 'ok.conf', '--pg-version', '17']);
    expect(r.stdout).toContain('(0 errors, 0 warnings, 1 info)'); // the info: PGV900, no host described
    expect(r.code).toBe(0);
  });
  test('an error exits 1 and names file:line:col', () => {
    write('bad.conf', 'work_mem = 8MB\nwork_mem = 8 MB\n');
    const r = pgvet(['lint', 'bad.conf', '--pg-version', '17']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bad\.conf:2:\d+\s+error\s+PGV001/);
  });
  test('--fail-on info turns an info-only run into exit 1', () => {
    write('dup.conf', 'work_mem = 8MB\nwork_mem = 16MB\n');
    expect(pgvet(['lint', 'dup.conf', '--pg-version', '17']).code).toBe(0);
    expect(pgvet(['lint', 'dup.conf', '--pg-version', '17', '--fail-on', 'info']).code).toBe(1);
  });
  test('without --pg-version the output says which version it assumed', () => {
    write('ok2.conf', 'work_mem = 8MB\n');
    expect(pgvet(['lint', 'ok2.conf']).stdout).toContain('PostgreSQL 18 (assumed');
  });
});

describe('bad input: one line naming the file, exit 2, no stack trace', () => {
  test('missing file', () => expectOneLineError(pgvet(['lint', 'nope.conf']), 'nope.conf'));
  test('a directory', () => {
    fs.mkdirSync(path.join(dir, 'adir'), { recursive: true });
    expectOneLineError(pgvet(['lint', 'adir']), 'adir');
  });
  test('binary data', () => {
    write('bin.conf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0xff]));
    expectOneLineError(pgvet(['lint', 'bin.conf']), 'bin.conf');
  });
  test('an unreadable file', () => {
    const p = write('secret.conf', 'work_mem = 8MB\n');
    fs.chmodSync(p, 0o000);
    // root reads anything: run as an unprivileged user then
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    expectOneLineError(pgvet(['lint', p], asUser), 'secret.conf');
  });
  test('a bad --pg-version', () => expectOneLineError(pgvet(['lint', 'x.conf', '--pg-version', '12']), '--pg-version'));
  test('an unknown option', () => {
    const r = pgvet(['lint', 'x.conf', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  test('one bad file among good ones: the others are still linted, exit 2', () => {
    write('good.conf', 'work_mem = 8 MB\n');
    const r = pgvet(['lint', 'good.conf', 'missing.conf', '--pg-version', '17', '--format', 'json']);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> };
    expect(out.findings.map((f) => f.ruleId)).toContain('PGV001');
  });
});

describe('problems inside files are findings', () => {
  test('invalid UTF-8 (Latin-1) is read as bytes, like the server', () => {
    write('latin1.conf', Buffer.concat([Buffer.from("application_name = 'caf"), Buffer.from([0xe9]), Buffer.from("'\nwork_mem = 8 MB\n")]));
    const r = pgvet(['lint', 'latin1.conf', '--pg-version', '16']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/latin1\.conf:2:/);
  });
  test('CRLF and a BOM', () => {
    write('crlf.conf', 'work_mem = 8MB\r\nshared_buffers = 128MB\r\n');
    expect(pgvet(['lint', 'crlf.conf', '--pg-version', '15']).code).toBe(0);
    write('bom.conf', '\uFEFFwork_mem = 8MB\n');
    const r = pgvet(['lint', 'bom.conf', '--pg-version', '15']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('byte order mark');
  });
  test('an include cycle is reported, not followed forever', () => {
    write('cyc/a.conf', "include 'b.conf'\n");
    write('cyc/b.conf', "include 'a.conf'\n");
    const r = pgvet(['lint', 'cyc/a.conf', '--pg-version', '17']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('maximum nesting depth exceeded');
  });
  test('a missing include is a finding on the include line', () => {
    write('inc.conf', "work_mem = 8MB\ninclude 'nothere.conf'\n");
    const r = pgvet(['lint', 'inc.conf', '--pg-version', '17']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/inc\.conf:2:1\s+error\s+PGV007/);
  });
  test('a 50 MB file', () => {
    // long comment blocks with a setting every 200 lines, like a generated or concatenated config
    const block = '# ' + 'x'.repeat(66) + '\n';
    const chunk = block.repeat(199) + 'work_mem = 8MB\n';
    const body = chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length));
    write('huge.conf', body + 'work_mem = 8 MB\n');
    const r = pgvet(['lint', 'huge.conf', '--pg-version', '17', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; line: number }> };
    expect(out.findings.filter((f) => f.ruleId === 'PGV001').map((f) => f.line)).toEqual([body.split('\n').length]);
  }, 120_000);
});

describe('output', () => {
  test('json has the contract shape, sorted', () => {
    write('j.conf', "fsync = maybe\nwork_mem = 8 MB\nfoo = 1\n");
    const r = pgvet(['lint', 'j.conf', '--pg-version', '14', '--format', 'json']);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(['schemaVersion', 'pgVersion', 'pgVersionSource', 'files', 'findings', 'summary']);
    expect(out.pgVersion).toBe(14);
    expect(out.findings.map((f) => [f.line, f.ruleId])).toEqual([[0, 'PGV900'], [1, 'PGV004'], [2, 'PGV001'], [3, 'PGV002']]);
    for (const f of out.findings) for (const k of ['ruleId', 'name', 'severity', 'message', 'file', 'line', 'column']) expect(f).toHaveProperty(k);
  });
  test('many files in one run', () => {
    write('m1.conf', 'work_mem = 8 MB\n');
    write('m2.conf', 'fsync = maybe\n');
    const r = pgvet(['lint', 'm1.conf', 'm2.conf', '--pg-version', '17', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { files: string[]; summary: { error: number; files: number } };
    expect(out.files).toEqual(['m1.conf', 'm2.conf']);
    expect(out.summary.error).toBe(2);
  });
  test('stdin', () => {
    const r = pgvet(['lint', '-', '--pg-version', '17'], { input: 'work_mem = 8 MB\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:1:');
  });
  test('no colour with NO_COLOR or without a terminal', () => {
    write('c.conf', 'work_mem = 8 MB\n');
    expect(pgvet(['lint', 'c.conf']).stdout).not.toContain('\u001b[');
  });
  test('rules and explain', () => {
    const rules = pgvet(['rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toMatch(/^PGV001\s+syntax-error/m);
    const ex = pgvet(['explain', 'shared_buffers', '--pg-version', '16']);
    expect(ex.code).toBe(0);
    expect(ex.stdout).toContain('shared_buffers (PostgreSQL 16)');
    expect(pgvet(['explain', 'PGV004']).stdout).toContain('# PGV004 invalid-value');
    expectOneLineError(pgvet(['explain', 'shared_bufers']), 'shared_buffers');
  });
});
