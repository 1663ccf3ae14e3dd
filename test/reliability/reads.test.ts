/**
 * The red team's reading defects (../shared/reference/fuzz/README.md, scripts in fuzz/repro/),
 * each reproduced against the real CLI (`node bin/pgvet.js`) and held to what it should do: a
 * one-line error naming the file and exit 2 (or a PGV007 finding, where the server has a verdict),
 * no stack, never a hang, bounded memory.
 *
 * Time is bounded, not measured: every scenario uses inputs at least as large as the red team's,
 * where the old code took 20 s or more (quadratic, or blocking forever) and the fixed code takes
 * well under a second; the bounds below (20 s, 60 s for the large files) leave a loaded CI machine
 * plenty of room and still fail the old code. Speed itself is measured by `npm run bench`.
 * Peak memory comes from the child itself (process.resourceUsage().maxRSS, written at exit by a
 * preloaded probe), since /usr/bin/time is not everywhere.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { checkConfigFile, getCluster, pgAvailable, serverUser, writeScratch, makeScratchDir, chownForServer, type Cluster } from '../support/pg.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const FIX = path.join(PACKAGE_ROOT, 'fixtures', 'postgresql.conf');
let dir: string;
let probe: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the pgvet process, in MB. */
  rssMB: number;
  timedOut: boolean;
}

interface RunOptions {
  /** Standard input: text, or an open file descriptor. */
  stdin?: string | number;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Run as the unprivileged test user when we are root (root reads everything). */
  unprivileged?: boolean;
  cwd?: string;
}

function pgvet(args: string[], options: RunOptions = {}): Run {
  const user = options.unprivileged ? serverUser() : null;
  const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], {
    cwd: options.cwd ?? dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, NO_COLOR: '1', ...options.env },
    stdio: [typeof options.stdin === 'number' ? options.stdin : 'pipe', 'pipe', 'pipe', 'pipe'],
    ...(typeof options.stdin === 'string' ? { input: options.stdin } : {}),
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 20_000,
    maxBuffer: 1 << 30,
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  const rss = Number(String(r.output?.[3] ?? '').trim());
  return {
    code: r.status,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    rssMB: Number.isFinite(rss) && rss > 0 ? rss / 1024 : NaN,
    timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
  };
}

function write(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 });
  fs.writeFileSync(p, content, { mode: 0o644 });
  return p;
}

/** A path as given on the command line from the test directory (the report shows it so). */
const rel = (p: string): string => path.relative(dir, p);

function mkfifo(name: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 });
  const r = spawnSync('mkfifo', ['-m', '644', p]);
  if (r.status !== 0) throw new Error(`mkfifo ${p} failed`);
  return p;
}

/** A unix socket at `p`, listening until the test file ends. */
const sockets: net.Server[] = [];
async function socketAt(p: string): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(p, resolve));
  fs.chmodSync(p, 0o777);
  sockets.push(server);
  return p;
}

/** Exit 2, one line on stderr that names `mentions`, no stack, and it finished. */
function expectOneLineError(r: Run, ...mentions: string[]): void {
  expect(r.timedOut).toBe(false);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^pgvet: [^\n]*\n$/) });
  for (const m of mentions) expect(r.stderr).toContain(m);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

/** The PGV007 lines of a compact report. */
function pgv007(r: Run): string[] {
  return r.stdout.split('\n').filter((l) => l.includes('[PGV007]'));
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-reads-'));
  fs.chmodSync(dir, 0o755);
  // the peak RSS of the child, written to its fd 3 when it exits
  probe = write('rss-probe.cjs', "process.on('exit', () => { try { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); } catch {} });\n");
});

