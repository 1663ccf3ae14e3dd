/**
 * The server's check hooks that can refuse a value while the configuration file is read at
 * startup (guc_tables.c / variable.c / guc.c and friends), re-stated from their documented
 * behaviour. Hooks that only act inside a transaction (database lookups) accept everything at
 * startup and are not listed. Each hook returns null when the value is accepted.
 */
import type { Catalog } from './catalog.js';
import type { ParamInfo } from './types.js';
import { asciiLower, parseBool, type ValueProblem } from './values.js';
import { strtod } from './cnum.js';

export interface HookContext {
  catalog: Catalog;
  /** The value a parameter (lower-case name) has at this point of reading the file. */
  get(name: string): number | string | boolean | undefined;
}

export type CheckHook = (value: number | string | boolean, ctx: HookContext, raw: string) => ValueProblem | null;

const MAX_BACKENDS = 262143;

function fail(param: string, value: number | string | boolean, detail?: string, hint?: string): ValueProblem {
  // the server prints ints and bools with %d, strings quoted
  const shown = typeof value === 'string' ? `"${value}"` : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return { kind: 'invalid', message: `invalid value for parameter "${param}": ${shown}`, ...(detail ? { detail } : {}), ...(hint ? { hint } : {}) };
}

/** scanner_isspace */
function isScannerSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}

/** SplitIdentifierString: null on a syntax error, else the (down-cased unquoted) names. */
export function splitIdentifierString(raw: string, separator: string): string[] | null {
  const names: string[] = [];
  let p = 0;
  while (isScannerSpace(raw[p])) p++;
  if (p >= raw.length) return names;
  for (;;) {
    let name: string;
    if (raw[p] === '"') {
      name = '';
      p++;
      for (;;) {
        const q = raw.indexOf('"', p);
        if (q < 0) return null;
        name += raw.slice(p, q);
        if (raw[q + 1] === '"') {
          name += '"';
          p = q + 2;
          continue;
        }
        p = q + 1;
        break;
      }
    } else {
      const start = p;
      while (p < raw.length && raw[p] !== separator && !isScannerSpace(raw[p])) p++;
      if (p === start) return null;
      name = asciiLower(raw.slice(start, p));
    }
    while (isScannerSpace(raw[p])) p++;
    names.push(name);
    if (raw[p] === separator) {
      p++;
      while (isScannerSpace(raw[p])) p++;
      continue;
    }
    if (p >= raw.length) return names;
    return null;
  }
}

/** The four parameters that make up MaxBackends; 13–17 check each against the others (+1). */
function maxBackendsHook(self: string): CheckHook {
  return (value, ctx) => {
    const parts = ['max_connections', 'autovacuum_max_workers', 'max_worker_processes', 'max_wal_senders'];
    let sum = Number(value) + 1;
    for (const p of parts) if (p !== self) sum += Number(ctx.get(p) ?? 0);
    return sum > MAX_BACKENDS ? fail(ctx.catalog.params.get(self)?.name ?? self, value) : null;
  };
}

const STAGE_STATS = ['log_parser_stats', 'log_planner_stats', 'log_executor_stats'];

function stageStatsHook(self: string): CheckHook {
  return (value, ctx) =>
    value === true && ctx.get('log_statement_stats') === true
      ? fail(self, value, 'Cannot enable parameter when "log_statement_stats" is true.')
      : null;
}

const logStatementStatsHook: CheckHook = (value, ctx) =>
  value === true && STAGE_STATS.some((s) => ctx.get(s) === true)
    ? fail('log_statement_stats', value, 'Cannot enable "log_statement_stats" when "log_parser_stats", "log_planner_stats", or "log_executor_stats" is true.')
    : null;

function slruBuffersHook(self: string): CheckHook {
  return (value) => (Number(value) % 16 === 0 ? null : fail(self, value, `"${self}" must be a multiple of 16.`));
}

/* ---------- time zones (pg_tzset: a zone file, or a POSIX TZ specification) ---------- */

