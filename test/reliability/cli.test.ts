/**
 * The red-team defects of the command line, one test each, as the scripts in
 * ../shared/reference/fuzz/repro/ reproduce them (D04, D12, D13, D14, D15, D18, D19, D20, D23):
 * the scenario of the script, and the behaviour the report expects. In-process runs
 * (test/support/cli-run.ts) where the process itself does not matter; real processes for a closed
 * pipe, a dropped connection and timing; fake servers (test/support/fake-postgres.ts) for live
 * connections (the same with real servers 13–18: test/plan.test.ts). No PostgreSQL server is
 * started here.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { runInProcess, type Run } from '../support/cli-run.js';
import { startFakePostgres, type FakeMode } from '../support/fake-postgres.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const FIX = path.join(PACKAGE_ROOT, 'fixtures', 'postgresql.conf');
let dir: string;

/** A clean environment for child processes: no PG*, no colour forcing, an empty HOME (no ~/.pgpass). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG') && k !== 'FORCE_COLOR' && k !== 'NO_COLOR'));
  return { ...env, HOME: path.join(dir, 'home'), NO_COLOR: '1', ...extra };
}

function pgvet(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeout?: number } = {}): Run & { ms: number } {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? dir, env: childEnv(options.env), input: options.input ?? '', timeout: options.timeout ?? 60_000, maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - start };
}

/** The same, without blocking this process (the fake servers run in it). */
function pgvetAsync(args: string[], options: { env?: Record<string, string> } = {}): Promise<Run & { ms: number }> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - start });
    });
  });
}

function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

/** One line on stderr, exit 2, no stack trace. */
function expectOneLineError(r: Run, mentions: string | RegExp): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(typeof mentions === 'string' ? new RegExp(mentions.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : mentions) });
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:/);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-rel-cli-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'home'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function withFake<T>(mode: FakeMode, fn: (port: number, fake: Awaited<ReturnType<typeof startFakePostgres>>) => Promise<T>): Promise<T> {
  const fake = await startFakePostgres(mode);
  try {
    return await fn(fake.port, fake);
  } finally {
    await fake.close();
  }
}

describe('D04: plan when the server drops the connection', () => {
  test('closed right after startup: one line, exit 2, no "Unhandled \'error\' event"', async () => {
    const r = await withFake('closeafterauth', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]));
    expectOneLineError(r, 'cannot read from the server u@127.0.0.1:');
    expect(r.stderr).toContain('the server closed the connection');
  });
  test('reset between queries (ECONNRESET): the same', async () => {
    const r = await withFake('resetonquery', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]));
    expectOneLineError(r, 'the server closed the connection');
  });
  test('a server that answers with nonsense (and escape sequences): one line, nothing raw', async () => {
    const r = await withFake('hostile', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]));
    expectOneLineError(r, 'not as PostgreSQL does');
    expect(r.stderr + r.stdout).not.toContain('\u001b');
  });
});

describe('D12: plan never hangs nor balloons', () => {
  test('(a) a server that never answers a query: --query-timeout, then one line', async () => {
    const r = await withFake('noquery', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`, '--query-timeout', '1']));
    expectOneLineError(r, 'did not answer a query within 1s (--query-timeout)');
    expect(r.ms).toBeLessThan(10_000);
  });
  test('(b) a server that streams a 1GB message: stopped at the cap, the server could not send much more', async () => {
    const { r, sent } = await withFake('huge', async (port, fake) => ({ r: await pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]), sent: fake.sent() }));
    expectOneLineError(r, 'the server sent more than 64MB; pgvet stopped reading');
    // the client stopped reading at 64MB: what the server managed to push is the cap plus socket buffers
    expect(sent).toBeLessThan(128 * 1024 * 1024);
  });
  test('(c) a password request and no password: "no password supplied" at once, the connection ended', async () => {
    const { r, closed } = await withFake('password', async (port, fake) => {
      const run = await pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u`]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { r: run, closed: [...fake.closedAfterMs] };
    });
    expectOneLineError(r, 'no password supplied');
    expect(r.ms).toBeLessThan(10_000);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toBeLessThan(5_000);
  });
  test('a statement_timeout or idle_session_timeout of the server is reported as such', async () => {
    const stmt = await withFake('stmttimeout', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]));
    expectOneLineError(stmt, /canceling statement due to statement timeout \(statement_timeout/);
    expect(stmt.stderr).not.toContain('timed out connecting');
    const idle = await withFake('idlesession', (port) => pgvetAsync(['plan', FIX, '--db', `host=127.0.0.1 port=${port} user=u password=x`]));
    expectOneLineError(idle, /idle-session timeout \(idle_session_timeout\)|the server closed the connection/);
  });

  // (c) on real servers 13–18 with scram authentication, over TCP and the unix socket: test/plan.test.ts
});

