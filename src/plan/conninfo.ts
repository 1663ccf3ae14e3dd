/**
 * Where `pgvet plan` connects, the way PostgreSQL users already say it: a URI
 * (postgres://user@host:5432/db?sslmode=require, parsed with pg-connection-string), libpq
 * key=value pairs ("host=db1 port=5432 dbname=app"), service=NAME from pg_service.conf
 * (PGSERVICEFILE, ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf, parsed with ini), and
 * the PG* environment variables. Precedence as in libpq: what --db says, then the service, then
 * the environment. Passwords never appear in anything pgvet prints, and neither does any word of a
 * connection string that pgvet could not read (it may be half of a password with a space): errors
 * name the keyword, or the position, never the text.
 *
 * Checked like libpq: every keyword must be one libpq knows (those pgvet does not use are
 * ignored), port is 1 to 65535, sslmode one of its six values. connect_timeout (default 10s,
 * libpq's minimum of 2s) bounds connecting; pgvet never waits without a limit, so 0 means the
 * default rather than libpq's "forever".
 */
import os from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { parse as parseUri } from 'pg-connection-string';
import { InputError } from '../resolve/load.js';
import { readTextFile, reasonOf, type ReadError } from '../io/read.js';

export interface ConnParams {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  dbname?: string;
  sslmode?: string;
  sslrootcert?: string;
  connectTimeoutSeconds?: number;
  applicationName?: string;
}

/** The options a pg Client takes. */
export interface PgClientConfig {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: boolean | { rejectUnauthorized: boolean; ca?: string };
  connectionTimeoutMillis: number;
  application_name: string;
}

export const DEFAULT_CONNECT_TIMEOUT_S = 10;

/** Every keyword libpq accepts (fe-connect.c PQconninfoOptions, PostgreSQL 13–18); those not in KEY_MAP do not matter to pgvet. */
const LIBPQ_KEYWORDS = new Set([
  'service', 'servicefile', 'user', 'password', 'passfile', 'channel_binding', 'connect_timeout', 'dbname', 'host', 'hostaddr', 'port',
  'client_encoding', 'options', 'application_name', 'fallback_application_name', 'keepalives', 'keepalives_idle', 'keepalives_interval',
  'keepalives_count', 'tcp_user_timeout', 'sslmode', 'sslnegotiation', 'sslcompression', 'sslcert', 'sslkey', 'sslcertmode', 'sslpassword',
  'sslrootcert', 'sslcrl', 'sslcrldir', 'sslsni', 'sslkeylogfile', 'requirepeer', 'require_auth', 'ssl_min_protocol_version',
  'ssl_max_protocol_version', 'min_protocol_version', 'max_protocol_version', 'gssencmode', 'krbsrvname', 'gsslib', 'gssdelegation',
  'replication', 'target_session_attrs', 'load_balance_hosts', 'scram_client_key', 'scram_server_key', 'oauth_issuer', 'oauth_client_id',
  'oauth_client_secret', 'oauth_scope',
]);

/** libpq's sslmode values. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

const ordinal = (n: number): string => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

const KEY_MAP: Record<string, keyof ConnParams> = {
  host: 'host',
  hostaddr: 'host',
  port: 'port',
  user: 'user',
  password: 'password',
  dbname: 'dbname',
  sslmode: 'sslmode',
  sslrootcert: 'sslrootcert',
  connect_timeout: 'connectTimeoutSeconds',
  application_name: 'applicationName',
};

/**
 * libpq keyword/value syntax: key = value, values single-quoted with \' and \\ escapes. Errors
 * never quote the text (see the top of this file).
 */
export function parseKeywordValue(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  let n = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  while (true) {
    skip();
    if (i >= text.length) return out;
    const keyStart = i;
    while (i < text.length && !/[\s=]/.test(text[i]!)) i++;
    const key = text.slice(keyStart, i);
    n++;
    skip();
    if (text[i] !== '=') throw new Error(`the ${ordinal(n)} word of the connection string has no "=" after it (a value with spaces needs quotes: password='two words')`);
    if (!LIBPQ_KEYWORDS.has(key)) throw new Error(`the ${ordinal(n)} keyword of the connection string is not one libpq knows (a value with spaces needs quotes: password='two words')`);
    i++;
    skip();
    let value = '';
    if (text[i] === "'") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted string in connection info string');
        const c = text[i]!;
        if (c === '\\' && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
    }
    out[key] = value;
  }
}

function fromRecord(rec: Record<string, string | undefined>, origin: string): ConnParams {
  const params: ConnParams = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined || v === '') continue;
    const key = Object.prototype.hasOwnProperty.call(KEY_MAP, k) ? KEY_MAP[k] : undefined;
    if (!key) continue; // other libpq keywords (options, target_session_attrs, …) do not matter here
    if (key === 'port') {
      // libpq: "invalid port number" unless 1..65535 (the value is not echoed: see the top)
      const port = /^\s*[0-9]{1,5}\s*$/.test(v) ? Number(v) : NaN;
      if (!(port >= 1 && port <= 65535)) throw new InputError(origin, `${origin}: invalid port number (must be 1 to 65535)`);
      params.port = port;
    } else if (key === 'connectTimeoutSeconds') {
      const t = /^\s*[-+]?[0-9]{1,9}\s*$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(t)) throw new InputError(origin, `${origin}: invalid connect_timeout (must be a whole number of seconds)`);
      // libpq: 1 means 2; pgvet: 0 or less means its default, never "wait forever"
      params.connectTimeoutSeconds = t <= 0 ? DEFAULT_CONNECT_TIMEOUT_S : Math.max(2, t);
    } else if (key === 'sslmode') {
      if (!(SSL_MODES as readonly string[]).includes(v)) throw new InputError(origin, `${origin}: invalid sslmode (must be one of ${SSL_MODES.join(', ')})`);
      params.sslmode = v;
    } else {
      params[key] = v;
    }
  }
  return params;
}