/** getsecs/getoffset of tzcode: [+-]hh[:mm[:ss]] with hh ≤ 167. Returns the rest or null. */
function posixOffset(s: string): string | null {
  const m = /^[+-]?(\d{1,3})(?::(\d{1,2})(?::(\d{1,2}))?)?/.exec(s);
  if (!m) return null;
  if (Number(m[1]) > 24 * 7 - 1) return null;
  if (m[2] !== undefined && Number(m[2]) > 59) return null;
  if (m[3] !== undefined && Number(m[3]) > 60) return null;
  return s.slice(m[0].length);
}

/** getzname or <quoted> name: returns the rest, or null. */
function posixName(s: string): string | null {
  if (s.startsWith('<')) {
    const end = s.indexOf('>');
    return end < 0 ? null : s.slice(end + 1);
  }
  const m = /^[^0-9,+-]*/.exec(s)!;
  return s.slice(m[0].length);
}

const RULE = String.raw`(?:J\d{1,3}|\d{1,3}|M\d{1,2}\.\d\.\d)(?:/[+-]?\d{1,3}(?::\d{1,2}(?::\d{1,2})?)?)?`;
const RULES_RE = new RegExp(`^[,;]${RULE},${RULE}$`);

/** tzparse() of tzcode as PostgreSQL carries it (an empty STD abbreviation is allowed). */
export function isPosixTz(spec: string): boolean {
  const upper = spec.toUpperCase();
  let rest = posixName(upper);
  if (rest === null || rest === '') return false;
  rest = posixOffset(rest);
  if (rest === null) return false;
  if (rest === '') return true;
  rest = posixName(rest);
  if (rest === null) return false;
  if (rest !== '' && rest[0] !== ',' && rest[0] !== ';') {
    rest = posixOffset(rest);
    if (rest === null) return false;
  }
  if (rest === '') return true;
  return RULES_RE.test(rest);
}

function zoneOk(name: string, ctx: HookContext): boolean {
  if (name.length > 255 || name.length === 0) return false;
  if (ctx.catalog.timezones.has(name.toLowerCase())) return true;
  if (name.startsWith(':')) return false;
  return isPosixTz(name);
}

const timezoneHook: CheckHook = (value, ctx) => {
  const v = String(value);
  if (asciiLower(v).startsWith('interval')) return null; // an interval literal: accepted as SET TIME ZONE INTERVAL
  const n = strtod(v);
  if (n.end !== 0 && n.end === v.length && !n.range && Number.isFinite(n.value)) {
    return Math.abs(n.value) <= 24 * 7 - 1 ? null : fail('TimeZone', v);
  }
  return zoneOk(v, ctx) ? null : fail('TimeZone', v);
};

const logTimezoneHook: CheckHook = (value, ctx) => (zoneOk(String(value), ctx) ? null : fail('log_timezone', String(value)));

/* ---------- DateStyle ---------- */

const datestyleHook: CheckHook = (value) => {
  const list = splitIdentifierString(String(value), ',');
  if (list === null) return fail('DateStyle', String(value), 'List syntax is invalid.');
  let style: string | null = null;
  let order: string | null = null;
  for (const tok of list) {
    let s: string | null = null;
    let o: string | null = null;
    switch (asciiLower(tok)) {
      case 'iso': s = 'iso'; break;
      case 'sql': s = 'sql'; break;
      case 'postgres': s = 'postgres'; break;
      case 'german': s = 'german'; if (order === null) o = 'dmy'; break;
      case 'ymd': o = 'ymd'; break;
      case 'dmy': case 'euro': case 'european': o = 'dmy'; break;
      case 'mdy': case 'us': case 'noneuro': case 'noneuropean': o = 'mdy'; break;
      case 'default': s = style ?? 'iso'; o = order ?? 'mdy'; break;
      default:
        return fail('DateStyle', String(value), `Unrecognized key word: "${tok}".`);
    }
    if (s !== null) {
      if (style !== null && style !== s) return fail('DateStyle', String(value), 'Conflicting "datestyle" specifications.');
      style = s;
    }
    if (o !== null) {
      // "German" only sets the order when none was given; an explicit conflicting order is an error
      if (order !== null && order !== o && asciiLower(tok) !== 'german') return fail('DateStyle', String(value), 'Conflicting "datestyle" specifications.');
      if (order === null || asciiLower(tok) !== 'german') order = o;
    }
  }
  return null;
};

