/**
 * The harness's process-wide state and its cleanup: the cache root on disk, this process's
 * scratch directory (`<cache root>/run-<pid>-<rand>/`), the server processes still running, the
 * next private port, and the ways they all go away: `cleanupHarness()` (fast shutdown), a
 * process 'exit' handler (SIGKILL), and a sweep of what dead processes left behind. Modules that
 * cache per-process objects (cluster.ts) register a reset here, so that after a cleanup the
 * harness can be used again.
 *
 * The jest hook that calls cleanupHarness after each test file lives in test/support/pg.ts: the
 * scripts know nothing of the test runner.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { chownForServer, serverUser } from './privileges.js';

interface HarnessState {
  /** Live server processes, killed by the 'exit' handler if still running. */
  live: Set<ChildProcess>;
  runDir: string | undefined;
  exitHandlerInstalled: boolean;
  nextPort: number;
  /** What other modules forget when the harness is cleaned up. */
  resets: Array<() => void>;
}

const state: HarnessState = {
  live: new Set(),
  runDir: undefined,
  exitHandlerInstalled: false,
  nextPort: 20000 + (process.pid % 2000) * 10,
  resets: [],
};

/** Run `reset` at every cleanupHarness (after the servers stopped and the scratch is gone). */
export function onHarnessReset(reset: () => void): void {
  state.resets.push(reset);
}

/** Track a server process: cleanup stops it if its owner has not. */
export function trackServer(child: ChildProcess): void {
  installExitHandler();
  state.live.add(child);
}

export function untrackServer(child: ChildProcess): void {
  state.live.delete(child);
}

/** A port number of our own (servers listen only on unix sockets or 127.0.0.1 with it). */
export function nextPort(): number {
  const port = state.nextPort++;
  if (state.nextPort >= 65000) state.nextPort = 20000;
  return port;
}

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
  for (const reset of state.resets) reset();
}

/** Root of the cluster cache: `$PGVET_PG_CACHE`, else `<tmpdir>/pgvet-pg-<uid>`. */
export function cacheRoot(): string {
  const fromEnv = process.env['PGVET_PG_CACHE'];
  return fromEnv ? path.resolve(fromEnv) : path.join(os.tmpdir(), `pgvet-pg-${process.getuid?.() ?? 'user'}`);
}

/** The cache root, created if need be; it must be ours, and traversable by the server user. */
export function ensureCacheRoot(): string {
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
export function runDir(): string {
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