afterAll(async () => {
  for (const s of sockets) await new Promise<void>((resolve) => s.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('D03: nothing is read without a limit', () => {
  test('D03: include /dev/zero is a PGV007 (the server spins on it forever), read no further than 1MB', () => {
    const conf = write('d03/pg.conf', "include '/dev/zero'\ninclude_if_exists '/dev/zero'\n");
    const r = pgvet(['lint', rel(conf), '--format', 'compact']);
    expect(r.code).toBe(1);
    expect(pgv007(r)).toEqual([
      `d03/pg.conf:1:1: error: "/dev/zero" is a device that does not end (more than 1MB): the server would read it without end [PGV007]`,
      `d03/pg.conf:2:1: error: "/dev/zero" is a device that does not end (more than 1MB): the server would read it without end [PGV007]`,
    ]);
    expect(r.rssMB).toBeLessThan(200);
  });

  test('D03: include /dev/null is an empty file, as for the server', () => {
    const conf = write('d03/null.conf', "include '/dev/null'\nwork_mem = 8MB\n");
    const r = pgvet(['lint', conf, '--format', 'compact']);
    expect({ code: r.code, pgv007: pgv007(r) }).toEqual({ code: 0, pgv007: [] });
  });

  test.each([
    ['the main file', ['lint', '/dev/zero'], 'cannot read /dev/zero: not a regular file (it is a character device)'],
    ['the main file (/dev/urandom)', ['simulate', '/dev/urandom'], 'cannot read /dev/urandom: not a regular file (it is a character device)'],
    ['--host', ['simulate', FIX, '--host', '/dev/zero'], 'cannot read host file /dev/zero: not a regular file (it is a character device)'],
    ['--config', ['lint', FIX, '--config', '/dev/zero'], 'cannot read config file /dev/zero: not a regular file (it is a character device)'],
    ['--baseline', ['lint', FIX, '--baseline', '/dev/zero'], 'cannot read baseline /dev/zero: not a regular file (it is a character device)'],
    ['--hba', ['lint', FIX, '--hba', '/dev/zero'], 'cannot read /dev/zero: not a regular file (it is a character device)'],
  ])('D03: /dev/zero as %s is refused before it is read', (_what, args, message) => {
    const r = pgvet(args);
    expectOneLineError(r, message);
    expect(r.rssMB).toBeLessThan(200);
  });

  test.each([
    ['--config', 'config file'],
    ['--host', 'host file'],
    ['--baseline', 'baseline'],
  ])('D03: a JSON file for %s that is a directory or over --max-file-size is one line naming it', (flag, what) => {
    const command = flag === '--host' ? 'simulate' : 'lint';
    const folder = path.join(dir, `d03json${flag.slice(2)}`);
    fs.mkdirSync(folder, { recursive: true });
    expectOneLineError(pgvet([command, FIX, flag, folder]), `cannot read ${what} ${folder}: Is a directory`);
    // valid JSON, 3kB of it
    const big = write(`d03json${flag.slice(2)}.json`, `{${' '.repeat(3000)}}`);
    expectOneLineError(pgvet([command, FIX, flag, big, '--max-file-size', '2kB']), `cannot read ${what} ${big}: larger than 2kB; raise the limit with --max-file-size`);
  });

  test('D03: a .pgvetrc.json that is a symbolic link to /dev/zero', () => {
    const conf = write('d03rc/pg.conf', 'work_mem = 8MB\n');
    fs.symlinkSync('/dev/zero', path.join(dir, 'd03rc', '.pgvetrc.json'));
    expectOneLineError(pgvet(['lint', conf]), `cannot read config file ${path.join(dir, 'd03rc', '.pgvetrc.json')}: not a regular file (it is a character device)`);
  });

  test('D03: PGSERVICEFILE and sslrootcert pointing at /dev/zero (plan)', () => {
    expectOneLineError(pgvet(['plan', FIX, '--db', 'service=x'], { env: { PGSERVICEFILE: '/dev/zero' } }), 'cannot read service file /dev/zero: not a regular file');
    expectOneLineError(pgvet(['plan', FIX, '--db', 'host=127.0.0.1 port=1 sslmode=verify-full sslrootcert=/dev/zero']), 'cannot read sslrootcert /dev/zero: not a regular file');
  });

  test('D03: standard input from /dev/zero stops at the limit (64MB), not at the end of memory', () => {
    const zero = fs.openSync('/dev/zero', 'r');
    try {
      const r = pgvet(['lint', '-'], { stdin: zero });
      expectOneLineError(r, 'cannot read <stdin>: larger than 64MB; raise the limit with --max-file-size');
      // the 64MB read, once, and no more
      expect(r.rssMB).toBeLessThan(300);
      const small = pgvet(['simulate', '-', '--max-file-size', '1MB'], { stdin: zero });
      expectOneLineError(small, 'cannot read <stdin>: larger than 1MB; raise the limit with --max-file-size');
    } finally {
      fs.closeSync(zero);
    }
  });

  test('D03: --max-file-size applies to files and to a configuration with its includes', () => {
    const big = write('d03size/big.conf', `# ${'x'.repeat(3000)}\nwork_mem = 8MB\n`);
    expectOneLineError(pgvet(['lint', big, '--max-file-size', '2kB']), `cannot read ${big}: larger than 2kB; raise the limit with --max-file-size`);
    expect(pgvet(['lint', big, '--max-file-size', '4kB']).code).toBe(0);
    write('d03size/part.conf', `# ${'y'.repeat(1500)}\n`);
    const main = write('d03size/main.conf', `include 'part.conf'\ninclude 'part.conf'\ninclude 'part.conf'\n`);
    expectOneLineError(pgvet(['lint', main, '--max-file-size', '4kB']), 'd03size/part.conf (included from', 'and its includes are larger than 4kB together');
    expectOneLineError(pgvet(['lint', main, '--max-file-size', 'lots']), '--max-file-size: invalid size "lots"');
  });
});

describe('D06: include_dir fan-out stops where the server stops', () => {
  test("D06: five files that each include_dir '.' give the server's one recursion error", () => {
    for (let i = 1; i <= 5; i++) write(`d06/d/f${i}.conf`, "include_dir '.'\n");
    const main = write('d06/main.conf', "include_dir 'd'\n");
    const r = pgvet(['lint', main, '--format', 'compact']);
    expect({ code: r.code, pgv007: pgv007(r) }).toEqual({
      code: 1,
      pgv007: [`d06/d/f1.conf:1:1: error: configuration file recursion in "${path.join(dir, 'd06/d/f1.conf')}" [PGV007]`],
    });
    expect(r.rssMB).toBeLessThan(200);
  });

  test('D06: includes that fan out through each other stop at 100,000 with a one-line error', () => {
    // a.conf includes b.conf four times and b.conf includes a.conf four times: 4^10 paths to depth 10
    write('d06fan/a.conf', "include 'b.conf'\n".repeat(4));
    write('d06fan/b.conf', "include 'a.conf'\n".repeat(4));
    const main = write('d06fan/main.conf', "include 'a.conf'\n");
    const r = pgvet(['lint', main]);
    expectOneLineError(r, 'more than 100,000 includes', 'the include directives fan out');
  });

  test('D06: three-way fan-out below the cap: each failing directive reported once', () => {
    write('d06three/a.conf', "include 'b.conf'\n".repeat(3));
    write('d06three/b.conf', "include 'a.conf'\n".repeat(3));
    const main = write('d06three/main.conf', "include 'a.conf'\n");
    const r = pgvet(['lint', main, '--format', 'compact']);
    expect({ code: r.code, pgv007: pgv007(r) }).toEqual({
      code: 1,
      pgv007: [1, 2, 3].map((n) => `d06three/b.conf:${n}:1: error: could not open configuration file "a.conf": maximum nesting depth exceeded [PGV007]`),
    });
  });
});

describe('D07: the lexer is linear', () => {
  test("D07: an unterminated string of 200,000 \\' (600kB) is one syntax error", () => {
    const conf = write('d07/q.conf', `x = '${"\\'".repeat(200_000)}\n`);
    const r = pgvet(['lint', conf, '--format', 'compact']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`d07/q.conf:1:5: error: syntax error near token "'" [PGV001]`);
    // the parser stops at the error; a suppression comment on the line makes pgvet lex all of it
    const lexed = write('d07/q2.conf', `x = '${"\\'".repeat(200_000)} # pgvet-disable-next-line\nwork_mem = 8MB\n`);
    const r2 = pgvet(['lint', lexed, '--format', 'compact']);
    expect(r2.timedOut).toBe(false);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toContain(`d07/q2.conf:1:5: error: syntax error near token "'" [PGV001]`);
  });
});

describe('D08: long numbers are parsed in linear time', () => {
  test.each([
    ['400,000 nines', '9'.repeat(400_000)],
    ['0x and 1,000,000 f', `0x${'f'.repeat(1_000_000)}`],
  ])('D08: work_mem = %s is an invalid value, quickly', (_what, digits) => {
    const conf = write(`d08/${digits.length}.conf`, `work_mem = ${digits}\n`);
    const r = pgvet(['lint', conf, '--format', 'json']);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; parameter?: string }> }).findings;
    expect(findings.filter((f) => f.parameter === 'work_mem').map((f) => f.ruleId)).toEqual(['PGV004']);
  });
});

