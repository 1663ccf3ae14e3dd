/**
 * `--host auto`: this machine. RAM from /proc/meminfo, CPUs from the CPU count, each lowered to
 * the container's limit when a cgroup sets one:
 * - cgroup v2 (a unified hierarchy: cgroup.controllers at the root): memory.max and cpu.max
 *   ("max" = no limit) of this process's cgroup (/proc/self/cgroup "0::/path") and of every
 *   ancestor up to the root, the lowest limit winning;
 * - cgroup v1: memory/memory.limit_in_bytes (a huge value, e.g. 9223372036854771712, means no
 *   limit) and cpu/cpu.cfs_quota_us ÷ cpu.cfs_period_us (-1 = no limit), looked up under this
 *   process's cgroup path and at the controller's root; "cpu,cpuacct" mounts included.
 * Missing or unreadable files mean "no limit there". Both roots are injectable for tests.
 *
 * Huge pages: HugePages_Total and Hugepagesize from /proc/meminfo (the reservation,
 * vm.nr_hugepages), and transparent huge pages from /sys/kernel/mm/transparent_hugepage/enabled
 * and shmem_enabled (the bracketed word is the mode in force).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { THP_MODES, type Host, type ThpMode, type TransparentHugePages } from './types.js';

export interface AutoOptions {
  /** Default /proc. */
  procRoot?: string;
  /** Default /sys/fs/cgroup. */
  cgroupRoot?: string;
  /** Default /sys; with procRoot given and sysRoot not, transparent huge pages are not read. */
  sysRoot?: string;
}

/** Values at or above this are "unlimited" in cgroup v1 (the kernel writes PAGE_COUNTER_MAX × page size). */
const V1_UNLIMITED = 2 ** 62;

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

interface Limits {
  memory?: number;
  cpu?: number;
  notes: string[];
}

/** /proc/self/cgroup: controller → path. v2 uses the key "" (line "0::/path"). */
function cgroupPaths(procRoot: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of (read(path.join(procRoot, 'self', 'cgroup')) ?? '').split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const controllers = m[1] ?? '';
    const p = m[2] ?? '/';
    if (controllers === '') out.set('', p);
    for (const c of controllers.split(',')) if (c) out.set(c, p);
  }
  return out;
}

/** Directories from `start` up to `root` (both included), deepest first; only those that exist. */
function upTo(root: string, start: string): string[] {
  const dirs: string[] = [];
  let dir = path.resolve(start);
  const top = path.resolve(root);
  if (!dir.startsWith(top)) dir = top;
  for (;;) {
    if (exists(dir)) dirs.push(dir);
    if (dir === top) break;
    dir = path.dirname(dir);
  }
  return dirs;
}

function v2Limits(cgroupRoot: string, cgPath: string): Limits {
  let memory: number | undefined;
  let cpu: number | undefined;
  let memNote: string | undefined;
  let cpuNote: string | undefined;
  for (const dir of upTo(cgroupRoot, path.join(cgroupRoot, cgPath))) {
    const rel = path.relative(cgroupRoot, dir) || '.';
    const mem = read(path.join(dir, 'memory.max'))?.trim();
    if (mem && mem !== 'max' && /^\d+$/.test(mem) && (memory === undefined || Number(mem) < memory)) {
      memory = Number(mem);
      memNote = `memory: cgroup v2 ${path.join(rel, 'memory.max')} = ${mem}`;
    }
    const cpuMax = read(path.join(dir, 'cpu.max'))?.trim();
    const m = cpuMax ? /^(\d+|max)\s+(\d+)$/.exec(cpuMax) : null;
    if (m && m[1] !== 'max' && Number(m[2]) > 0) {
      const cores = Number(m[1]) / Number(m[2]);
      if (cpu === undefined || cores < cpu) {
        cpu = cores;
        cpuNote = `cores: cgroup v2 ${path.join(rel, 'cpu.max')} = ${cpuMax}`;
      }
    }
  }
  const notes = [memNote, cpuNote].filter((n): n is string => n !== undefined);
  return { ...(memory !== undefined ? { memory } : {}), ...(cpu !== undefined ? { cpu } : {}), notes };
}

