/**
 * What `pgvet plan` reads from the live server, in one short read-only session, with limits: the
 * connection has connect_timeout (conninfo.ts), each query a timeout (--query-timeout), and the
 * server may send at most MAX_SERVER_BYTES in all; whatever goes wrong ends the session at once
 * (the socket is destroyed, nothing waits for the server) and becomes a LiveError with one line
 * that says what happened.
 */
import type { PgClientConfig } from './conninfo.js';

export interface LiveSetting {
  name: string;
  setting: string;
  unit: string | null;
  context: string;
  vartype: string;
  source: string;
  sourcefile: string | null;
  sourceline: number | null;
  pendingRestart: boolean;
  bootVal: string | null;
}

export interface FileSettingRow {
  sourcefile: string | null;
  sourceline: number | null;
  name: string;
  setting: string | null;
  applied: boolean;
  error: string | null;
}

export interface LiveServer {
  versionNum: number;
  version: string;
  standby: boolean;
  configFile: string;
  settings: Map<string, LiveSetting>;
  /** pg_file_settings, or null when this role may not read it. */
  fileSettings: FileSettingRow[] | null;
  /** Values ALTER SYSTEM put in postgresql.auto.conf, by lower-case name (the last one wins). */
  alterSystem: Map<string, { value: string; line: number | null }>;
  clientBackends: number;
  /** SHOW shared_memory_size (15+), in MB. */
  sharedMemoryMB: number | null;
}

/** All a server may send in one plan session: pg_settings is ~100 kB; this leaves room for a huge pg_file_settings. */
export const MAX_SERVER_BYTES = 64 * 1024 * 1024;
export const DEFAULT_QUERY_TIMEOUT_S = 15;

export interface LiveLimits {
  /** Each query, in seconds. */
  queryTimeoutSeconds: number;
  /** All the bytes the server may send. */
  maxBytes: number;
}

/** Why reading the live server failed, in one line (the caller names the server). */
export class LiveError extends Error {
  constructor(
    message: string,
    /** true: failed before the session was ready (connecting, TLS, authentication) */
    readonly connecting: boolean,
  ) {
    super(message);
  }
}

/** The pg driver's client, as far as this module uses it (some of it is the driver's internals: pinned by the tests). */
interface DriverClient {
  query<R>(sql: string): Promise<{ rows: R[] }>;
  connect(): Promise<void>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
  password: string | null | undefined;
  connection: {
    stream: NodeJS.ReadableStream & { destroy(err?: Error): void; destroyed?: boolean };
    on(event: string, listener: (...args: unknown[]) => void): void;
    emit(event: string, ...args: unknown[]): boolean;
  };
}

const NO_PASSWORD = 'no password supplied';
class TooMuchData extends Error {}
class NotPostgres extends Error {
  constructor() {
    super('the server answered, but not as PostgreSQL does (pg_settings and server_version_num are not what it sends)');
  }
}

/** A server error (pg's DatabaseError) with its SQLSTATE. */
const sqlstate = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/** One line for what went wrong. */
export function describeFailure(err: unknown, limits: LiveLimits, connectTimeoutSeconds: number): string {
  const e = err as NodeJS.ErrnoException;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (err instanceof TooMuchData || err instanceof NotPostgres) return message;
  if (message === NO_PASSWORD) return 'no password supplied (the server asks for one: give it in --db, PGPASSWORD, a service file or ~/.pgpass)';
  switch (e.code) {
    case 'ECONNREFUSED': return 'connection refused (is the server running and listening there?)';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'host not found';
    case 'ENOENT': return 'no such socket (is the server running, with that socket directory and port?)';
    case 'EACCES': return 'permission denied on the socket';
    case 'ETIMEDOUT': case 'EHOSTUNREACH': case 'ENETUNREACH': return `cannot reach the host (${e.code})`;
    case 'ECONNRESET': case 'EPIPE': return 'the server closed the connection (not a PostgreSQL server?)';
    default: break;
  }
  switch (sqlstate(err)) {
    case '57014': return `the server cancelled a query: ${message} (statement_timeout of the server or the role is shorter than pgvet's catalog reads)`;
    case '57P05': return `the server ended the session: ${message} (idle_session_timeout)`;
    case '25P03': return `the server ended the session: ${message} (idle_in_transaction_session_timeout)`;
    case undefined: break;
    default: return message;
  }
  if (message === 'timeout expired') return `timed out connecting after ${connectTimeoutSeconds}s (connect_timeout)`;
  if (message === 'Query read timeout') return `the server did not answer a query within ${limits.queryTimeoutSeconds}s (--query-timeout)`;
  if (/Connection terminated|not queryable/.test(message)) return 'the server closed the connection';
  return message;
}