describe('D13: file content never reaches the terminal raw', () => {
  const esc = (): string => write('d13/esc.conf', "work_mem = '\u001b[2J\u001b]0;pwned\u0007'\n");
  const nl = (): string =>
    write('d13/nl.conf', "work_mem = 'x\\n::error file=evil::INJECTED'\nsearch_path = 'a\\nprod.conf:99:1: error: forged finding [PGV001]'\nshared_buffers = 'x ##[add-mask]secret \u0001\u000b\u000c\u202e'\neffective_cache_size = '[click](https://evil.example)'\n");

  test('text and compact: escapes shown escaped, one line per finding, no forged line', async () => {
    for (const format of ['text', 'compact']) {
      for (const file of [esc(), nl()]) {
        const r = await runInProcess(['lint', file, '--pg-version', '17', '--format', format]);
        expect(r.code).toBe(1);
        // no control character but the line breaks pgvet writes
        expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
        expect(r.stdout).not.toContain('##[');
        for (const line of r.stdout.split('\n').filter(Boolean)) {
          expect(line).not.toMatch(/^\s*::/);
          expect(line).not.toMatch(/^prod\.conf/);
        }
      }
      const r = await runInProcess(['lint', esc(), '--pg-version', '17', '--format', format]);
      expect(r.stdout).toContain('"\\x1b[2J\\x1b]0;pwned\\x07"');
      const n = await runInProcess(['lint', nl(), '--pg-version', '17', '--format', format]);
      expect(n.stdout).toContain('x\\n::error file=evil::INJECTED');
      expect(n.stdout).toContain('#\\x23[add-mask]secret \\x01\\x0b\\x0c\\u202e');
    }
  });

  test('a file name that would start a line with a workflow command gets ./ (the same file)', async () => {
    const name = '::error file=x::pwned.conf';
    write(`d13/${name}`, 'work_mem = 8 MB\n');
    const cwd = process.cwd();
    process.chdir(path.join(dir, 'd13'));
    try {
      for (const format of ['text', 'compact']) {
        const r = await runInProcess(['lint', name, '--pg-version', '17', '--format', format]);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain(`./${name}:1:`);
        for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/^\s*::/);
      }
    } finally {
      process.chdir(cwd);
    }
  });

  test('github: every line is one of our annotations; json and sarif: the values intact, no ##[, no embedded link', async () => {
    const file = nl();
    const gh = await runInProcess(['lint', file, '--pg-version', '17', '--format', 'github']);
    const lines = gh.stdout.trim().split('\n');
    // one annotation per finding, and the run's note (no file) last
    expect(lines.pop()).toMatch(/^::notice title=pgvet::\d+ host-aware rules did not run/);
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:]*,(line=\d+,col=\d+,)?title=PGV\d{3} [a-z-]+::/);
    expect(gh.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);

    const json = await runInProcess(['lint', file, '--pg-version', '17', '--format', 'json']);
    expect(json.stdout).not.toContain('##[');
    const doc = JSON.parse(json.stdout) as { findings: Array<{ message: string }> };
    expect(doc.findings.map((f) => f.message).join('\n')).toContain('x ##[add-mask]secret');

    const sarif = await runInProcess(['lint', file, '--pg-version', '17', '--format', 'sarif']);
    expect(sarif.stdout).not.toContain('##[');
    const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ message: Record<string, string> }> }> }).runs[0]!.results;
    for (const res of results) {
      expect(Object.keys(res.message)).toEqual(['text']);
      expect(res.message.text).not.toContain('](');
      expect(res.message.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    }
    expect(results.map((res) => res.message.text).join('\n')).toContain('[click] (https://evil.example)');
  });

  test('error messages on stderr are escaped too', async () => {
    const r = await runInProcess(['explain', 'x\u001b[2J\n::error::y']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(r.stderr.split('\n')[0] + '\n');
    expect(r.stderr).toContain('x\\x1b[2J\\n::error::y');
  });
});

