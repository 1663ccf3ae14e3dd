/**
 * The server's check hooks that can refuse a value while the configuration file is read at
 * startup (guc_tables.c / variable.c / guc.c and friends), re-stated from their documented
 * behaviour. Hooks that only act inside a transaction (database lookups) accept everything at
 * startup and are not listed. Each hook returns null when the value is accepted.
 */
import { MAX_BACKENDS } from './limits.js';
import type { Catalog } from './catalog.js';
import type { ParamInfo } from './types.js';
import { asciiLower, type ValueProblem } from './values.js';
import { strtod } from './cnum.js';
import { splitIdentifierString } from './lists.js';

// The splitters live in lists.ts; re-exported for the rules that import them from here.
export { splitDirectoriesString, splitGucList, splitIdentifierString } from './lists.js';

export interface HookContext {
  catalog: Catalog;
  /** The value a parameter (lower-case name) has at this point of reading the file. */
  get(name: string): number | string | boolean | undefined;
  /** Whether a line read before this one set the parameter. */
  setInFile(name: string): boolean;
  /** True in the second reading of the file at startup, when values are already set. */
  secondPass: boolean;
}

export type CheckHook = (value: number | string | boolean, ctx: HookContext, raw: string) => ValueProblem | null;


function fail(param: string, value: number | string | boolean, detail?: string, hint?: string): ValueProblem {
  // the server prints ints and bools with %d, strings quoted
  const shown = typeof value === 'string' ? `"${value}"` : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return { kind: 'invalid', message: `invalid value for parameter "${param}": ${shown}`, ...(detail ? { detail } : {}), ...(hint ? { hint } : {}) };
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

/** getnum of tzcode: all the digits, within [min, max]. Returns [value, rest] or null. */
function getnum(s: string, min: number, max: number): [number, string] | null {
  const m = /^\d+/.exec(s);
  if (!m) return null;
  const n = Number(m[0]);
  return n < min || n > max ? null : [n, s.slice(m[0].length)];
}

/** getsecs: hh[:mm[:ss]] with hh ≤ 167, mm ≤ 59, ss ≤ 60. Returns [seconds, rest] or null. */
function getsecs(s: string): [number, string] | null {
  const h = getnum(s, 0, 24 * 7 - 1);
  if (!h) return null;
  let secs = h[0] * 3600;
  let rest = h[1];
  if (rest.startsWith(':')) {
    const m = getnum(rest.slice(1), 0, 59);
    if (!m) return null;
    secs += m[0] * 60;
    rest = m[1];
    if (rest.startsWith(':')) {
      const sec = getnum(rest.slice(1), 0, 60);
      if (!sec) return null;
      secs += sec[0];
      rest = sec[1];
    }
  }
  return [secs, rest];
}

/** getoffset: an optional sign and getsecs. */
function getoffset(s: string): [number, string] | null {
  const neg = s.startsWith('-');
  const r = getsecs(s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s);
  return r ? [neg ? -r[0] : r[0], r[1]] : null;
}

/** getzname / getqzname: the rest after a zone abbreviation (<> may be empty), or null. */
function posixName(s: string): string | null {
  if (s.startsWith('<')) {
    const end = s.indexOf('>');
    return end < 0 ? null : s.slice(end + 1);
  }
  const m = /^[^0-9,+-]*/.exec(s)!;
  return s.slice(m[0].length);
}

/** getrule: Jn (1–365), n (0–365) or Mm.w.d (1–12, 1–5, 0–6), then an optional /time. */
function getrule(s: string): string | null {
  let rest: string | null;
  if (s.startsWith('J')) rest = getnum(s.slice(1), 1, 365)?.[1] ?? null;
  else if (s.startsWith('M')) {
    const m = getnum(s.slice(1), 1, 12);
    if (!m || !m[1].startsWith('.')) return null;
    const w = getnum(m[1].slice(1), 1, 5);
    if (!w || !w[1].startsWith('.')) return null;
    rest = getnum(w[1].slice(1), 0, 6)?.[1] ?? null;
  } else rest = getnum(s, 0, 365)?.[1] ?? null;
  if (rest === null) return null;
  if (rest.startsWith('/')) rest = getoffset(rest.slice(1))?.[1] ?? null;
  return rest;
}

/**
 * tzparse() as PostgreSQL's copy of tzcode does it (an empty STD abbreviation is allowed), plus
 * pg_tz_acceptable: an offset with seconds reads as a leap-second zone and is refused.
 */
export function isPosixTz(spec: string): boolean {
  let rest = posixName(spec.toUpperCase());
  if (rest === null || rest === '') return false;
  const std = getoffset(rest);
  if (!std || std[0] % 60 !== 0) return false;
  rest = std[1];
  if (rest === '') return true;
  // a DST part needs a non-empty name
  const before = rest;
  rest = posixName(rest);
  if (rest === null) return false;
  const dstLen = before.length - rest.length - (before.startsWith('<') ? 2 : 0);
  if (dstLen <= 0) return false;
  if (rest !== '' && rest[0] !== ',' && rest[0] !== ';') {
    const dst = getoffset(rest);
    if (!dst) return false;
    rest = dst[1];
  }
  if (rest === '') return true;
  if (rest[0] !== ',' && rest[0] !== ';') return false;
  rest = getrule(rest.slice(1));
  if (rest === null || !rest.startsWith(',')) return false;
  rest = getrule(rest.slice(1));
  return rest === '';
}

function zoneOk(name: string, ctx: HookContext): boolean {
  if (name.length > 255 || name.length === 0) return false;
  // tzload skips a leading colon
  if (name.startsWith(':')) return ctx.catalog.timezones.has(name.slice(1).toLowerCase());
  if (ctx.catalog.timezones.has(name.toLowerCase())) return true;
  return isPosixTz(name);
}

const INTERVAL_UNITS: Array<[RegExp, number]> = [
  [/^(microseconds?|usecs?|us)$/, 1e-6],
  [/^(milliseconds?|msecs?|ms)$/, 1e-3],
  [/^(seconds?|secs?|s)$/, 1],
  [/^(minutes?|mins?|m)$/, 60],
  [/^(hours?|hrs?|h)$/, 3600],
];

/** Seconds of an interval literal with no day/month/year part, or null (refused or not understood). */
function intervalSeconds(text: string): number | null {
  let t = text.trim().toLowerCase();
  let sign = 1;
  if (t.startsWith('@')) t = t.slice(1).trim();
  if (t.endsWith(' ago')) {
    sign = -1;
    t = t.slice(0, -4).trim();
  }
  const iso = /^p(?:t(?:(-?\d+(?:\.\d+)?)h)?(?:(-?\d+(?:\.\d+)?)m)?(?:(-?\d+(?:\.\d+)?)s)?)$/.exec(t);
  if (iso) return sign * (Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0));
  const clock = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(t);
  if (clock) return sign * (clock[1] === '-' ? -1 : 1) * (Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4] ?? 0));
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) return sign * Number(t); // a bare number is seconds
  let total = 0;
  const parts = t.split(/\s+/);
  if (parts.length % 2 !== 0) return null;
  for (let i = 0; i < parts.length; i += 2) {
    const n = Number(parts[i]);
    const unit = INTERVAL_UNITS.find(([re]) => re.test(parts[i + 1]!));
    if (!Number.isFinite(n) || !unit) return null; // days, months, years or words: refused
    total += n * unit[1];
  }
  return sign * total;
}

