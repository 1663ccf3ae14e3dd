/**
 * `postgres -C`: the server's verdict on a configuration without starting a server. The
 * postmaster reads the configuration exactly as at startup, prints one parameter's value and
 * exits; it exits non-zero on a syntax error, an unknown name or an invalid value.
 */
import * as path from 'node:path';
import { pgBinDir } from './install.js';
import { run } from './run.js';
import { leaseDataDir, type Cluster } from './cluster.js';
import { parseServerMessages, type ServerMessage } from './messages.js';

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

interface DashCResult {
  ok: boolean;
  exitCode: number | null;
  /** What `-C` printed (the shown parameter's value) when ok. */
  value: string | null;
  messages: ServerMessage[];
  stderr: string;
}

/** `postgres -C <show> -D <dataDir> <args…>`, on a private copy of the data directory when `show` needs one. */
async function postgresDashC(cluster: Cluster, show: string, args: readonly string[], timeoutMs: number): Promise<DashCResult> {
  const lease = RUNTIME_COMPUTED.has(show.toLowerCase()) ? await leaseDataDir(cluster) : undefined;
  try {
    const res = await run(path.join(pgBinDir(cluster.version), 'postgres'), ['-C', show, '-D', lease?.dir ?? cluster.dataDir, ...args], { timeoutMs });
    const ok = res.code === 0;
    return {
      ok,
      exitCode: res.code,
      value: ok ? res.stdout.replace(/\n$/, '') : null,
      messages: parseServerMessages(res.stderr),
      stderr: res.stderr,
    };
  } finally {
    lease?.release();
  }
}

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
  const r = await postgresDashC(cluster, opts.show ?? 'server_version', ['-c', `config_file=${path.resolve(configPath)}`, ...(opts.extraArgs ?? [])], opts.timeoutMs ?? 30_000);
  return { accepted: r.ok, exitCode: r.exitCode, value: r.value, messages: r.messages, stderr: r.stderr };
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
  const r = await postgresDashC(cluster, show, args, 30_000);
  return { ok: r.ok, value: r.value, stderr: r.stderr, messages: r.messages };
}