function v1Limits(cgroupRoot: string, paths: Map<string, string>): Limits {
  const notes: string[] = [];
  let memory: number | undefined;
  let cpu: number | undefined;
  const memPath = paths.get('memory') ?? '/';
  for (const dir of [path.join(cgroupRoot, 'memory', memPath), path.join(cgroupRoot, 'memory')]) {
    const raw = read(path.join(dir, 'memory.limit_in_bytes'))?.trim();
    if (raw === undefined || !/^\d+$/.test(raw)) continue;
    const v = Number(raw);
    if (v < V1_UNLIMITED) {
      memory = v;
      notes.push(`memory: cgroup v1 ${path.relative(cgroupRoot, path.join(dir, 'memory.limit_in_bytes'))} = ${raw}`);
    }
    break;
  }
  const cpuPath = paths.get('cpu') ?? '/';
  const cpuDirs = ['cpu', 'cpu,cpuacct', 'cpuacct,cpu'].flatMap((c) => [path.join(cgroupRoot, c, cpuPath), path.join(cgroupRoot, c)]);
  for (const dir of cpuDirs) {
    const quota = read(path.join(dir, 'cpu.cfs_quota_us'))?.trim();
    const period = read(path.join(dir, 'cpu.cfs_period_us'))?.trim();
    if (quota === undefined || period === undefined || !/^-?\d+$/.test(quota) || !/^\d+$/.test(period)) continue;
    if (Number(quota) > 0 && Number(period) > 0) {
      cpu = Number(quota) / Number(period);
      notes.push(`cores: cgroup v1 ${path.relative(cgroupRoot, dir)} cpu.cfs_quota_us ${quota} / cpu.cfs_period_us ${period}`);
    }
    break;
  }
  return { ...(memory !== undefined ? { memory } : {}), ...(cpu !== undefined ? { cpu } : {}), notes };
}

