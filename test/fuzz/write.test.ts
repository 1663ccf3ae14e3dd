/**
 * "Never lose a byte", as a property: `tune --write` on random configurations (the real-world
 * corpus in fixtures/corpus, mutated: settings added and dropped, CRLF, an included file, a
 * symbolic link to the file, odd modes and owners, a FILE.bak already there as a file, a
 * dangling link or a FIFO) with a failure injected at EVERY file-system call of the write in
 * turn (src/io/write.ts's WriteFs: lstat, realpath, access, open, write (also half-written, then
 * the failure), read, fstat, fsync, fchown, fchmod, close, rename, link, unlink), with a random
 * errno each time. After each run every file holds its original bytes or its complete new bytes
 * (all files the one or all the other), and the directory holds nothing but the files, the
 * backups the run reported, and leftovers the message names. In-process, on /dev/shm when there
 * is one; a few thousand failures in a few seconds.
 */
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { PG_MAJORS, type PgMajor } from '../../src/catalog/types.js';
import { WORKLOADS, type Workload } from '../../src/host/types.js';
import { diskFs, writeFileAtomic, WriteError, type WriteFs } from '../../src/io/write.js';
import { loadConfig } from '../../src/resolve/load.js';
import { resolveSettings } from '../../src/resolve/settings.js';
import { recommend } from '../../src/tune/recommend.js';
import { applyWrite, newBytes, planWrite } from '../../src/tune/write.js';
import { VENDORED_CORPUS_DIR } from '../support/paths.js';

const GB = 1024 ** 3;
const SCRATCH_ROOT = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const CORPUS = path.join(VENDORED_CORPUS_DIR, 'postgresql');
const CORPUS_FILES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.conf')).sort();
const ROOT = process.geteuid?.() === 0;
/** nobody, to make the write keep an owner that is not ours (fchown) when we are root */
const OTHER = { uid: 65534, gid: 65534 };

/** Settings tune rewrites (and a few it does not), for the mutations and the included file. */
const LINES = [
  'shared_buffers = 128MB', "shared_buffers = '1GB'   # ops", 'work_mem = 4MB', 'max_connections = 300', 'max_connections = 262143',
  'maintenance_work_mem = 64MB', 'effective_cache_size = 4GB', 'max_wal_size = 1GB', 'random_page_cost = 4', 'autovacuum_max_workers = 3',
  'listen_addresses = localhost', "log_line_prefix = '%m [%p] '", '#work_mem = 4MB', '# a comment', '',
];
const CODES = ['ENOSPC', 'EIO', 'EACCES', 'EROFS', 'EDQUOT', 'EPERM', 'EEXIST', 'ENOENT'] as const;
const OPS = ['lstat', 'realpath', 'access', 'open', 'write', 'read', 'fstat', 'fsync', 'fchown', 'fchmod', 'close', 'rename', 'link', 'unlink'] as const;
type Op = (typeof OPS)[number];

interface Case {
  corpus: number;
  mutations: Array<{ kind: 'add'; line: number; at: number } | { kind: 'drop'; at: number }>;
  crlf: boolean;
  include: number[] | null;
  symlink: boolean;
  mode: number;
  chown: boolean;
  existingBak: 'none' | 'file' | 'dangling' | 'fifo';
  ram: number;
  cores: number;
  workload: Workload;
  version: PgMajor;
  codes: number[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  corpus: fc.integer({ min: 0, max: CORPUS_FILES.length - 1 }),
  mutations: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('add' as const), line: fc.integer({ min: 0, max: LINES.length - 1 }), at: fc.nat() }),
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
    ),
    { maxLength: 5 },
  ),
  crlf: fc.boolean(),
  include: fc.option(fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { minLength: 1, maxLength: 4 }), { freq: 2 }),
  symlink: fc.boolean(),
  mode: fc.constantFrom(0o600, 0o640, 0o644),
  chown: fc.boolean(),
  existingBak: fc.constantFrom('none' as const, 'file' as const, 'dangling' as const, 'fifo' as const),
  ram: fc.constantFrom(1 * GB, 4 * GB, 16 * GB, 64 * GB),
  cores: fc.constantFrom(1, 2, 4, 16),
  workload: fc.constantFrom(...WORKLOADS),
  version: fc.constantFrom(...PG_MAJORS),
  codes: fc.array(fc.integer({ min: 0, max: CODES.length - 1 }), { minLength: 7, maxLength: 7 }),
});

/** The case's files: relative path → bytes (the main file is pg.conf, or real/pg.conf behind the link pg.conf). */
function filesOf(c: Case): { main: string; real: string; files: Map<string, Buffer> } {
  const lines = fs.readFileSync(path.join(CORPUS, CORPUS_FILES[c.corpus]!), 'latin1').split('\n');
  for (const m of c.mutations) {
    if (m.kind === 'add') lines.splice(m.at % (lines.length + 1), 0, LINES[m.line]!);
    else if (lines.length > 1) lines.splice(m.at % lines.length, 1);
  }
  const files = new Map<string, Buffer>();
  const eol = c.crlf ? '\r\n' : '\n';
  const join = (ls: string[]): Buffer => Buffer.from(ls.join('\n').replace(/\r?\n/g, eol), 'latin1');
  const real = c.symlink ? 'real/pg.conf' : 'pg.conf';
  if (c.include && !c.symlink) {
    lines.push("include 'extra.conf'");
    files.set('extra.conf', join(c.include.map((i) => LINES[i]!).concat([''])));
  }
  files.set(real, join(lines));
  return { main: 'pg.conf', real, files };
}