/* ---------- lists ---------- */

function identifierListHook(self: string): CheckHook {
  return (value) => (splitIdentifierString(String(value), ',') === null ? fail(self, String(value), 'List syntax is invalid.') : null);
}

function keywordListHook(self: string, allowed: (ctx: HookContext) => string[]): CheckHook {
  return (value, ctx) => {
    const list = splitIdentifierString(String(value), ',');
    if (list === null) return fail(self, String(value), 'List syntax is invalid.');
    const ok = allowed(ctx);
    for (const tok of list) {
      if (!ok.includes(asciiLower(tok))) return fail(self, String(value), `Unrecognized key word: "${tok}".`);
    }
    return null;
  };
}

const logConnections18Hook: CheckHook = (value) => {
  const v = String(value);
  if (parseBool(v) !== null || v === '') return null;
  const list = splitIdentifierString(v, ',');
  if (list === null) return fail('log_connections', v, 'List syntax is invalid.');
  const options = ['receipt', 'authentication', 'authorization', 'setup_durations', 'all'];
  for (const tok of list) {
    if (!options.includes(asciiLower(tok))) return fail('log_connections', v, `Invalid option "${tok}".`);
  }
  return null;
};

/* ---------- synchronous_standby_names (syncrep_gram.y / syncrep_scanner.l) ---------- */

type SyncTok = { t: 'ANY' | 'FIRST' | 'NAME' | 'NUM' | ',' | '(' | ')' | 'JUNK'; v: string };

function syncrepTokens(s: string): SyncTok[] | null {
  const out: SyncTok[] = [];
  let p = 0;
  const identStart = /[A-Za-z_\u0080-\uffff]/;
  const identCont = /[A-Za-z_0-9$\u0080-\uffff]/;
  while (p < s.length) {
    const c = s[p]!;
    if (/[ \t\n\r\f\v]/.test(c)) { p++; continue; }
    if (c === '"') {
      let v = '';
      p++;
      for (;;) {
        const q = s.indexOf('"', p);
        if (q < 0) return null; // unterminated quoted identifier
        v += s.slice(p, q);
        if (s[q + 1] === '"') { v += '"'; p = q + 2; continue; }
        p = q + 1;
        break;
      }
      out.push({ t: 'NAME', v });
      continue;
    }
    if (identStart.test(c)) {
      let q = p + 1;
      while (q < s.length && identCont.test(s[q]!)) q++;
      const word = s.slice(p, q);
      const lw = asciiLower(word);
      out.push({ t: lw === 'any' ? 'ANY' : lw === 'first' ? 'FIRST' : 'NAME', v: word });
      p = q;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let q = p + 1;
      while (q < s.length && /[0-9]/.test(s[q]!)) q++;
      out.push({ t: 'NUM', v: s.slice(p, q) });
      p = q;
      continue;
    }
    if (c === '*') { out.push({ t: 'NAME', v: '*' }); p++; continue; }
    if (c === ',' || c === '(' || c === ')') { out.push({ t: c, v: c }); p++; continue; }
    out.push({ t: 'JUNK', v: c });
    p++;
  }
  return out;
}