describe('D14: -- keeps every file after it', () => {
  test('lint good.conf -- broken.conf lints both, and -- -x.conf is a file', async () => {
    const good = write('d14/good.conf', 'work_mem = 4MB\n');
    write('d14/broken.conf', 'shared_buffers = 1.5GB\n');
    const r = pgvet(['lint', '--pg-version', '17', 'good.conf', '--', 'broken.conf'], { cwd: path.dirname(good) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('broken.conf:1:21');
    // after --, "--format json" are files too (missing: exit 2, each named)
    const named = pgvet(['lint', 'good.conf', '--', 'broken.conf', '--format', 'json'], { cwd: path.dirname(good) });
    expect(named.code).toBe(2);
    expect(named.stdout).toContain('broken.conf:1:21');
    expect(named.stderr).toMatch(/--format.*\n.*json/);
    write('d14/-x.conf', 'shared_buffers = 1.5GB\n');
    const x = pgvet(['lint', '--', '-x.conf'], { cwd: path.dirname(good) });
    expect(x.code).toBe(1);
    expect(x.stdout).toContain('-x.conf:1:21');
  });
  test('simulate and tune read the file after --', async () => {
    write('d14/-evil.conf', 'shared_buffers = 1GB\n'); // (3GB before issue 14: 3GB is inside the band on 16GB, tune keeps it now)
    const cwd = path.join(dir, 'd14');
    const t = pgvet(['tune', '--ram', '16GB', '--cores', '4', '--pg-version', '17', '--', '-evil.conf'], { cwd });
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^shared_buffers = 4GB\t.*\(was 1GB\)/m);
    const s = pgvet(['simulate', '--pg-version', '17', '--', '-evil.conf'], { cwd });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^-evil\.conf: PostgreSQL 17/);
  });
});

describe('D15: a repeated gate flag never turns the gate off (the last one wins)', () => {
  test('--fail-on and --max-warnings, spaced, with =, before the file', async () => {
    const once = await runInProcess(['lint', FIX, '--fail-on', 'warning']);
    expect(once.code).toBe(1);
    for (const args of [
      ['lint', FIX, '--fail-on', 'warning', '--fail-on', 'warning'],
      ['lint', FIX, '--fail-on=warning', '--fail-on=warning'],
      ['lint', '--fail-on', 'warning', '--fail-on', 'warning', FIX],
      ['lint', FIX, '--fail-on', 'error', '--fail-on', 'warning'],
      ['lint', FIX, '--max-warnings', '0', '--max-warnings', '0'],
      ['lint', FIX, '--max-warnings', '9', '--max-warnings', '0'],
    ]) {
      const r = await runInProcess(args);
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
    }
    // the last one wins both ways
    expect((await runInProcess(['lint', FIX, '--fail-on', 'warning', '--fail-on', 'error'])).code).toBe(0);
    expect((await runInProcess(['lint', FIX, '--max-warnings', '0', '--max-warnings', '99'])).code).toBe(0);
  });
  test('a repeated path flag takes the last value (never "Received an instance of Array")', async () => {
    const hba = write('d15/pg_hba.conf', 'local all all trust\n');
    for (const args of [
      ['lint', FIX, '--hba', '/nonexistent/first', '--hba', hba],
      ['lint', FIX, '--host', '/nonexistent/first.json', '--host', 'auto'],
      ['lint', FIX, '--config', '/nonexistent/x.json', '--no-config'],
    ]) {
      const r = await runInProcess(args);
      expect({ args, stderr: r.stderr, ok: r.code <= 1 }).toEqual({ args, stderr: '', ok: true });
    }
  });
});

