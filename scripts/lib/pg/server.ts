/**
 * Really starting a postmaster, and always stopping it. A server runs on a leased private copy
 * of the cluster's data directory (cluster.ts), as the server user (privileges.ts), and listens
 * only on a private unix-socket directory (`listen_addresses = ''`) unless the caller asks for
 * 127.0.0.1 or leaves the sockets to a file it knows listens on nothing else. It is stopped by
 * `stop()`, by the harness's cleanup (harness.ts), and, where util-linux `setpriv` is available,
 * by a parent-death signal if this process dies without running its handlers.
 * Also here: `connect`, a `pg` client on a started server's socket.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { pgBinDir } from './install.js';
import { chownForServer, identity, serverEnv } from './privileges.js';
import { nextPort, trackServer, untrackServer } from './harness.js';
import { leaseDataDir, type Cluster } from './cluster.js';
import { parseServerMessages, type ServerMessage } from './messages.js';

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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Spawn the postmaster (under setpriv --pdeathsig when there is one), as the server user. */
function spawnPostmaster(cluster: Cluster, pgArgs: string[], env: Record<string, string> | undefined): ChildProcess {
  const postgres = path.join(pgBinDir(cluster.version), 'postgres');
  const [cmd, args] = pdeathsigWrapper() ? ['setpriv', ['--pdeathsig', 'SIGQUIT', '--', postgres, ...pgArgs]] : [postgres, pgArgs];
  const child = spawn(cmd, args as string[], {
    cwd: '/',
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...identity(),
  });
  trackServer(child);
  return child;
}

/**
 * Wait until the postmaster is ready (postmaster.pid status "ready" or "standby", or "ready to
 * accept connections" in the log), exits, or the deadline passes.
 */
async function waitForStartup(
  child: ChildProcess,
  dataDir: string,
  isRunning: () => boolean,
  log: () => string,
  exited: Promise<void>,
  deadline: number,
): Promise<{ started: boolean; timedOut: boolean }> {
  for (;;) {
    if (!isRunning()) return { started: false, timedOut: false };
    const pidFile = readPidFile(dataDir);
    // Line 1 is the postmaster's pid, line 8 its status (starting, ready, standby, stopping).
    // With the setpriv wrapper the pid is the same: setpriv execs postgres.
    if (pidFile && Number(pidFile[0]) === child.pid && (pidFile[7]?.trim() === 'ready' || pidFile[7]?.trim() === 'standby')) {
      return { started: true, timedOut: false };
    }
    if (/ready to accept (read-only )?connections/.test(log())) return { started: true, timedOut: false };
    if (Date.now() > deadline) return { started: false, timedOut: true };
    await Promise.race([exited, sleep(25)]);
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
  const port = nextPort();
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
  const child = spawnPostmaster(cluster, pgArgs, opts.env);
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
    untrackServer(child);
    fs.rmSync(socketDir, { recursive: true, force: true });
    // A SIGKILLed postmaster may leave children and shared memory behind: don't reuse its copy.
    lease.release(killed);
  };
  const stderrText = (): string => Buffer.concat(errChunks).toString('utf8');
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null && !spawnError;

  const { started, timedOut } = await waitForStartup(child, lease.dir, isRunning, stderrText, exited, Date.now() + (opts.startTimeoutMs ?? 15_000));

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

  return {
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