/** The pg_service.conf section for a service name. */
export function readService(name: string, env: Readonly<Record<string, string | undefined>> = process.env): { file: string; params: Record<string, string> } {
  const candidates = [
    env.PGSERVICEFILE,
    env.PGSERVICEFILE ? undefined : path.join(env.HOME ?? os.homedir(), '.pg_service.conf'),
    env.PGSYSCONFDIR ? path.join(env.PGSYSCONFDIR, 'pg_service.conf') : undefined,
  ].filter((p): p is string => Boolean(p));
  for (const file of candidates) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (err) {
      // libpq looks for the next file only when this one does not exist
      if ((err as ReadError).code === 'ENOENT') continue;
      throw new InputError(file, `cannot read service file ${file}: ${reasonOf(err)}`);
    }
    const parsed = ini.parse(text) as Record<string, Record<string, string>>;
    const section = parsed[name];
    if (section && typeof section === 'object') return { file, params: section };
  }
  throw new InputError(candidates[0] ?? 'pg_service.conf', `definition of service "${name}" not found (looked in ${candidates.join(', ') || 'no service file'})`);
}

function fromEnvironment(env: Readonly<Record<string, string | undefined>>): ConnParams {
  return fromRecord(
    {
      host: env.PGHOST,
      hostaddr: env.PGHOSTADDR,
      port: env.PGPORT,
      user: env.PGUSER,
      password: env.PGPASSWORD,
      dbname: env.PGDATABASE,
      sslmode: env.PGSSLMODE,
      sslrootcert: env.PGSSLROOTCERT,
      connect_timeout: env.PGCONNECT_TIMEOUT,
      application_name: env.PGAPPNAME,
    },
    'environment',
  );
}

/** Resolve --db (URI, key=value, service=NAME, or nothing) with the environment; `flag` names the option in messages (--db, --primary). */
export function resolveConnection(db: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env, flag = '--db'): ConnParams {
  let given: Record<string, string> = {};
  const text = (db ?? '').trim();
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let uri: ReturnType<typeof parseUri>;
    try {
      uri = parseUri(text);
    } catch (err) {
      throw new InputError(flag, `${flag}: not a valid connection URI`);
    }
    const q = uri as unknown as Record<string, string | undefined>;
    given = Object.fromEntries(
      Object.entries({
        host: uri.host ?? undefined,
        port: uri.port ?? undefined,
        user: uri.user,
        password: uri.password,
        dbname: uri.database ?? undefined,
        sslmode: q.sslmode,
        connect_timeout: q.connect_timeout,
        application_name: q.application_name,
        service: q.service,
      }).filter(([, v]) => v !== undefined && v !== null && v !== ''),
    ) as Record<string, string>;
  } else if (text.includes('=')) {
    try {
      given = parseKeywordValue(text);
    } catch (err) {
      throw new InputError(flag, `${flag}: ${(err as Error).message}`);
    }
  } else if (text !== '') {
    // a bare word is a database name, as with psql
    given = { dbname: text };
  }
  const serviceName = given.service ?? env.PGSERVICE;
  const service = serviceName ? fromRecord(readService(serviceName, env).params, `service "${serviceName}"`) : {};
  return { ...fromEnvironment(env), ...service, ...fromRecord(given, flag) };
}

/** sslrootcert: a certificate file (PEM), read bounded like every other input. */
function readCertificate(file: string): string {
  try {
    return readTextFile(file);
  } catch (err) {
    throw new InputError(file, `cannot read sslrootcert ${file}: ${reasonOf(err)}`);
  }
}

export function toClientConfig(p: ConnParams): PgClientConfig {
  let ssl: PgClientConfig['ssl'] = false;
  switch (p.sslmode) {
    case 'require':
      ssl = { rejectUnauthorized: false };
      break;
    case 'verify-ca':
    case 'verify-full':
      ssl = { rejectUnauthorized: true, ...(p.sslrootcert ? { ca: readCertificate(p.sslrootcert) } : {}) };
      break;
    default:
      ssl = false; // disable, allow, prefer (checked in fromRecord): the pg driver has no "try SSL, then plain"
  }
  return {
    ...(p.host ? { host: p.host } : {}),
    ...(p.port ? { port: p.port } : {}),
    ...(p.user ? { user: p.user } : {}),
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(p.dbname ? { database: p.dbname } : {}),
    ssl,
    connectionTimeoutMillis: (p.connectTimeoutSeconds || DEFAULT_CONNECT_TIMEOUT_S) * 1000,
    application_name: p.applicationName ?? 'pgvet plan',
  };
}

/** Where we connect, for messages: never the password. */
export function describe(p: ConnParams): string {
  const host = p.host ?? 'localhost';
  const where = host.startsWith('/') ? `socket ${host}` : host;
  return `${p.user ? `${p.user}@` : ''}${where}:${p.port ?? 5432}/${p.dbname ?? p.user ?? 'postgres'}`;
}

/** Remove a password (and any user:password@ in URIs) from a message. */
export function redact(message: string, ...secrets: Array<string | undefined>): string {
  let out = message.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@').replace(/password\s*=\s*('[^']*'|\S+)/gi, 'password=***');
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}
