/** The host a configuration runs on, as the user described it or as pgvet found it. */

export const STORAGE_KINDS = ['ssd', 'nvme', 'hdd', 'san'] as const;
export type Storage = (typeof STORAGE_KINDS)[number];

export const WORKLOADS = ['web', 'oltp', 'dw', 'mixed', 'desktop'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Filesystems of the data directory and pg_wal that change what some settings do (--filesystem). */
export const FILESYSTEMS = ['ext4', 'xfs', 'zfs', 'btrfs', 'nfs', 'other'] as const;
export type Filesystem = (typeof FILESYSTEMS)[number];

export const THP_MODES = ['always', 'madvise', 'never'] as const;
export type ThpMode = (typeof THP_MODES)[number];

export interface TransparentHugePages {
  /** For anonymous memory (work_mem, caches): always, madvise or never. */
  enabled: ThpMode;
  /** For shared memory (shmem_enabled: always, within_size, advise, never, deny, force), when known. */
  shmem?: string;
}

export interface Host {
  /** Memory the server may use: physical RAM, or the container's limit when lower. */
  ramBytes?: number;
  /** CPUs the server may use (fractional under a CPU quota, e.g. 1.5). */
  cores?: number;
  storage?: Storage;
  workload?: Workload;
  /** Expected concurrently active clients. */
  connections?: number;
  /** Streaming replicas this server feeds. */
  replicas?: number;
  /** Size of the volume that holds pg_wal (--wal-volume), for WAL and slot retention. */
  walVolumeBytes?: number;
  /** Filesystem of the data directory and pg_wal (--filesystem). */
  filesystem?: Filesystem;
  /** vm.overcommit_memory (0, 1 or 2) and vm.overcommit_ratio (--host auto: /proc/sys/vm). */
  overcommitMemory?: number;
  overcommitRatio?: number;
  /** True when ramBytes or cores come from a container's (cgroup) limits. */
  containerLimited?: boolean;
  /**
   * The most processes the server's user may run (RLIMIT_NPROC soft limit, or the cgroup pids.max
   * when lower); known only with --host auto.
   */
  processLimit?: number;
  /**
   * Huge pages reserved for the server's shared memory (vm.nr_hugepages): true = enough are
   * reserved, false = none; a number = the pages reserved (HugePages_Total, --host auto), which
   * the simulator compares with what the configuration needs. Without them (huge_pages = try
   * falls back) every process maps the shared memory with 4kB pages and pays page tables.
   */
  hugePages?: boolean | number;
  /** Size of one huge page in bytes (Hugepagesize, --host auto; 2MB on x86-64 by default). */
  hugePageSize?: number;
  /** Transparent huge pages (/sys/kernel/mm/transparent_hugepage/enabled and shmem_enabled). */
  transparentHugePages?: TransparentHugePages;
  source: 'flags' | 'file' | 'auto';
  /** How each field was found (`--host auto`), for the output's assumptions. */
  notes?: string[];
}

// A bad host description (exit 2, one line): src/errors.ts.
export { HostError } from '../errors.js';