/** Read everything plan needs; throws LiveError. */
export async function readLiveServer(config: PgClientConfig, limits: LiveLimits = { queryTimeoutSeconds: DEFAULT_QUERY_TIMEOUT_S, maxBytes: MAX_SERVER_BYTES }): Promise<LiveServer> {
  const pg = (await import('pg')).default;
  // libpq's "no password supplied": when the server asks for a password and neither the
  // connection string, the environment nor ~/.pgpass has one, stop right there (the driver would
  // otherwise send nothing and wait for the server's authentication_timeout, 60s by default).
  class Client extends (pg.Client as unknown as new (c: object) => DriverClient) {
    _getPassword(cb: () => void): void {
      const base = (pg.Client.prototype as unknown as { _getPassword(this: DriverClient, cb: () => void): void })._getPassword;
      base.call(this, () => (this.password === null || this.password === undefined ? void this.connection.emit('error', new Error(NO_PASSWORD)) : cb()));
    }
  }
  const client = new Client({ ...config, query_timeout: limits.queryTimeoutSeconds * 1000 });
  let failure: Error | undefined;
  // a dropped connection between queries is an 'error' event: without a listener, a crash
  client.on('error', (err) => {
    failure ??= err;
  });
  // the cap on what the server may send, counted on the socket (and on the TLS socket after the handshake)
  let received = 0;
  const watch = (stream: DriverClient['connection']['stream']): void => {
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes && !stream.destroyed) {
        stream.destroy(new TooMuchData(`the server sent more than ${Math.round(limits.maxBytes / 1048576)}MB; pgvet stopped reading (not a PostgreSQL server, or a broken one)`));
      }
    });
  };
  watch(client.connection.stream);
  client.connection.on('sslconnect', () => watch(client.connection.stream));
  const connectTimeout = Math.round(config.connectionTimeoutMillis / 1000);
  let connected = false;
  try {
    await client.connect();
    connected = true;
    const live = await readAll(client);
    await closeQuickly(client);
    return live;
  } catch (err) {
    client.connection.stream.destroy();
    // the first thing that went wrong says more than "not queryable" after it
    const cause = failure && /not queryable|Connection terminated/.test((err as Error).message ?? '') ? failure : err;
    throw new LiveError(describeFailure(cause, limits, connectTimeout), !connected);
  }
}

/** End the session politely, but never wait long for it. */
async function closeQuickly(client: DriverClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([client.end().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
  clearTimeout(timer);
  client.connection.stream.destroy();
}

async function readAll(client: DriverClient): Promise<LiveServer> {
  const [info] = (
    await client.query<{ num: string; version: string; standby: boolean; config_file: string }>(
      "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version, pg_is_in_recovery() AS standby, current_setting('config_file') AS config_file",
    )
  ).rows;
  const settings = new Map<string, LiveSetting>();
  const rows = (
    await client.query<{ name: string; setting: string; unit: string | null; context: string; vartype: string; source: string; sourcefile: string | null; sourceline: number | null; pending_restart: boolean; boot_val: string | null }>(
      'SELECT name, setting, unit, context, vartype, source, sourcefile, sourceline, pending_restart, boot_val FROM pg_settings',
    )
  ).rows;
  if (!info || typeof info.num !== 'string' || typeof info.standby !== 'boolean' || !/^[0-9]{5,6}$/.test(info.num) || typeof info.version !== 'string' || typeof info.config_file !== 'string') throw new NotPostgres();
  for (const r of rows) {
    if (typeof r.name !== 'string' || typeof r.setting !== 'string') throw new NotPostgres();
    settings.set(r.name.toLowerCase(), {
      name: r.name,
      setting: r.setting,
      unit: r.unit,
      context: r.context,
      vartype: r.vartype,
      source: r.source,
      sourcefile: r.sourcefile,
      sourceline: r.sourceline,
      pendingRestart: r.pending_restart,
      bootVal: r.boot_val,
    });
  }
  let fileSettings: FileSettingRow[] | null = null;
  try {
    fileSettings = (await client.query<FileSettingRow>('SELECT sourcefile, sourceline, name, setting, applied, error FROM pg_file_settings ORDER BY seqno')).rows;
  } catch (err) {
    // needs superuser or pg_read_all_settings; any other failure is a failure
    if (sqlstate(err) !== '42501') throw err;
    fileSettings = null;
  }
  const alterSystem = new Map<string, { value: string; line: number | null }>();
  for (const f of fileSettings ?? []) {
    if (f.sourcefile?.endsWith('/postgresql.auto.conf') && f.setting !== null) alterSystem.set(f.name.toLowerCase(), { value: f.setting, line: f.sourceline });
  }
  const [{ n }] = (await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'client backend'")).rows as [{ n: string }];
  const shm = (await client.query<{ mb: string | null }>("SELECT current_setting('shared_memory_size', true) AS mb")).rows[0]?.mb ?? null;
  return {
    versionNum: Number(info!.num),
    version: info!.version,
    standby: info!.standby,
    configFile: info!.config_file,
    settings,
    fileSettings,
    alterSystem,
    clientBackends: Number(n),
    sharedMemoryMB: shm === null || shm === '' ? null : parseInt(shm, 10),
  };
}
