/**
 * Clusters: the initdb'd data directory of each major, created once into the cache and shared by
 * every process (only ever read: `postgres -C` does not lock it), with a marker naming the npm
 * package it was built from; the per-process scratch directory for configuration files; and
 * leases on private copies of the data directory for servers that really start (a data directory
 * hosts one postmaster).
 *
 * Layout on disk:
 *   <cache root>/<v>/data                       the shared cluster
 *   <cache root>/<v>/pgvet-cluster.json         its marker ({ package, initdb })
 *   <cache root>/run-<pid>-<rand>/pg<v>/files   this process's scratch (writeScratch)
 *   <cache root>/run-<pid>-<rand>/pg<v>/data-N  leased private copies
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PgMajor } from '../../../src/catalog/types.js';
import { pgAvailable, pgBinDir, pgPackageDir, pgPackageId } from './install.js';
import { chownForServer, chownTreeForServer, serverUser } from './privileges.js';
import { run } from './run.js';
import { ensureCacheRoot, onHarnessReset, runDir } from './harness.js';

export interface Cluster {
  version: PgMajor;
  /** The cached, initdb'd data directory (shared; only read, never started). */
  dataDir: string;
  /** A fresh per-process directory owned by the server user for config files. */
  scratchDir: string;
}

interface DataDirPool {
  free: string[];
  created: number;
}

const clusters = new Map<PgMajor, Promise<Cluster>>();
const pools = new Map<PgMajor, DataDirPool>();
onHarnessReset(() => {
  clusters.clear();
  pools.clear();
});

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
  let p = clusters.get(v);
  if (!p) {
    p = createCluster(v);
    clusters.set(v, p);
    p.catch(() => clusters.delete(v));
  }
  return p;
}

async function createCluster(v: PgMajor): Promise<Cluster> {
  if (!pgAvailable(v)) throw new Error(`PostgreSQL ${v} binaries are missing or not executable in ${pgBinDir(v)}`);
  const root = ensureCacheRoot();
  const dir = path.join(root, String(v));
  const pkg = pgPackageId(v);
  if (!clusterUsable(dir, v, pkg)) await initdbInto(root, dir, v, pkg);
  const scratchDir = path.join(runDir(), `pg${v}`, 'files');
  fs.mkdirSync(scratchDir, { recursive: true, mode: 0o755 });
  chownForServer(path.dirname(scratchDir));
  chownForServer(scratchDir);
  return { version: v, dataDir: path.join(dir, 'data'), scratchDir };
}

/** initdb into a private temporary directory under `root`, then publish it as `dir` (atomic rename). */
async function initdbInto(root: string, dir: string, v: PgMajor, pkg: string): Promise<void> {
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

export interface DataDirLease {
  dir: string;
  /** Give the copy back for reuse, or (discard) delete it, e.g. after its postmaster was SIGKILLed. */
  release(discard?: boolean): void;
}

/** Lease a private copy of the cluster's data directory; copies are made on demand and reused. */
export async function leaseDataDir(cluster: Cluster, fresh = false): Promise<DataDirLease> {
  let pool = pools.get(cluster.version);
  if (!pool) {
    pool = { free: [], created: 0 };
    pools.set(cluster.version, pool);
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