function errno(code: string, op: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${op}`), { code });
}

/** Where an errno can come from: EEXIST from creating calls, ENOENT from calls that look a name up (else EIO stands in). */
function plausible(code: string, op: Op): string {
  if (code === 'EEXIST') return op === 'open' || op === 'link' ? code : 'EIO';
  if (code === 'ENOENT') return op === 'lstat' || op === 'realpath' || op === 'access' || op === 'open' || op === 'rename' || op === 'link' ? code : 'EIO';
  return code;
}

/** diskFs, with call number `failAt` failing (a write first writes half its bytes, like a disk filling up). */
function faulty(failAt: number, code: string, seen: Op[]): WriteFs {
  let n = 0;
  const out = {} as Record<Op, (...args: never[]) => unknown>;
  for (const op of OPS) {
    const real = (diskFs[op] as (...args: unknown[]) => unknown).bind(diskFs);
    out[op] = ((...args: unknown[]) => {
      n++;
      seen.push(op);
      if (n !== failAt) return real(...args);
      if (op === 'write') {
        const [fd, buf, off, len] = args as [number, Uint8Array, number, number];
        if (len > 1) diskFs.write(fd, buf, off, Math.floor(len / 2));
      }
      throw errno(plausible(code, op), op);
    }) as (...args: never[]) => unknown;
  }
  return out as unknown as WriteFs;
}

/** Every entry under dir (relative), directories included. */
function listing(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    out.push(r);
    if (e.isDirectory()) out.push(...listing(dir, r));
  }
  return out.sort();
}

/** Put the case's files back as they were: contents, modes, owners; remove everything else. */
function reset(dir: string, c: Case, layout: ReturnType<typeof filesOf>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, bytes] of layout.files) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    fs.chmodSync(p, c.mode);
    if (ROOT && c.chown) fs.chownSync(p, OTHER.uid, OTHER.gid);
  }
  if (c.symlink) fs.symlinkSync(layout.real, path.join(dir, layout.main));
  const bak = path.join(dir, `${layout.main}.bak`);
  if (c.existingBak === 'file') fs.writeFileSync(bak, 'an old backup\n');
  if (c.existingBak === 'dangling') fs.symlinkSync(path.join(dir, 'victim'), bak);
  if (c.existingBak === 'fifo') execFileSync('mkfifo', [bak]); // node has no mkfifo
}

const stats = { cases: 0, failures: 0, committedFlushFailures: 0, successes: 0, ops: new Set<Op>() };
const scratch = fs.mkdtempSync(path.join(SCRATCH_ROOT, 'pgvet-fuzz-write-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** One case: plan once, write cleanly once, then once per call of that write with that call failing. Throws on a violation. */
function runCase(c: Case): void {
  stats.cases++;
  const layout = filesOf(c);
  const dir = path.join(scratch, `case-${stats.cases}`);
  reset(dir, c, layout);
  const version = c.version;
  const config = loadConfig(path.join(dir, layout.main), { version, cwd: dir });
  const resolution = resolveSettings(config.items, loadCatalog(version));
  let recs;
  try {
    recs = recommend({ version, host: { ramBytes: c.ram, cores: c.cores, source: 'flags' }, workload: c.workload, current: resolution }).recommendations;
  } catch {
    return; // not a write question (e.g. a host tune refuses)
  }
  const plan = planWrite(config, resolution, recs, `# pgvet tune (fuzz ${stats.cases})`);
  if (!plan.files.length) return;
  // file (relative to dir, as written through) → original and new bytes
  const expectations = plan.files.map((fe) => {
    const rel = path.relative(dir, fe.file.path);
    return { rel, original: layout.files.get(rel === layout.main ? layout.real : rel)!, next: newBytes(fe) };
  });
  for (const e of expectations) expect(e.original).toBeDefined();
  const before = listing(dir);

  const check = (outcome: { ok: boolean; committed: boolean; message: string; backups: string[] }): void => {
    const isNew = outcome.ok || outcome.committed;
    for (const e of expectations) {
      const now = fs.readFileSync(path.join(dir, e.rel));
      const want = isNew ? e.next : e.original;
      if (!now.equals(want)) throw new Error(`${e.rel}: neither untouched nor complete (${outcome.message})`);
      const st = fs.statSync(path.join(dir, e.rel));
      expect({ file: e.rel, mode: st.mode & 0o7777, uid: st.uid }).toEqual({ file: e.rel, mode: c.mode, uid: ROOT && c.chown ? OTHER.uid : process.geteuid?.() });
    }
    if (c.symlink) expect(fs.lstatSync(path.join(dir, layout.main)).isSymbolicLink()).toBe(true);
    // nothing but the files, the backups (only when the new content is in place) and named leftovers
    const after = listing(dir).filter((p) => !before.includes(p));
    for (const p of after) {
      const isBackup = isNew && /\.bak(\.\d+)?$/.test(p) && (outcome.backups.length === 0 || outcome.backups.includes(p));
      if (isBackup) {
        const of = expectations.find((e) => p.startsWith(`${e.rel}.bak`));
        expect({ backup: p, ofOriginal: of !== undefined && fs.readFileSync(path.join(dir, p)).equals(of.original) }).toEqual({ backup: p, ofOriginal: true });
        continue;
      }
      if (outcome.message.includes(path.join(dir, p))) continue; // a leftover the message names
      throw new Error(`stray ${p} after: ${outcome.message || 'success'}`);
    }
    // and nothing that was there went away (a dangling link, a FIFO, an old backup)
    for (const p of before) expect(() => fs.lstatSync(path.join(dir, p))).not.toThrow();
  };

  // how many calls a clean write makes
  const clean: Op[] = [];
  const ok = applyWrite(plan, faulty(0, 'EIO', clean));
  check({ ok: true, committed: false, message: ok.warnings.join('; '), backups: ok.files.flatMap((f) => (f.backup ? [path.relative(dir, f.backup)] : [])) });
  expect(ok.files.length).toBe(plan.files.length);
  stats.successes++;

  for (let k = 1; k <= clean.length; k++) {
    reset(dir, c, layout);
    const code = CODES[c.codes[k % c.codes.length]!]!;
    const seen: Op[] = [];
    let outcome: Parameters<typeof check>[0];
    try {
      const r = applyWrite(plan, faulty(k, code, seen));
      outcome = { ok: true, committed: false, message: r.warnings.join('; '), backups: r.files.flatMap((f) => (f.backup ? [path.relative(dir, f.backup)] : [])) };
      stats.successes++;
    } catch (err) {
      if (!(err instanceof WriteError)) throw new Error(`not a WriteError at call ${k} (${clean[k - 1]}, ${code}): ${(err as Error).stack}`);
      expect(err.message).not.toMatch(/\n/);
      expect(err.message).toContain(err.file);
      outcome = { ok: false, committed: err.committed, message: err.message, backups: [] };
      if (err.committed) stats.committedFlushFailures++;
      stats.failures++;
    }
    if (seen.length >= k) stats.ops.add(seen[k - 1]!);
    check(outcome);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

test(`tune --write with a failure at every write step leaves each file original or complete, and nothing stray (${SCRATCH_ROOT}, ${ROOT ? 'root: owners kept with fchown' : 'not root'})`, () => {
  const started = Date.now();
  fc.assert(fc.property(caseArb, (c) => runCase(c)), { numRuns: 100 });
  const seconds = (Date.now() - started) / 1000;
  // eslint-disable-next-line no-console
  console.log(`write fuzz: ${stats.cases} configurations, ${stats.failures + stats.successes} writes, ${stats.failures} failed as injected (${stats.committedFlushFailures} after the renames), ${seconds.toFixed(1)}s`);
  expect(stats.failures).toBeGreaterThanOrEqual(3000);
  // every kind of step had a failure injected
  const expected: Op[] = ['lstat', 'realpath', 'access', 'open', 'write', 'read', 'fstat', 'fsync', 'fchmod', 'close', 'rename', 'link', 'unlink', ...(ROOT ? (['fchown'] as Op[]) : [])];
  expect([...stats.ops].sort()).toEqual(expect.arrayContaining(expected));
}, 120_000);

test('--write-baseline (writeFileAtomic) with a failure at every step: the old baseline, or the new one, never a torn file', () => {
  let failures = 0;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 20_000 }), fc.uint8Array({ minLength: 1, maxLength: 20_000 }), fc.boolean(), fc.integer({ min: 0, max: CODES.length - 1 }), (old, next, exists, code) => {
      const dir = fs.mkdtempSync(path.join(scratch, 'bl-'));
      const file = path.join(dir, 'baseline.json');
      const clean: Op[] = [];
      if (exists) fs.writeFileSync(file, old);
      writeFileAtomic(file, next, { fs: faulty(0, 'EIO', clean) });
      for (let k = 1; k <= clean.length; k++) {
        if (exists) fs.writeFileSync(file, old);
        else fs.rmSync(file, { force: true });
        let committed = true;
        try {
          writeFileAtomic(file, next, { fs: faulty(k, CODES[code]!, []) });
        } catch (err) {
          if (!(err instanceof WriteError)) throw err;
          committed = err.committed;
          failures++;
        }
        if (committed) expect(fs.readFileSync(file).equals(Buffer.from(next))).toBe(true);
        else if (exists) expect(fs.readFileSync(file).equals(Buffer.from(old))).toBe(true);
        else expect(fs.existsSync(file)).toBe(false);
        expect(fs.readdirSync(dir)).toEqual(committed || exists ? ['baseline.json'] : []);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }),
    { numRuns: 60 },
  );
  expect(failures).toBeGreaterThan(300);
});