describe('D18: a closed pipe ends the output quietly, every command and format', () => {
  /** Run with standard output a pipe that is closed before pgvet writes. */
  const closedPipe = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });

  test('lint (3,000 clean files) | head -1, as in the script, and every format', async () => {
    const clean = write('d18/clean.conf', 'work_mem = 4MB\n');
    const many = Array.from({ length: 3000 }, () => clean);
    const r = await closedPipe(['lint', ...many, '--pg-version', '17']);
    expect(r).toEqual({ code: 0, stderr: '' });
    for (const format of ['json', 'sarif', 'github', 'compact']) {
      expect({ format, ...(await closedPipe(['lint', ...many.slice(0, 300), '--pg-version', '17', '--format', format])) }).toEqual({ format, code: 0, stderr: '' });
    }
  });
  test('simulate, tune, rules, explain, help', async () => {
    for (const args of [
      ['simulate', FIX, '--ram', '16GB', '--pg-version', '17'],
      ['simulate', FIX, '--pg-version', '17', '--format', 'json'],
      ['tune', '--ram', '16GB', '--cores', '4', '--pg-version', '17'],
      ['tune', FIX, '--ram', '16GB', '--cores', '4', '--pg-version', '17', '--diff'],
      ['rules'],
      ['explain', 'PGV101'],
      ['lint', '--help'],
    ]) {
      expect({ args, ...(await closedPipe(args)) }).toEqual({ args, code: 0, stderr: '' });
    }
  });
});

describe('D19: "-" is standard input for tune too', () => {
  test('tune - reads standard input, even with a file named <stdin> in the directory', () => {
    const cwd = path.join(dir, 'd19');
    fs.mkdirSync(cwd, { recursive: true });
    const input = fs.readFileSync(FIX, 'utf8');
    const before = pgvet(['tune', '-', '--ram', '8GB', '--cores', '2', '--pg-version', '17'], { cwd, input });
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^shared_buffers = 2GB\t.*\(was 4GB\)/m);
    write('d19/<stdin>', 'work_mem = 1MB\n');
    const r = pgvet(['tune', '-', '--ram', '8GB', '--cores', '2', '--pg-version', '17'], { cwd, input });
    expect(r.stdout).toBe(before.stdout);
  });
  test('tune - --write is refused with a clear message (and nothing is written)', () => {
    const cwd = path.join(dir, 'd19');
    const r = pgvet(['tune', '-', '--write', '--yes', '--ram', '8GB', '--cores', '2'], { cwd, input: 'work_mem = 1MB\n' });
    expectOneLineError(r, 'standard input ("-") cannot be written back');
    expect(fs.readFileSync(path.join(cwd, '<stdin>'), 'utf8')).toBe('work_mem = 1MB\n');
  });
});

describe('D20: no word of a connection string that pgvet could not read is printed', () => {
  test('an unquoted password with a space, or an unknown keyword: one line, no fragment', async () => {
    for (const [db, fragment] of [
      ['host=127.0.0.1 port=1 password=first secondhalf', 'secondhalf'],
      ['host=127.0.0.1 port=1 password=first second=half', 'second'],
      ["host=127.0.0.1 password='unterminated secret", 'secret'],
      ['host=127.0.0.1 port=secret', 'secret'],
      ['host=127.0.0.1 sslmode=secret', 'secret'],
      ['postgres://u:secret@[::1', 'secret'],
    ] as const) {
      for (const flag of ['--db', '--primary']) {
        const args = flag === '--db' ? ['plan', FIX, '--db', db] : ['plan', FIX, '--db', 'host=127.0.0.1 port=1', '--primary', db];
        const r = await runInProcess(args);
        expect({ db, code: r.code }).toEqual({ db, code: 2 });
        expect(r.stderr + r.stdout).not.toContain(fragment);
        if (flag === '--db' || !r.stderr.includes('connection refused')) expect(r.stderr).toContain(`${flag}:`);
      }
    }
  });
});