/** Returns num_sync, or null on a syntax error. */
export function parseSyncrep(s: string): number | null {
  const toks = syncrepTokens(s);
  if (!toks || toks.length === 0) return null;
  let i = 0;
  const list = (): boolean => {
    const first = toks[i];
    if (!first || (first.t !== 'NAME' && first.t !== 'NUM')) return false;
    i++;
    while (toks[i]?.t === ',') {
      const n = toks[i + 1];
      if (!n || (n.t !== 'NAME' && n.t !== 'NUM')) return false;
      i += 2;
    }
    return true;
  };
  let num = 1;
  const t0 = toks[0]!;
  if ((t0.t === 'ANY' || t0.t === 'FIRST') && toks[1]?.t === 'NUM' && toks[2]?.t === '(') {
    num = parseInt(toks[1].v, 10);
    i = 3;
    if (!list() || toks[i]?.t !== ')') return null;
    i++;
  } else if (t0.t === 'NUM' && toks[1]?.t === '(') {
    num = parseInt(t0.v, 10);
    i = 2;
    if (!list() || toks[i]?.t !== ')') return null;
    i++;
  } else {
    if (!list()) return null;
  }
  return i === toks.length ? num : null;
}

const syncStandbyHook: CheckHook = (value) => {
  const v = String(value);
  if (v === '') return null;
  const num = parseSyncrep(v);
  if (num === null) return fail('synchronous_standby_names', v, 'synchronous_standby_names parser failed');
  if (num <= 0) return fail('synchronous_standby_names', v, `number of synchronous standbys (${num}) must be greater than zero`);
  return null;
};

/* ---------- small ones ---------- */

function clientEncodingKey(name: string): string {
  return asciiLower(name).replace(/[^a-z0-9]/g, '');
}

const clientEncodingHook: CheckHook = (value, ctx) => {
  const key = clientEncodingKey(String(value));
  for (const e of ctx.catalog.encodings) if (clientEncodingKey(e) === key) return null;
  return fail('client_encoding', String(value));
};

const tzAbbrevHook: CheckHook = (value, ctx) => {
  const v = String(value);
  if (!/^[A-Za-z]+$/.test(v)) return fail('timezone_abbreviations', v, undefined);
  return ctx.catalog.timezoneSets.includes(v) ? null : fail('timezone_abbreviations', v);
};

const slotNameHook = (self: string): CheckHook => (value) => {
  const v = String(value);
  if (v === '') return null;
  if (v.length >= 64) return fail(self, v, `replication slot name "${v}" is too long`);
  if (!/^[a-z0-9_]+$/.test(v)) return fail(self, v, `replication slot name "${v}" contains invalid character`);
  return null;
};

const vacuumBufferUsageLimitHook: CheckHook = (value) => {
  const n = Number(value);
  return n === 0 || (n >= 128 && n <= 16777216) ? null : fail('vacuum_buffer_usage_limit', value, '"vacuum_buffer_usage_limit" must be 0 or between 128 kB and 16777216 kB.');
};

const tableAmHook: CheckHook = (value) => {
  const v = String(value);
  if (v === '') return fail('default_table_access_method', v, '"default_table_access_method" cannot be empty.');
  if (Buffer.byteLength(v) >= 64) return fail('default_table_access_method', v, '"default_table_access_method" is too long (maximum 63 characters).');
  return null;
};

const recoveryTargetHook: CheckHook = (value) => {
  const v = String(value);
  return v === '' || v === 'immediate' ? null : fail('recovery_target', v, 'The only allowed value is "immediate".');
};

const recoveryTargetNameHook: CheckHook = (value) => {
  const v = String(value);
  return Buffer.byteLength(v) >= 64 ? fail('recovery_target_name', v, '"recovery_target_name" is too long (maximum 63 characters).') : null;
};

const recoveryTargetLsnHook: CheckHook = (value) => {
  const v = String(value);
  return v === '' || /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(v) ? null : fail('recovery_target_lsn', v);
};