/** SET TIME ZONE INTERVAL '…' spelled as a string: exactly interval '<value>', no days or months, under 168 hours. */
function intervalZoneOk(v: string): boolean {
  const m = /^interval\s*'([^']*)'$/i.exec(v);
  if (!m) return false;
  const secs = intervalSeconds(m[1]!);
  return secs !== null && Math.abs(secs) < 168 * 3600;
}

const timezoneHook: CheckHook = (value, ctx) => {
  const v = String(value);
  if (asciiLower(v).startsWith('interval')) return intervalZoneOk(v) ? null : fail('TimeZone', v);
  // a number of hours: strtod must use the whole string (errno is not looked at)
  const n = strtod(v);
  if (n.end !== 0 && n.end === v.length) {
    return Number.isFinite(n.value) && Math.abs(n.value) < 168 ? null : fail('TimeZone', v);
  }
  return zoneOk(v, ctx) ? null : fail('TimeZone', v);
};

const logTimezoneHook: CheckHook = (value, ctx) => (zoneOk(String(value), ctx) ? null : fail('log_timezone', String(value)));

/* ---------- DateStyle ---------- */

const datestyleHook: CheckHook = (value) => {
  const list = splitIdentifierString(String(value), ',');
  if (list === null) return fail('DateStyle', String(value), 'List syntax is invalid.');
  // check_datestyle: "German" sets DMY only when no order was given and does not count as one;
  // "default" fills in the reset value ("ISO, MDY") where nothing was given and counts as neither.
  let style = 'iso';
  let order = 'mdy';
  let haveStyle = false;
  let haveOrder = false;
  let ok = true;
  const setStyle = (s: string): void => {
    if (haveStyle && style !== s) ok = false;
    style = s;
    haveStyle = true;
  };
  const setOrder = (o: string): void => {
    if (haveOrder && order !== o) ok = false;
    order = o;
    haveOrder = true;
  };
  for (const tok of list) {
    switch (asciiLower(tok)) {
      case 'iso': setStyle('iso'); break;
      case 'sql': setStyle('sql'); break;
      case 'postgres': setStyle('postgres'); break;
      case 'german':
        setStyle('german');
        if (!haveOrder) order = 'dmy';
        break;
      case 'ymd': setOrder('ymd'); break;
      case 'dmy': case 'euro': case 'european': setOrder('dmy'); break;
      case 'mdy': case 'us': case 'noneuro': case 'noneuropean': setOrder('mdy'); break;
      case 'default':
        // the reset value ("ISO, MDY") fills in only what was not given yet
        if (!haveStyle) style = 'iso';
        if (!haveOrder) order = 'mdy';
        break;
      default:
        return fail('DateStyle', String(value), `Unrecognized key word: "${tok}".`);
    }
  }
  return ok ? null : fail('DateStyle', String(value), 'Conflicting "datestyle" specifications.');
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
  // check_log_connections takes only these whole words as booleans, not parse_bool's prefixes
  if (v === '' || ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0'].includes(asciiLower(v))) return null;
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

/** atoi() into a C int: strtol clamps at LONG_MAX, the cast to int wraps. */
function atoiInt(digits: string): number {
  let v = BigInt(digits);
  if (v > 2n ** 63n - 1n) v = 2n ** 63n - 1n;
  return Number(BigInt.asIntN(32, v));
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
    num = atoiInt(toks[1].v);
    i = 3;
    if (!list() || toks[i]?.t !== ')') return null;
    i++;
  } else if (t0.t === 'NUM' && toks[1]?.t === '(') {
    num = atoiInt(t0.v);
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
    // The assign hooks check before they look at the value: even '' is refused while another
    // kind is set. They act in the first reading only (seen on 13–18: the second reading of an
    // accepted file does not refuse it again), so the order of the lines decides.
    if (ctx.secondPass) return null;
    const other = RECOVERY_TARGETS.find((t) => t !== self && String(ctx.get(t) ?? '') !== '');
    if (!other) return null;
    return {
      kind: 'invalid',
      message: 'multiple recovery targets specified',
      detail: 'At most one of "recovery_target", "recovery_target_lsn", "recovery_target_name", "recovery_target_time", "recovery_target_xid" may be set.',
    };
  };
}


/* ---------- more list and name hooks ---------- */

/** Resource managers with a consistency-check mask (rm_mask), the ones wal_consistency_checking accepts. */
const MASKED_RMGRS = ['heap2', 'heap', 'btree', 'hash', 'gin', 'gist', 'sequence', 'spgist', 'brin', 'generic'];

const walConsistencyHook: CheckHook = (value) => {
  const v = String(value);
  const list = splitIdentifierString(v, ',');
  if (list === null) return fail('wal_consistency_checking', v, 'List syntax is invalid.');
  for (const tok of list) {
    const t = asciiLower(tok);
    if (t !== 'all' && !MASKED_RMGRS.includes(t)) return fail('wal_consistency_checking', v, `Unrecognized key word: "${tok}".`);
  }
  return null;
};

/** synchronized_standby_slots: a list of slot names (down-cased and truncated to 63 bytes like identifiers) that must be valid. */
const syncStandbySlotsHook: CheckHook = (value) => {
  const v = String(value);
  if (v === '') return null;
  const list = splitIdentifierString(v, ',');
  if (list === null) return fail('synchronized_standby_slots', v, 'List syntax is invalid.');
  for (const raw of list) {
    const name = raw.slice(0, 63);
    if (name.length === 0 || !/^[a-z0-9_]+$/.test(name)) return fail('synchronized_standby_slots', v, `replication slot name "${name}" is invalid`);
  }
  return null;
};

const restrictKindHook: CheckHook = (value) => {
  const v = String(value);
  const list = splitIdentifierString(v, ',');
  if (list === null) return fail('restrict_nonsystem_relation_kind', v, 'List syntax is invalid.');
  for (const tok of list) {
    if (!['view', 'foreign-table'].includes(asciiLower(tok))) return fail('restrict_nonsystem_relation_kind', v, `Unrecognized key word: "${tok}".`);
  }
  return null;
};

const debugIoDirectHook: CheckHook = (value) => {
  const v = String(value);
  const list = splitIdentifierString(v, ',');
  if (list === null) return fail('debug_io_direct', v, 'Invalid list syntax in parameter "debug_io_direct".');
  for (const tok of list) {
    if (!['data', 'wal', 'wal_init'].includes(asciiLower(tok))) return fail('debug_io_direct', v, `Invalid option "${tok}".`);
  }
  return null;
};

/** backtrace_functions: C identifiers separated by commas or spaces. */
const backtraceFunctionsHook: CheckHook = (value) => {
  const v = String(value);
  return /^[A-Za-z0-9_, ]*$/.test(v) ? null : fail('backtrace_functions', v, 'Invalid character.');
};

const ioMaxConcurrencyHook: CheckHook = (value) => (Number(value) === 0 ? fail('io_max_concurrency', value, 'Only -1 or values bigger than 0 are valid.') : null);

/** strtou64(s, NULL, 0) overflowing 64 bits (ERANGE). */
function overflowsU64(v: string): boolean {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(v);
  if (!m) return false;
  const digits = m[1]!;
  const big = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return big > 2n ** 64n - 1n;
}

const recoveryTargetXidHook: CheckHook = (value) => (overflowsU64(String(value)) ? fail('recovery_target_xid', String(value)) : null);

const recoveryTargetTimelineHook: CheckHook = (value) => {
  const v = String(value);
  if (v === 'current' || v === 'latest') return null;
  return overflowsU64(v) ? fail('recovery_target_timeline', v, '"recovery_target_timeline" is not a valid number.') : null;
};

/* ---------- recovery_target_time: a timestamp with time zone ---------- */

/** check_recovery_target_time compares these with strcmp: only the lower-case spellings are refused. */
const SPECIAL_TIMESTAMPS = ['now', 'today', 'tomorrow', 'yesterday', 'epoch', 'infinity', '-infinity', 'allballs'];

function daysIn(year: number, month: number): number {
  return [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * check_recovery_target_time parses the value as timestamptz and refuses special values. pgvet
 * checks the forms people write — ISO (YYYY-MM-DD[ T]HH:MM[:SS[.frac]] [zone] [AD|BC]) and
 * n/n/yyyy in the file's DateStyle order — for calendar and clock ranges and zones: a known
 * name, a numeric offset, or an abbreviation, which the server only knows once a
 * timezone_abbreviations line has been read. Other spellings are accepted.
 */
const MONTHS_DAYS = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|sat(urday)?|sun(day)?|am|pm|ad|bc|at|on|t)$/i;

/** A time zone at the end of a timestamp: name, numeric offset up to ±15:59, or an abbreviation (only with timezone_abbreviations read before). */
function timestampZoneOk(zone: string, ctx: HookContext): boolean {
  const offset = /^[+-](\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(zone);
  if (offset) return Number(offset[1]) <= 15 && Number(offset[2] ?? 0) <= 59 && Number(offset[3] ?? 0) <= 59;
  const lower = zone.toLowerCase();
  if (lower === 'utc' || lower === 'gmt' || ctx.catalog.timezones.has(lower)) return true;
  if (/^[a-z]+$/i.test(zone)) return ctx.setInFile('timezone_abbreviations');
  return false;
}

/**
 * check_recovery_target_time parses the value as timestamptz and refuses special values. pgvet
 * checks the forms people write — ISO (YYYY-MM-DD[ T]HH:MM[:SS[.frac]] [zone] [AD|BC]) and
 * n/n/yyyy in the file's DateStyle order — for calendar and clock ranges and zones: a known
 * name, a numeric offset, or an abbreviation, which the server only knows once a
 * timezone_abbreviations line has been read. In other spellings it checks the words.
 */
const recoveryTargetTimeHook: CheckHook = (value, ctx) => {
  const raw = String(value);
  const v = raw.trim();
  const bad = fail('recovery_target_time', raw);
  if (v === '') return raw === '' ? null : bad;
  if (SPECIAL_TIMESTAMPS.includes(v)) return bad;
  const words = v.split(/[\s,]+/);
  if (words.length > 1 && words.some((w) => SPECIAL_TIMESTAMPS.includes(w.toLowerCase()))) return bad;
  if (!/\d/.test(v)) return SPECIAL_TIMESTAMPS.includes(v.toLowerCase()) ? null : bad;
  if (/^\d{1,2}:\d{2}/.test(v) || v.startsWith('-')) return bad; // a time without a date; a negative year
  if (/^J\d+$/i.test(v)) return null; // a Julian day number
  const bc = /\s+BC$/i.test(v);
  let rest = v.replace(/\s+(AD|BC)$/i, '');
  let year: number, month: number, day: number;
  const iso = /^(\d{1,6})-(\d{1,2})-(\d{1,2})/.exec(rest);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(rest);
  if (iso) {
    if (iso[1]!.length < 3) return bad; // "99-01-08": a two-digit year first is ambiguous to the server
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    rest = rest.slice(iso[0].length);
  } else if (slashed) {
    const style = ctx.setInFile('datestyle') ? String(ctx.get('datestyle')).toLowerCase() : 'iso, mdy';
    const dmy = /dmy|euro|german/.test(style) && !/mdy|ymd|\bus\b|noneuro/.test(style);
    [month, day] = dmy ? [Number(slashed[2]), Number(slashed[1])] : [Number(slashed[1]), Number(slashed[2])];
    year = Number(slashed[3]);
    rest = rest.slice(slashed[0].length);
  } else {
    // another spelling ("January 8 04:05:06 1999 PST"): month and day names are fine, a zone must be known
    for (const w of words) {
      if (!/^[a-z]/i.test(w) || MONTHS_DAYS.test(w)) continue;
      if (!timestampZoneOk(w, ctx)) return bad;
    }
    return null;
  }
  if (year < 1 || year > 294276 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return bad;
  // timestamps start at the Julian day 0: 4714-11-24 BC
  if (bc && (year > 4714 || (year === 4714 && (month < 11 || (month === 11 && day < 24))))) return bad;
  const time = /^(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/.exec(rest)!;
  if (time[1] !== undefined) {
    const [h, mi, se] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
    if (h > 24 || mi > 59 || se > 60 || (h === 24 && (mi > 0 || se > 0))) return bad;
  }
  const zone = (time[4] ?? '').trim();
  if (zone === '' || zone === '@') return null; // ParseDateTime skips a stray "@"
  // offsets glued to the time ("+00"), or one zone word
  return timestampZoneOk(zone.replace(/\s+/g, ' '), ctx) && !zone.includes(' ') ? null : bad;
};

/** hba_file = '' leaves the server no pg_hba.conf to load: FATAL at every start. */
const hbaFileHook: CheckHook = (value) =>
  String(value) === '' ? { kind: 'invalid', message: 'could not load pg_hba.conf: hba_file is empty', detail: 'the server refuses to start without a pg_hba.conf' } : null;

/**
 * check_locale_messages (pg_locale.c): an empty lc_messages is only allowed as the built-in
 * default, never from a file (the other lc_* take '' as "from the environment"). Any other name
 * depends on the host's locales (PGV015).
 */
const lcMessagesHook: CheckHook = (value) => (String(value) === '' ? fail('lc_messages', '') : null);

const bonjourHook: CheckHook = (value) =>
  value === true ? { kind: 'build', message: 'Bonjour is not supported by this build' } : null;

/** Hidden parameters whose check hooks need a database: at startup only these values pass (probed). */
const roleHook: CheckHook = (value) => (String(value) === 'none' ? null : fail('role', String(value)));
const sessionAuthorizationHook: CheckHook = (value) => fail('session_authorization', String(value));
const defaultWithOidsHook: CheckHook = (value) =>
  value === true ? fail('default_with_oids', value, 'Tables declared WITH OIDS are not supported.') : null;

/*
 * shared_preload_libraries has no check hook in the server: `postgres -C` accepts any string, and
 * a name that cannot be loaded stops the postmaster later, in process_shared_preload_libraries
 * (`FATAL: could not access file`). PGV019 reports the names no host can load; PGV015 the rest.
 */
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
  recovery_target_time: () => multipleTargetsHook('recovery_target_time', recoveryTargetTimeHook),
  recovery_target_xid: () => multipleTargetsHook('recovery_target_xid', recoveryTargetXidHook),
  recovery_target_timeline: () => recoveryTargetTimelineHook,
  wal_consistency_checking: () => walConsistencyHook,
  synchronized_standby_slots: () => syncStandbySlotsHook,
  restrict_nonsystem_relation_kind: () => restrictKindHook,
  debug_io_direct: () => debugIoDirectHook,
  backtrace_functions: () => backtraceFunctionsHook,
  io_max_concurrency: () => ioMaxConcurrencyHook,
  bonjour: () => bonjourHook,
  hba_file: () => hbaFileHook,
  lc_messages: () => lcMessagesHook,
};

export function checkHookFor(param: ParamInfo, version: number): CheckHook | null {
  const make = HOOKS[param.name.toLowerCase()];
  return make ? make(version) : null;
}
