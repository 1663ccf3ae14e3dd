/** The host a configuration runs on, as the user described it or as pgvet found it. */

export const STORAGE_KINDS = ['ssd', 'nvme', 'hdd', 'san'] as const;
export type Storage = (typeof STORAGE_KINDS)[number];

export const WORKLOADS = ['web', 'oltp', 'dw', 'mixed', 'desktop'] as const;
export type Workload = (typeof WORKLOADS)[number];

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
  /** True when ramBytes or cores come from a container's (cgroup) limits. */
  containerLimited?: boolean;
  /**
   * The most processes the server's user may run (RLIMIT_NPROC soft limit, or the cgroup pids.max
   * when lower); known only with --host auto.
   */
  processLimit?: number;
  source: 'flags' | 'file' | 'auto';
  /** How each field was found (`--host auto`), for the output's assumptions. */
  notes?: string[];
}

/** A bad host description given on the command line (exit 2, one line). */
export class HostError extends Error {}