const RECOVERY_TARGETS = ['recovery_target', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time', 'recovery_target_xid'];

/** The assign hooks refuse a second kind of recovery target (an ERROR, fatal at startup). */
function multipleTargetsHook(self: string, own: CheckHook | null): CheckHook {
  return (value, ctx, raw) => {
    const ownProblem = own ? own(value, ctx, raw) : null;
    if (ownProblem) return ownProblem;
    if (String(value) === '') return null;
    const other = RECOVERY_TARGETS.find((t) => t !== self && String(ctx.get(t) ?? '') !== '');
    if (!other) return null;
    return {
      kind: 'invalid',
      message: 'multiple recovery targets specified',
      detail: 'At most one of "recovery_target", "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_xid" may be set.',
    };
  };
}

const bonjourHook: CheckHook = (value) =>
  value === true ? { kind: 'build', message: 'Bonjour is not supported by this build' } : null;

/** Hidden parameters whose check hooks need a database: at startup only these values pass (probed). */
const roleHook: CheckHook = (value) => (asciiLower(String(value)) === 'none' ? null : fail('role', String(value)));
const sessionAuthorizationHook: CheckHook = (value) => fail('session_authorization', String(value));
const defaultWithOidsHook: CheckHook = (value) =>
  value === true ? fail('default_with_oids', value, 'Tables declared WITH OIDS are not supported.') : null;

const HOOKS: Record<string, (version: number) => CheckHook | null> = {
  role: () => roleHook,
  session_authorization: () => sessionAuthorizationHook,
  default_with_oids: () => defaultWithOidsHook,
  max_connections: (v) => (v <= 17 ? maxBackendsHook('max_connections') : null),
  autovacuum_max_workers: (v) => (v <= 17 ? maxBackendsHook('autovacuum_max_workers') : null),
  max_worker_processes: (v) => (v <= 17 ? maxBackendsHook('max_worker_processes') : null),
  max_wal_senders: (v) => (v <= 17 ? maxBackendsHook('max_wal_senders') : null),
  log_parser_stats: () => stageStatsHook('log_parser_stats'),
  log_planner_stats: () => stageStatsHook('log_planner_stats'),
  log_executor_stats: () => stageStatsHook('log_executor_stats'),
  log_statement_stats: () => logStatementStatsHook,
  transaction_buffers: () => slruBuffersHook('transaction_buffers'),
  subtransaction_buffers: () => slruBuffersHook('subtransaction_buffers'),
  commit_timestamp_buffers: () => slruBuffersHook('commit_timestamp_buffers'),
  multixact_offset_buffers: () => slruBuffersHook('multixact_offset_buffers'),
  multixact_member_buffers: () => slruBuffersHook('multixact_member_buffers'),
  notify_buffers: () => slruBuffersHook('notify_buffers'),
  serializable_buffers: () => slruBuffersHook('serializable_buffers'),
  vacuum_buffer_usage_limit: () => vacuumBufferUsageLimitHook,
  timezone: () => timezoneHook,
  log_timezone: () => logTimezoneHook,
  datestyle: () => datestyleHook,
  search_path: () => identifierListHook('search_path'),
  temp_tablespaces: () => identifierListHook('temp_tablespaces'),
  log_destination: (v) => keywordListHook('log_destination', () => (v >= 15 ? ['stderr', 'csvlog', 'jsonlog', 'syslog'] : ['stderr', 'csvlog', 'syslog'])),
  createrole_self_grant: () => keywordListHook('createrole_self_grant', () => ['set', 'inherit']),
  log_connections: (v) => (v >= 18 ? logConnections18Hook : null),
  synchronous_standby_names: () => syncStandbyHook,
  client_encoding: () => clientEncodingHook,
  timezone_abbreviations: () => tzAbbrevHook,
  primary_slot_name: () => slotNameHook('primary_slot_name'),
  default_table_access_method: () => tableAmHook,
  recovery_target: () => multipleTargetsHook('recovery_target', recoveryTargetHook),
  recovery_target_lsn: () => multipleTargetsHook('recovery_target_lsn', recoveryTargetLsnHook),
  recovery_target_name: () => multipleTargetsHook('recovery_target_name', recoveryTargetNameHook),
  recovery_target_time: () => multipleTargetsHook('recovery_target_time', null),
  recovery_target_xid: () => multipleTargetsHook('recovery_target_xid', null),
  bonjour: () => bonjourHook,
};

export function checkHookFor(param: ParamInfo, version: number): CheckHook | null {
  const make = HOOKS[param.name.toLowerCase()];
  return make ? make(version) : null;
}