describe('D09: did-you-mean is bounded', () => {
  test('D09: 4,000 unknown names, a 20,000-character name, explain of a 100,000-character topic', () => {
    const many = write('d09/u.conf', Array.from({ length: 4000 }, (_, i) => `unknown_param_${i} = 1\n`).join(''));
    const r1 = pgvet(['lint', many, '--format', 'compact']);
    expect(r1.timedOut).toBe(false);
    expect(r1.stdout.split('\n').filter((l) => l.includes('[PGV002]'))).toHaveLength(4000);
    const long = write('d09/l.conf', `${'a'.repeat(20_000)} = 1\n`);
    const r2 = pgvet(['lint', long, '--format', 'compact']);
    expect({ timedOut: r2.timedOut, code: r2.code }).toEqual({ timedOut: false, code: 1 });
    expect(r2.stdout).toContain('[PGV002]');
    const r3 = pgvet(['explain', 'a'.repeat(100_000)]);
    expect(r3.timedOut).toBe(false);
    expect(r3.code).toBe(2);
    expect(r3.stderr).not.toMatch(/\n\s+at /);
    // and it still finds what is near
    const r4 = pgvet(['explain', 'shared_bufers']);
    expect(`${r4.stdout}${r4.stderr}`).toContain('shared_buffers');
  });
});