/** This machine as a Host, container limits included. */
export function hostAuto(opts: AutoOptions = {}): Host {
  const procRoot = opts.procRoot ?? '/proc';
  const cgroupRoot = opts.cgroupRoot ?? '/sys/fs/cgroup';
  const notes: string[] = [];

  let ram: number | undefined;
  const meminfo = read(path.join(procRoot, 'meminfo'));
  const total = meminfo ? /^MemTotal:\s+(\d+) kB/m.exec(meminfo) : null;
  if (total?.[1]) {
    ram = Number(total[1]) * 1024;
    notes.push(`memory: ${path.join(procRoot, 'meminfo')} MemTotal ${total[1]} kB`);
  } else if (opts.procRoot === undefined) {
    ram = os.totalmem();
    notes.push('memory: the operating system total (no /proc/meminfo)');
  }

  // The huge page reservation (vm.nr_hugepages) and the page size.
  let hugePages: number | undefined;
  let hugePageSize: number | undefined;
  const hpTotal = meminfo ? /^HugePages_Total:\s+(\d+)/m.exec(meminfo) : null;
  const hpSize = meminfo ? /^Hugepagesize:\s+(\d+) kB/m.exec(meminfo) : null;
  if (hpTotal?.[1]) {
    hugePages = Number(hpTotal[1]);
    if (hpSize?.[1]) hugePageSize = Number(hpSize[1]) * 1024;
    notes.push(`huge pages: ${path.join(procRoot, 'meminfo')} HugePages_Total ${hpTotal[1]}${hpSize?.[1] ? `, Hugepagesize ${hpSize[1]} kB` : ''}`);
  }
  const sysRoot = opts.sysRoot ?? (opts.procRoot === undefined ? '/sys' : undefined);
  let thp: TransparentHugePages | undefined;
  if (sysRoot !== undefined) {
    const dir = path.join(sysRoot, 'kernel', 'mm', 'transparent_hugepage');
    const mode = (file: string): string | undefined => /\[([a-z_]+)\]/.exec(read(path.join(dir, file)) ?? '')?.[1];
    const enabled = mode('enabled');
    if (enabled && (THP_MODES as readonly string[]).includes(enabled)) {
      const shmem = mode('shmem_enabled');
      thp = { enabled: enabled as ThpMode, ...(shmem ? { shmem } : {}) };
      notes.push(`transparent huge pages: ${path.join(dir, 'enabled')} ${enabled}${shmem ? `, shmem_enabled ${shmem}` : ''}`);
    }
  }

  // Memory overcommit (the docs' kernel-resources "Linux Memory Overcommit")
  const overcommit = read(path.join(procRoot, 'sys', 'vm', 'overcommit_memory'))?.trim();
  const overcommitRatio = read(path.join(procRoot, 'sys', 'vm', 'overcommit_ratio'))?.trim();
  const overcommitFacts: { overcommitMemory?: number; overcommitRatio?: number } = {};
  if (overcommit && /^[012]$/.test(overcommit)) {
    overcommitFacts.overcommitMemory = Number(overcommit);
    if (overcommitRatio && /^\d+$/.test(overcommitRatio)) overcommitFacts.overcommitRatio = Number(overcommitRatio);
    notes.push(`memory overcommit: ${path.join(procRoot, 'sys', 'vm', 'overcommit_memory')} ${overcommit}${overcommitFacts.overcommitRatio !== undefined ? `, overcommit_ratio ${overcommitRatio}` : ''}`);
  }

  let cores: number | undefined;
  if (opts.procRoot === undefined) {
    cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    notes.push(`cores: ${cores} CPUs available to this process`);
  } else {
    const cpuinfo = read(path.join(procRoot, 'cpuinfo'));
    const n = cpuinfo ? (cpuinfo.match(/^processor\s*:/gm) ?? []).length : 0;
    if (n > 0) {
      cores = n;
      notes.push(`cores: ${n} processors in ${path.join(procRoot, 'cpuinfo')}`);
    }
  }

  // RLIMIT_NPROC ("Max processes" soft limit) and the pids cgroup limit, whichever is lower
  let processLimit: number | undefined;
  const limitsFile = read(path.join(procRoot, 'self', 'limits'));
  const nproc = limitsFile ? /^Max processes\s+(\S+)/m.exec(limitsFile) : null;
  if (nproc?.[1] && /^\d+$/.test(nproc[1])) {
    processLimit = Number(nproc[1]);
    notes.push(`processes: ${path.join(procRoot, 'self', 'limits')} Max processes ${nproc[1]}`);
  }

  const paths = cgroupPaths(procRoot);
  const unified = exists(path.join(cgroupRoot, 'cgroup.controllers'));
  const limits = unified ? v2Limits(cgroupRoot, paths.get('') ?? '/') : v1Limits(cgroupRoot, paths);
  let containerLimited = false;
  if (limits.memory !== undefined && (ram === undefined || limits.memory < ram)) {
    ram = limits.memory;
    containerLimited = true;
    notes.push(...limits.notes.filter((n) => n.startsWith('memory')));
  }
  if (limits.cpu !== undefined && (cores === undefined || limits.cpu < cores)) {
    cores = limits.cpu;
    containerLimited = true;
    notes.push(...limits.notes.filter((n) => n.startsWith('cores')));
  }
  const pidsMax = read(path.join(cgroupRoot, ...(unified ? [paths.get('') ?? '/', 'pids.max'] : ['pids', paths.get('pids') ?? '/', 'pids.max'])))?.trim();
  if (pidsMax && /^\d+$/.test(pidsMax) && (processLimit === undefined || Number(pidsMax) < processLimit)) {
    processLimit = Number(pidsMax);
    notes.push(`processes: cgroup pids.max ${pidsMax}`);
  }
  if (!containerLimited) notes.push(unified ? 'cgroup v2: no memory or CPU limit below the machine' : exists(path.join(cgroupRoot, 'memory')) || exists(path.join(cgroupRoot, 'cpu')) ? 'cgroup v1: no memory or CPU limit below the machine' : 'no cgroup limits found');

  return {
    ...(ram !== undefined ? { ramBytes: ram } : {}),
    ...(cores !== undefined ? { cores: Math.round(cores * 1000) / 1000 } : {}),
    containerLimited,
    ...(processLimit !== undefined ? { processLimit } : {}),
    ...(hugePages !== undefined ? { hugePages } : {}),
    ...(hugePageSize !== undefined ? { hugePageSize } : {}),
    ...(thp ? { transparentHugePages: thp } : {}),
    ...overcommitFacts,
    source: 'auto',
    notes,
  };
}