describe('D23: strict, unambiguous flags', () => {
  test('--pg-version: plain 13..18 only, for every command; rules uses it', async () => {
    for (const bad of ['0x11', '1.7e1', '0o21', '0b10001', '017', '+17', ' 17 ', '17.0', '12', '99', 'Infinity', '']) {
      for (const cmd of [['lint', FIX], ['simulate', FIX], ['tune', '--ram', '8GB', '--cores', '2'], ['explain', 'work_mem'], ['rules']]) {
        const r = await runInProcess([...cmd, '--pg-version', bad]);
        expect({ cmd: cmd[0], bad, code: r.code }).toEqual({ cmd: cmd[0], bad, code: 2 });
        expect(r.stderr).toMatch(bad === '' ? /--pg-version needs a value/ : /--pg-version must be one of 13, 14, 15, 16, 17, 18/);
      }
    }
    const all = await runInProcess(['rules']);
    const v13 = await runInProcess(['rules', '--pg-version', '13']);
    expect(all.stdout).toMatch(/^PGV012 /m); // from 17
    expect(v13.stdout).not.toMatch(/^PGV012 /m);
    expect(v13.stdout).toMatch(/^PGV001 /m);
  });
  test('--max-warnings: a whole number', async () => {
    for (const bad of ['abc', '1.5', '-1', '1e400', '0x10', '', '99999999999999999999']) {
      const r = await runInProcess(['lint', FIX, '--max-warnings', bad]);
      expect({ bad, code: r.code }).toEqual({ bad, code: 2 });
      expect(r.stderr).toMatch(/--max-warnings (must be a whole number|needs a value)/);
    }
  });
  test('flags that need a value refuse to run without one', async () => {
    for (const flag of ['--config', '--baseline', '--write-baseline', '--hba', '--host', '--ram', '--output']) {
      for (const args of [['lint', FIX, flag], ['lint', FIX, flag, '--format', 'json'], ['lint', FIX, `${flag}=`]]) {
        const r = await runInProcess(args);
        expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 2, stderr: `pgvet: ${flag} needs a value\n` });
      }
    }
  });
  test('--ram -1GB, --primary, bare pgvet, lint -h, unknown commands', async () => {
    const ram = await runInProcess(['simulate', FIX, '--ram', '-1GB']);
    expect(ram).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^pgvet: --ram: invalid size "-1GB"/) });
    const primary = await runInProcess(['plan', FIX, '--db', 'host=127.0.0.1 port=1', '--primary', 'postgres://::']);
    expect(primary.stderr).toMatch(/^pgvet: (--primary: |cannot connect to the server)/);
    expect(primary.stderr).not.toContain('--db: not a valid');
    const bare = await runInProcess([]);
    expect(bare.code).toBe(2);
    for (const cmd of ['lint', 'simulate', 'tune', 'plan', 'explain', 'rules']) expect(bare.stderr).toMatch(new RegExp(`pgvet ${cmd} `));
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(bare.stderr.slice(0, help.stdout.length));
    for (const args of [['lint', '-h'], ['lint', FIX, '-h'], ['tune', '-h'], ['-h']]) {
      const r = await runInProcess(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^pgvet /);
    }
    expect(await runInProcess(['-v'])).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: '' });
    expect((await runInProcess(['completion'])).stderr).toMatch(/^pgvet: unknown command "completion"/);
    expect((await runInProcess(['lnit', FIX])).stderr).toMatch(/did you mean "lint"/);
    expect((await runInProcess(['lint'])).stderr).toBe('pgvet: lint needs a postgresql.conf file ("-" reads standard input), e.g. pgvet lint postgresql.conf\n');
    expect((await runInProcess(['explain'])).stderr).toMatch(/^pgvet: explain needs a rule/);
  });
  test('sslmode=bogus and port=0 are refused, as libpq does', async () => {
    for (const db of ['host=127.0.0.1 sslmode=bogus', 'postgres://u@127.0.0.1/db?sslmode=bogus', 'host=127.0.0.1 port=0', 'postgres://u@127.0.0.1:0/db', 'host=127.0.0.1 port=65536']) {
      const r = await runInProcess(['plan', FIX, '--db', db]);
      expect({ db, code: r.code, stderr: r.stderr }).toEqual({ db, code: 2, stderr: expect.stringMatching(/^pgvet: --db: invalid (sslmode|port number)/) });
    }
  });
  test('contradictions are refused', async () => {
    const file = write('d23/t.conf', 'work_mem = 4MB\n');
    for (const [args, says] of [
      [['tune', file, '--diff', '--write', '--yes'], '--diff shows what --write would change'],
      [['tune', file, '--write', '--yes', '--format', 'json'], '--write edits the file; --format'],
      [['tune', file, '--diff', '--format', 'alter-system'], '--diff prints a diff; --format'],
      [['tune', file, '--write', '--yes', '--output', 'x'], 'tune --write edits the file itself'],
      [['tune', '--yes'], '--yes answers the questions of --write'],
      [['lint', file, '--output', file], 'is also an input of this run'],
      [['lint', file, '--write-baseline', file], 'is also an input of this run'],
      [['lint', file, '--quiet=yes'], '--quiet takes no value'],
    ] as const) {
      const r = await runInProcess([...args, '--ram', '8GB', '--cores', '2']);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(says);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('work_mem = 4MB\n');
  });
});