describe('D10: time and memory grow with the file, no faster', () => {
  test(
    'D10: 300,000 lines of work_mem = 4MB in bounded time and memory',
    () => {
      // 1,000,000 lines is in npm run bench; 300,000 keep this test to a few seconds. The red team
      // measured 2.4kB of RSS a line (720MB here); now it is about 1kB, most of it the 299,999
      // PGV008 findings and their report.
      const conf = write('d10/m.conf', 'work_mem = 4MB\n'.repeat(300_000));
      const r = pgvet(['lint', conf, '--format', 'compact'], { timeoutMs: 60_000 });
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l.includes('[PGV008]'))).toHaveLength(299_999);
      expect(r.rssMB).toBeLessThan(600);
    },
    90_000,
  );

  test('D10: 1MB of blank lines', () => {
    const conf = write('d10/blank.conf', '\n'.repeat(1 << 20));
    const r = pgvet(['lint', conf, '--format', 'compact']);
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 0 });
    // was 480MB; judged against an empty file in the same run, so the bound is what the blank lines
    // add (about 10MB), not the size of the bundle or the machine's load (an absolute 150MB cap failed
    // at 162MB on a loaded CI machine)
    const empty = pgvet(['lint', write('d10/empty.conf', ''), '--format', 'compact']);
    expect(empty.code).toBe(0);
    expect(r.rssMB - empty.rssMB).toBeLessThan(64);
  });

  test(
    'D10: 100,000 suppression comments',
    () => {
      const text = Array.from({ length: 100_000 }, (_, i) => `# pgvet-disable-next-line PGV001, PGV002, PGV${String(i % 999).padStart(3, '0')}\nwork_mem = 4MB\n`).join('');
      const conf = write('d10/s.conf', text);
      const r = pgvet(['lint', conf, '--format', 'json'], { timeoutMs: 60_000 });
      expect(r.timedOut).toBe(false);
      const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> }).findings;
      // every work_mem line but the last is a PGV008, unless the comment above it names PGV008
      let expected = 0;
      for (let i = 0; i < 99_999; i++) if (i % 999 !== 8) expected++;
      expect(findings.filter((f) => f.ruleId === 'PGV008')).toHaveLength(expected);
      expect(r.rssMB).toBeLessThan(800);
    },
    90_000,
  );
});

