/**
 * The CLI as a user meets it: exit codes, one-line errors for bad input (never a stack trace),
 * JSON shape, many files in one run, stdin, colour rules.
 */
import type { SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { COMMANDS, GLOBAL_FLAGS } from '../src/cli/options.js';
import { VERSION } from '../src/cli/version.js';
import { runInProcess } from './support/cli-run.js';
import { scratchDir, spawnPgvet, type Run } from './support/kit.js';

const scratch = scratchDir('cli');
const write = scratch.write;
const pgvet = (args: string[], options: SpawnSyncOptions = {}): Run => spawnPgvet(args, { cwd: scratch.path(), ...options });

function expectOneLineError(r: { code: number | null; stderr: string }, mentions: string): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(mentions);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}


describe('exit codes', () => {
  test('a clean file exits 0', () => {
    write('ok.conf', "work_mem = 8MB\nshared_buffers = '1GB'\n");
    const r = pgvet(['lint', 'ok.conf', '--pg-version', '17']);
    // no host described: one note (not a finding) names the rules that did not run
    expect(r.stdout).toContain('✔ 1 file checked against PostgreSQL 17: no problems');
    expect(r.stdout).toMatch(/^note: 16 host-aware rules did not run \(PGV101, /m);
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
    fs.mkdirSync(path.join(scratch.path(), 'adir'), { recursive: true });
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
    expect(out.findings.map((f) => [f.line, f.ruleId])).toEqual([[1, 'PGV004'], [2, 'PGV001'], [3, 'PGV002']]);
    expect(out.findings.map((f) => f.messageId)).toEqual(['invalid', 'nearToken', 'unknown']);
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

describe('help, version and mistakes', () => {
  const collapse = (s: string): string => s.replace(/\s+/g, ' ');
  test('help wraps at words: every description appears whole', async () => {
    for (const spec of COMMANDS) {
      const r = pgvet([spec.name, '--help']);
      expect({ cmd: spec.name, code: r.code, stderr: r.stderr }).toEqual({ cmd: spec.name, code: 0, stderr: '' });
      for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
      const text = collapse(r.stdout);
      expect(text).toContain(`pgvet ${spec.name} ${spec.positional}`.trim());
      for (const flag of [...spec.flags, ...GLOBAL_FLAGS]) expect({ flag: flag.name, found: text.includes(collapse(flag.describe)) }).toEqual({ flag: flag.name, found: true });
    }
    const root = pgvet(['--help']);
    expect(root.code).toBe(0);
    for (const spec of COMMANDS) expect(collapse(root.stdout)).toContain(collapse(spec.describe));
  });
  test('-h is help and -v the version, for pgvet and every command', () => {
    expect(pgvet(['-h']).stdout).toBe(pgvet(['--help']).stdout);
    expect(pgvet(['simulate', '-h']).stdout).toBe(pgvet(['simulate', '--help']).stdout);
    expect(pgvet(['-v'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(pgvet(['--version']).stdout).toBe(`${VERSION}\n`);
  });
  test('bare pgvet: every command with its usage on stderr, exit 2', () => {
    const r = pgvet([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const spec of COMMANDS) expect(r.stderr).toContain(`pgvet ${spec.name} ${spec.positional}`.trim());
    expect(r.stderr.trim().split('\n').pop()).toBe('pgvet: name a command: lint, simulate, tune, plan, explain, rules');
  });
  test('unknown options name the command and the closest flag', () => {
    expect(pgvet(['lint', 'x.conf', '--fail-onn', 'warning']).stderr).toBe('pgvet: lint: unknown option --fail-onn (did you mean --fail-on?) (see pgvet lint --help)\n');
  });
});

describe('--quiet, --output, colour, --write-baseline', () => {
  const mixed = (): string => write('polish/mixed.conf', "work_mem = 8 MB\nlisten_addresses = '*'\nwork_mem = 4MB\n");

  test('--quiet shows errors only; the exit code still counts everything', async () => {
    const file = mixed();
    const all = await runInProcess(['lint', file, '--pg-version', '17']);
    expect(all.stdout).toMatch(/warning\s+PGV601/);
    const q = await runInProcess(['lint', file, '--pg-version', '17', '--quiet']);
    expect(q.code).toBe(1);
    const findingLines = q.stdout.split('\n').filter((l) => /PGV\d{3}/.test(l));
    expect(findingLines.length).toBeGreaterThan(0);
    for (const l of findingLines) expect(l).toMatch(/\s+error\s+PGV/);
    expect(q.stdout).toMatch(/; \d+ below error not shown \(--quiet\)\n$/);
    const json = JSON.parse((await runInProcess(['lint', file, '--pg-version', '17', '--quiet', '--format', 'json'])).stdout) as { findings: Array<{ severity: string }>; summary: { warning: number; info: number } };
    expect(json.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(json.summary).toMatchObject({ warning: 0, info: 0 });
    // warnings still decide the gate
    const warnOnly = write('polish/warn.conf', "listen_addresses = '*'\n");
    const w = await runInProcess(['lint', warnOnly, '--pg-version', '17', '--quiet', '--fail-on', 'warning']);
    expect(w.code).toBe(1);
    expect(w.stdout).toMatch(/^✔ 1 file checked against PostgreSQL 17: no errors; \d+ below error not shown \(--quiet\)\n$/);
  });

  test('--output FILE: the report goes to the file, whole; stdout stays empty', async () => {
    const file = mixed();
    const target = path.join(scratch.path(), 'polish', 'report.json');
    const r = await runInProcess(['lint', file, '--pg-version', '17', '--format', 'json', '--output', target]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toMatchObject({ pgVersion: 17 });
    // an existing file keeps its permissions, and no temporary file is left
    fs.chmodSync(target, 0o640);
    await runInProcess(['lint', file, '--pg-version', '17', '--output', target]);
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
    expect(fs.readFileSync(target, 'utf8')).toMatch(/checked against PostgreSQL 17/);
    expect(fs.readdirSync(path.dirname(target)).filter((n) => n.includes('.tmp'))).toEqual([]);
    // a symbolic link: the file it points at is replaced, the link stays
    const real = write('polish/real.txt', 'old\n');
    const link = path.join(scratch.path(), 'polish', 'link.txt');
    fs.symlinkSync(real, link);
    await runInProcess(['rules', '--output', link]);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, 'utf8')).toMatch(/^PGV001 /);
    // a directory that does not exist: one line, exit 2
    const bad = await runInProcess(['rules', '--output', path.join(scratch.path(), 'nope', 'x.txt')]);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^pgvet: cannot write the report to .*nope\/x\.txt: directory .*nope does not exist\n$/) });
    const isDir = await runInProcess(['rules', '--output', scratch.path()]);
    expect(isDir.stderr).toMatch(/it is a directory, not a regular file\n$/);
  });

  test('colour: --color/--no-color first, then FORCE_COLOR (as Node reads it), then NO_COLOR, then a terminal', async () => {
    const file = write('polish/c.conf', 'work_mem = 8 MB\n');
    const colored = async (args: string[], env: NodeJS.ProcessEnv, tty: boolean): Promise<boolean> => (await runInProcess(['lint', file, '--pg-version', '17', ...args], { env, tty })).stdout.includes('\u001b[');
    const cases: Array<[string[], NodeJS.ProcessEnv, boolean, boolean]> = [
      [[], {}, true, true],
      [[], {}, false, false],
      [[], { TERM: 'dumb' }, true, false],
      [[], { NO_COLOR: '1' }, true, false],
      [[], { NO_COLOR: '' }, true, true], // no-color.org: present and not empty
      [[], { FORCE_COLOR: '1' }, false, true],
      [[], { FORCE_COLOR: '' }, false, true],
      [[], { FORCE_COLOR: '0' }, true, false],
      [[], { FORCE_COLOR: 'false' }, true, false],
      [[], { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true], // Node: FORCE_COLOR wins over NO_COLOR
      [['--color'], { NO_COLOR: '1' }, false, true],
      [['--no-color'], { FORCE_COLOR: '1' }, true, false],
    ];
    for (const [args, env, tty, want] of cases) expect({ args, env, tty, colour: await colored(args, env, tty) }).toEqual({ args, env, tty, colour: want });
    // every command takes the flags
    const clean = write('polish/clean.conf', 'work_mem = 8MB\n');
    for (const args of [['simulate', clean, '--color'], ['tune', '--ram', '8GB', '--cores', '2', '--no-color'], ['rules', '--color'], ['explain', 'work_mem', '--no-color']]) {
      expect({ args, code: (await runInProcess(args)).code }).toEqual({ args, code: 0 });
    }
    expect((await runInProcess(['simulate', clean, '--pg-version', '17', '--color'])).stdout).toContain('\u001b[');
  });

  test('--write-baseline says what it wrote and exits 0, unless a gate is asked for', async () => {
    const file = mixed();
    const base = path.join(scratch.path(), 'polish', 'base.json');
    const r = await runInProcess(['lint', file, '--pg-version', '17', '--no-config', '--write-baseline', base]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^pgvet: wrote the baseline .*base\.json \(\d+ findings\)\n$/);
    expect(JSON.parse(fs.readFileSync(base, 'utf8'))).toMatchObject({ baselineVersion: 1 });
    expect((await runInProcess(['lint', file, '--pg-version', '17', '--no-config', '--write-baseline', base, '--fail-on', 'error'])).code).toBe(1);
    expect((await runInProcess(['lint', file, '--pg-version', '17', '--no-config', '--write-baseline', base, '--max-warnings', '0'])).code).toBe(1);
    // a file that cannot be read: no (incomplete) baseline, exit 2
    fs.rmSync(base);
    const missing = await runInProcess(['lint', file, path.join(scratch.path(), 'nope.conf'), '--pg-version', '17', '--no-config', '--write-baseline', base]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/did not write the baseline/);
    expect(fs.existsSync(base)).toBe(false);
    // a bad place to write it: one line, exit 2, no stack (D5's bad paths)
    for (const target of [path.join(scratch.path(), 'nope', 'b.json'), scratch.path(), ...(fs.existsSync('/dev/full') ? ['/dev/full'] : [])]) {
      const bad = await runInProcess(['lint', file, '--pg-version', '17', '--no-config', '--write-baseline', target]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^pgvet: cannot write baseline .*\n$/);
    }
  });
});

test("the README's Command line section names every command and flag", () => {
  const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## pgvet in CI'));
  for (const spec of COMMANDS) {
    expect(section).toContain(`pgvet ${spec.name}`);
    for (const flag of [...spec.flags, ...GLOBAL_FLAGS]) expect({ command: spec.name, flag: flag.name, documented: section.includes(`--${flag.name}`) }).toEqual({ command: spec.name, flag: flag.name, documented: true });
  }
});