describe('D11: nothing blocks on a FIFO', () => {
  test('D11: a FIFO as the file, an include, an include_dir entry, --host, --config, --hba', () => {
    const fifo = mkfifo('d11/fifo');
    const inc = write('d11/pg.conf', "include 'fifo'\n");
    const r1 = pgvet(['lint', rel(inc), '--format', 'compact']);
    expect({ code: r1.code, pgv007: pgv007(r1) }).toEqual({
      code: 1,
      pgv007: [`d11/pg.conf:1:1: error: "${fifo}" is a FIFO: the server would wait for a writer forever when it opens it [PGV007]`],
    });
    // include_if_exists too: the server waits in open() all the same
    const ie = write('d11/ie.conf', "include_if_exists 'fifo'\n");
    expect(pgv007(pgvet(['lint', ie, '--format', 'compact']))).toHaveLength(1);
    const inDir = mkfifo('d11/conf.d/a.conf');
    write('d11/conf.d/b.conf', 'work_mem = 8MB\n');
    const dirConf = write('d11/dir.conf', "include_dir 'conf.d'\n");
    expect(pgv007(pgvet(['lint', rel(dirConf), '--format', 'compact']))).toEqual([
      `d11/dir.conf:1:1: error: "${inDir}" is a FIFO: the server would wait for a writer forever when it opens it [PGV007]`,
    ]);
    expectOneLineError(pgvet(['lint', fifo]), `cannot read ${fifo}: not a regular file (it is a FIFO); to read a pipe, give "-" and standard input`);
    expectOneLineError(pgvet(['simulate', FIX, '--host', fifo]), `cannot read host file ${fifo}: not a regular file (it is a FIFO)`);
    expectOneLineError(pgvet(['lint', FIX, '--config', fifo]), `cannot read config file ${fifo}: not a regular file (it is a FIFO)`);
    expectOneLineError(pgvet(['lint', FIX, '--hba', fifo]), `cannot read ${fifo}: not a regular file (it is a FIFO)`);
    expectOneLineError(pgvet(['lint', FIX, '--baseline', fifo]), `cannot read baseline ${fifo}: not a regular file (it is a FIFO)`);
  });

  test('D11: a pipe on standard input is read ("-")', () => {
    const r = pgvet(['lint', '-', '--format', 'compact'], { stdin: 'work_mem = 8 MB\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:1:14: error: syntax error near token "MB"');
  });
});

describe('D17: unreadable inputs are one-line errors, not exit 3', () => {
  test('D17: PGSERVICEFILE is a directory', () => {
    expectOneLineError(pgvet(['plan', FIX, '--db', 'service=x'], { env: { PGSERVICEFILE: dir } }), `cannot read service file ${dir}: Is a directory`);
  });

  test('D17: an ignore glob picomatch refuses (over 65,536 characters) names the .pgvetrc.json', () => {
    const rc = write('d17/rc.json', JSON.stringify({ ignore: ['*'.repeat(70_000)] }));
    expectOneLineError(pgvet(['lint', FIX, '--config', rc]), `${rc}:1:12: $.ignore[0]: not a usable glob (70000 characters)`);
  });

  test('D17: PGSERVICEFILE cannot be read', () => {
    const svc = write('d17/svc.conf', '[x]\nhost=127.0.0.1\n');
    fs.chmodSync(svc, 0o000);
    try {
      // root reads anything: the unprivileged user stands in for a normal one
      const r = pgvet(['plan', FIX, '--db', 'service=x'], { env: { PGSERVICEFILE: svc }, unprivileged: true });
      expectOneLineError(r, `cannot read service file ${svc}: Permission denied`);
    } finally {
      fs.chmodSync(svc, 0o644);
    }
  });

  test('D17: standard input is a directory', () => {
    const fd = fs.openSync(dir, 'r');
    try {
      expectOneLineError(pgvet(['lint', '-'], { stdin: fd }), 'cannot read <stdin>: Is a directory');
      expectOneLineError(pgvet(['simulate', '-'], { stdin: fd }), 'cannot read <stdin>: Is a directory');
    } finally {
      fs.closeSync(fd);
    }
  });

  test('D17: the main file is a directory, or a socket', async () => {
    // lint reads a directory of manifests (issue 16); with none in it, one line naming it
    expectOneLineError(pgvet(['lint', dir]), `no PostgreSQL configuration found in ${dir}`);
    expectOneLineError(pgvet(['simulate', dir]), `cannot read ${dir}: Is a directory`);
    const sock = await socketAt(path.join(dir, 'd17.sock'));
    expectOneLineError(pgvet(['lint', sock]), `cannot read ${sock}: not a regular file (it is a socket)`);
  });
});

describe('D22: the reason is the right one', () => {
  test('D22: a symbolic link loop: "Too many levels of symbolic links"; include_if_exists skips it as the server does', () => {
    fs.mkdirSync(path.join(dir, 'd22'), { mode: 0o755 });
    fs.symlinkSync('l2', path.join(dir, 'd22/l1'));
    fs.symlinkSync('l1', path.join(dir, 'd22/l2'));
    const a = write('d22/a.conf', "include 'l1'\n");
    expect(pgv007(pgvet(['lint', rel(a), '--format', 'compact']))).toEqual([
      `d22/a.conf:1:1: error: could not open configuration file "${path.join(dir, 'd22/l1')}": Too many levels of symbolic links [PGV007]`,
    ]);
    const ie = write('d22/ie.conf', "include_if_exists 'l1'\n");
    expect(pgvet(['lint', ie, '--format', 'compact']).code).toBe(0);
    expectOneLineError(pgvet(['lint', path.join(dir, 'd22/l1')]), 'Too many levels of symbolic links');
    expectOneLineError(pgvet(['simulate', FIX, '--host', path.join(dir, 'd22/l1')]), 'Too many levels of symbolic links');
  });

  test('D22: a file under a directory pgvet may not enter: "Permission denied"; include_if_exists skips it', () => {
    const locked = path.join(dir, 'd22locked');
    write('d22locked/a.conf', 'work_mem = 8MB\n');
    const b = write('d22b.conf', "include 'd22locked/a.conf'\n");
    const ie = write('d22ie.conf', "include_if_exists 'd22locked/a.conf'\n");
    fs.chmodSync(locked, 0o700);
    if (serverUser() === null) fs.chmodSync(locked, 0o000); // not root: lock ourselves out
    try {
      expect(pgv007(pgvet(['lint', rel(b), '--format', 'compact'], { unprivileged: true }))).toEqual([
        `d22b.conf:1:1: error: could not open configuration file "${path.join(locked, 'a.conf')}": Permission denied [PGV007]`,
      ]);
      expect(pgvet(['lint', ie, '--format', 'compact'], { unprivileged: true }).code).toBe(0);
      expectOneLineError(pgvet(['lint', path.join(locked, 'a.conf')], { unprivileged: true }), 'Permission denied');
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});

/**
 * pgvet's verdict on special includes equals the server's (PostgreSQL 17, `postgres -C`, run as
 * the unprivileged user, and pgvet as the same user). A FIFO and /dev/zero hang the server, so
 * they are covered above and in rules/PGV007-include-error/README.md, not here.
 */
const describeServer = pgAvailable(17) ? describe : describe.skip;
describeServer('verdicts on special includes equal the server’s', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await getCluster(17);
  }, 120_000);

  test('sockets, loops, unreadable files and directories, devices, include_dir stopping at the first failure', async () => {
    const s = cluster.scratchDir;
    await socketAt(path.join(s, 'sock.conf'));
    fs.symlinkSync('loop2', path.join(s, 'loop1'));
    fs.symlinkSync('loop1', path.join(s, 'loop2'));
    writeScratch(cluster, 'noread.conf', 'work_mem = 8MB\n');
    fs.chmodSync(path.join(s, 'noread.conf'), 0o000);
    makeScratchDir(cluster, 'closed');
    fs.chmodSync(path.join(s, 'closed'), 0o000);
    makeScratchDir(cluster, 'open');
    writeScratch(cluster, 'stops/a.conf', "include 'deep.conf'\nwork_mem = 8MB\n");
    writeScratch(cluster, 'stops/deep.conf', 'q = = 1\n');
    writeScratch(cluster, 'stops/b.conf', 'r = = 1\n');
    makeScratchDir(cluster, 'dloop');
    fs.symlinkSync('x.conf', path.join(s, 'dloop/x.conf'));
    const cases: Record<string, string> = {
      socket: "include 'sock.conf'\n",
      socketIfExists: "include_if_exists 'sock.conf'\n",
      loop: "include 'loop1'\n",
      loopIfExists: "include_if_exists 'loop1'\n",
      unreadable: "include 'noread.conf'\n",
      unreadableIfExists: "include_if_exists 'noread.conf'\n",
      closedDirectory: "include 'closed'\n",
      closedDirectoryIfExists: "include_if_exists 'closed'\n",
      openDirectoryIfExists: "include_if_exists 'open'\n",
      devNull: "include '/dev/null'\n",
      includeDirStops: "include_dir 'stops'\n",
      includeDirStatFails: "include_dir 'dloop'\n",
    };
    const verdicts: Record<string, { server: boolean; pgvet: boolean }> = {};
    for (const [name, text] of Object.entries(cases)) {
      const file = writeScratch(cluster, `${name}.conf`, text);
      chownForServer(file);
      const server = await checkConfigFile(cluster, file);
      const r = pgvet(['lint', file, '--format', 'json', '--pg-version', '17', '--no-config'], { unprivileged: true, cwd: s });
      const findings = (JSON.parse(r.stdout) as { findings: Array<{ severity: string; file: string; ruleId: string }> }).findings;
      verdicts[name] = { server: server.accepted, pgvet: !findings.some((f) => f.severity === 'error') };
      if (name === 'includeDirStops') {
        // the server never reads b.conf after a.conf failed (through deep.conf), and pgvet neither
        expect(server.stderr).not.toContain('b.conf');
        expect(findings.filter((f) => f.ruleId === 'PGV001').map((f) => path.basename(f.file))).toEqual(['deep.conf']);
      }
    }
    expect(verdicts).toEqual(Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, { server: v.server, pgvet: v.server }])));
    // and the verdicts are the ones measured when this was written
    expect(Object.fromEntries(Object.entries(verdicts).map(([k, v]) => [k, v.server]))).toEqual({
      socket: false,
      socketIfExists: true,
      loop: false,
      loopIfExists: true,
      unreadable: false,
      unreadableIfExists: true,
      closedDirectory: false,
      closedDirectoryIfExists: true,
      openDirectoryIfExists: false,
      devNull: true,
      includeDirStops: false,
      includeDirStatFails: false,
    });
  }, 120_000);
});
