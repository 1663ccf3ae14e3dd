/**
 * A seeded generator of postgresql.conf test cases for the differential suite: valid values
 * in every notation, single faults of every kind, duplicates, includes and cross-parameter
 * cases. The real server decides what is right; the generator only has to cover the ground.
 *
 * Values are kept small enough that every accepted case really starts on a CI machine
 * (shared memory, connections), and host-dependent settings (paths, locales, libraries) are
 * left out of the random part: they have cases of their own.
 */
import type { Catalog } from '../../src/catalog/catalog.js';
import type { ParamInfo, PgMajor } from '../../src/catalog/types.js';

export interface GeneratedCase {
  id: string;
  category: string;
  /** Relative path → content; the main file is 'postgresql.conf'. */
  files: Record<string, string>;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Parameters whose values depend on the host, need files, or could stop a test server from starting for reasons outside the file. */
const EXCLUDED = new Set([
  'data_directory', 'hba_file', 'ident_file', 'config_file', 'external_pid_file', 'unix_socket_directories', 'unix_socket_group',
  'unix_socket_permissions', 'listen_addresses', 'port', 'ssl', 'shared_preload_libraries', 'local_preload_libraries',
  'session_preload_libraries', 'lc_messages', 'lc_monetary', 'lc_numeric', 'lc_time', 'huge_pages', 'huge_page_size',
  'shared_memory_type', 'dynamic_shared_memory_type', 'max_stack_depth', 'jit_provider', 'dynamic_library_path', 'krb_server_keyfile',
  'event_source', 'bonjour', 'bonjour_name', 'wal_level', 'archive_mode', 'summarize_wal', 'hot_standby', 'max_wal_senders',
  'superuser_reserved_connections', 'reserved_connections', 'max_connections', 'autovacuum_max_workers', 'autovacuum_worker_slots',
  'max_worker_processes', 'shared_buffers', 'wal_buffers', 'max_locks_per_transaction', 'max_pred_locks_per_transaction',
  'max_prepared_transactions', 'max_files_per_process', 'min_wal_size', 'max_wal_size', 'log_statement_stats', 'log_parser_stats',
  'log_planner_stats', 'log_executor_stats', 'recovery_target', 'recovery_target_lsn', 'recovery_target_name', 'recovery_target_time',
  'recovery_target_xid', 'recovery_target_timeline', 'recovery_target_action', 'recovery_target_inclusive', 'restore_command', 'primary_conninfo',
  'primary_slot_name', 'sync_replication_slots', 'synchronized_standby_slots', 'logging_collector', 'log_directory', 'wal_sync_method',
  'io_method', 'io_max_concurrency', 'io_workers', 'ssl_library', 'min_dynamic_shared_memory', 'track_activity_query_size', 'wal_segment_size',
  'max_replication_slots', 'max_logical_replication_workers', 'max_active_replication_origins', 'allow_alter_system', 'data_sync_retry',
  'wal_consistency_checking', 'ignore_invalid_pages', 'exit_on_error', 'post_auth_delay', 'pre_auth_delay', 'debug_io_direct',
  'archive_library', 'archive_command', 'archive_cleanup_command', 'recovery_end_command', 'restrict_nonsystem_relation_kind',
  'extension_control_path', 'oauth_validator_libraries', 'file_copy_method', 'wal_compression', 'default_toast_compression',
  'default_text_search_config', 'timezone_abbreviations', 'synchronous_standby_names', 'backtrace_functions', 'client_encoding',
  'temp_tablespaces', 'default_tablespace', 'session_replication_role', 'role', 'session_authorization', 'log_connections',
  'createrole_self_grant', 'commit_timestamp_buffers', 'transaction_buffers', 'subtransaction_buffers', 'multixact_offset_buffers',
  'multixact_member_buffers', 'notify_buffers', 'serializable_buffers', 'max_notify_queue_pages', 'vacuum_buffer_usage_limit',
  'debug_discard_caches', 'log_timezone', 'timezone', 'datestyle', 'search_path', 'log_destination', 'default_table_access_method',
  'ssl_min_protocol_version', 'ssl_max_protocol_version', 'ssl_passphrase_command', 'krb_caseins_users', 'gss_accept_delegation',
  'stats_temp_directory', 'promote_trigger_file', 'io_combine_limit', 'io_max_combine_limit', 'max_parallel_workers',
  'max_sync_workers_per_subscription', 'max_parallel_apply_workers_per_subscription', 'application_name', 'cluster_name',
  'allow_in_place_tablespaces', 'send_abort_for_crash', 'send_abort_for_kill', 'zero_damaged_pages', 'ignore_checksum_failure',
  'allow_system_table_mods', 'max_slot_wal_keep_size', 'wal_keep_size', 'wal_decode_buffer_size', 'recovery_prefetch', 'restart_after_crash',
  'remove_temp_files_after_crash', 'recovery_init_sync_method', 'debug_parallel_query', 'force_parallel_mode', 'icu_validation_level',
  'file_extend_method', 'num_os_semaphores', 'md5_password_warnings',
]);

/** Parameters that are safe to set to any in-range value (and the ranges to keep them cheap). */
function settable(catalog: Catalog): ParamInfo[] {
  return [...catalog.params.values()]
    .filter((p) => p.context !== 'internal' && !EXCLUDED.has(p.name.toLowerCase()))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const BOOL_SPELLINGS = ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0', 't', 'f', 'tr', 'fals', 'ON', 'Off', 'y', 'n', 'of', 'TRUE', 'ye'];

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A valid value for p in a random notation, as it appears in the file. */
function validValue(r: Rand, p: ParamInfo): string {
  switch (p.type) {
    case 'bool':
      return pick(r, [pick(r, BOOL_SPELLINGS), quote(pick(r, BOOL_SPELLINGS))]);
    case 'enum': {
      const options = [...(p.enumValues ?? []), ...(p.hiddenEnumValues ?? [])].filter((o) => /^[a-z_][a-z0-9_]*$/i.test(o) || true);
      let v = pick(r, options);
      if (r() < 0.3) v = v.toUpperCase();
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) && r() < 0.5 ? v : quote(v);
    }
    case 'integer':
    case 'real': {
      const min = p.min ?? 0;
      const max = p.max ?? 1000;
      const lo = Math.max(min, -1000);
      const hi = Math.min(max, Math.max(lo, Math.min(max, lo + 100000)));
      const base = p.type === 'integer' ? int(r, lo, hi) : Number((lo + r() * (hi - lo)).toFixed(3));
      return numberNotation(r, p, base);
    }
    case 'string':
      return quote(pick(r, ['', 'abc', 'x y z']));
  }
}

/** Write a base-unit number in one of the notations the server accepts. */
function numberNotation(r: Rand, p: ParamInfo, value: number): string {
  const style = int(r, 0, 7);
  if (p.type === 'real') {
    if (style === 0) return quote(value.toExponential(2));
    if (style === 1 && value > 0 && value < 1) return String(value).replace(/^0/, '');
    return String(value);
  }
  if (value < 0) return String(value);
  switch (style) {
    case 0:
      return `0x${value.toString(16)}`;
    case 1:
      return value === 0 ? '0' : `0${value.toString(8)}`;
    case 2:
      return quote(` ${value} `);
    case 3:
      return `+${value}`;
    case 4:
      if (p.unit === 'kB' && value % 1024 === 0 && value > 0) return `${value / 1024}MB`;
      if (p.unit === 'ms' && value % 1000 === 0 && value > 0) return `${value / 1000}s`;
      if (p.unit === 's' && value % 60 === 0 && value > 0) return `${value / 60}min`;
      if (p.unit === '8kB' && value > 0) return `${value * 8}kB`;
      return String(value);
    case 5:
      if (p.unit === 'kB' && value > 0) return quote(`${value} kB`);
      if (p.unit === 'ms' && value > 0) return quote(`${value}ms `);
      return String(value);
    case 6:
      return quote(`${value}.4`);
    default:
      return String(value);
  }
}

/** A single fault of a random kind: [line, category]. */
function faultLine(r: Rand, catalog: Catalog, params: ParamInfo[]): [string, string] {
  const ints = params.filter((p) => p.type === 'integer' && p.min !== null && p.max !== null);
  const unitInts = ints.filter((p) => p.unit === 'kB' || p.unit === 'ms' || p.unit === '8kB' || p.unit === 's');
  const unitless = ints.filter((p) => p.unit === null);
  const bools = params.filter((p) => p.type === 'bool');
  const enums = params.filter((p) => p.type === 'enum');
  const kind = int(r, 0, 17);
  switch (kind) {
    case 0: return [`${pick(r, unitInts).name} = ${int(r, 1, 9)} MB`, 'syntax: unquoted space before unit'];
    case 1: return [`${pick(r, unitInts).name} = 1.5GB`, 'syntax: unquoted fraction with unit'];
    case 2: return [`${pick(r, ['lc_messages', 'application_name', 'cluster_name'])} = en_US.utf8`, 'syntax: qualified id as value'];
    case 3: return [`${pick(r, params).name} = ${pick(r, ['*', '"x"', ',', ';', '/tmp', '127.0.0.1', '1e4', '', '= 5'])}`, 'syntax: bad value token'];
    case 4: return [`${pick(r, params).name} = 1 extra`, 'syntax: trailing token'];
    case 5: return [`${pick(r, ['foo-bar', '1abc', 'a.b.c', "'quoted'"])} = 1`, 'syntax: bad name'];
    case 6: {
      const p = pick(r, params).name;
      const i = int(r, 1, p.length - 2);
      return [`${p.slice(0, i)}${p.slice(i + 1)} = 1`, 'unknown: typo'];
    }
    case 7: return [`${pick(r, ['wal_keep_segments', 'checkpoint_segments', 'unix_socket_directory', 'max_fsm_pages', 'stats_temp_directory', 'promote_trigger_file', 'force_parallel_mode', 'old_snapshot_threshold', 'db_user_namespace'])} = 1`, 'unknown: removed'];
    case 8: return [`${pick(r, bools).name} = ${pick(r, ['o', '2', 'enabled', "' on'", "'on '", "''", 'truex', 'nope'])}`, 'invalid: bool'];
    case 9: {
      const p = pick(r, enums);
      return [`${p.name} = ${pick(r, ['bogus', `'${(p.enumValues ?? ['x'])[0]} '`, 'rep'])}`, 'invalid: enum'];
    }
    case 10: return [`${pick(r, ints).name} = ${pick(r, ['abc', "'08'", "'09'", "'0x'", "'inf'", "'nan'", "'12abc'", "''"])}`, 'invalid: integer'];
    case 11: return [`${pick(r, unitInts).name} = ${pick(r, ['8KB', '8mb', '8Mb', '8PB', '5m', '5sec', '5MIN', '5hr'])}`, 'unit: bad unit'];
    case 12: return [`${pick(r, unitless).name} = 8kB`, 'unit: unit on unit-less'];
    case 13: {
      const p = pick(r, ints.filter((x) => x.max! < 2147483647));
      return [`${p.name} = ${p.max! + int(r, 1, 10)}`, 'range: above max'];
    }
    case 14: {
      const p = pick(r, ints.filter((x) => x.min! > -2147483648));
      return [`${p.name} = ${p.min! - int(r, 1, 10)}`, 'range: below min'];
    }
    case 15: return [`${pick(r, unitInts).name} = '99999999999'`, 'invalid: integer overflow'];
    case 16: return [`${pick(r, ['block_size', 'server_version', 'wal_segment_size', 'max_function_args', 'data_checksums', 'segment_size'])} = 8192`, 'not settable: internal'];
    default: {
      const reals = params.filter((p) => p.type === 'real' && p.max !== null && p.max < 1e100);
      const p = pick(r, reals);
      return [`${p.name} = ${p.max! + 1}`, 'range: real above max'];
    }
  }
}

function validLines(r: Rand, params: ParamInfo[], n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = pick(r, params);
    const sep = pick(r, [' = ', '=', ' ', '\t=\t']);
    const comment = r() < 0.2 ? pick(r, ['  # note', '#x', ' # é ü']) : '';
    lines.push(`${pick(r, [p.name, p.name, p.name.toUpperCase()])}${sep}${validValue(r, p)}${comment}`);
  }
  return lines;
}

function withFiller(r: Rand, params: ParamInfo[], core: string[]): string {
  const before = validLines(r, params, int(r, 0, 4));
  const after = validLines(r, params, int(r, 0, 4));
  const eol = r() < 0.1 ? '\r\n' : '\n';
  return [...before, ...(r() < 0.3 ? ['', '# comment'] : []), ...core, ...after].join(eol) + (r() < 0.9 ? eol : '');
}

/** Cross-parameter and startup cases, per version. */
function crossCases(version: PgMajor, archiveDir: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [
    ['wal_level minimal alone', ['wal_level = minimal']],
    ['wal_level minimal, senders 0', ['wal_level = minimal', 'max_wal_senders = 0']],
    ['wal_level minimal, archive on', ['wal_level = minimal', 'max_wal_senders = 0', 'archive_mode = on']],
    ['wal_level minimal, archive always', ['wal_level = minimal', 'max_wal_senders = 0', "archive_mode = 'always'"]],
    ['wal_level hot_standby spelling', ['wal_level = hot_standby', 'archive_mode = on']],
    ['reserved = max - 1', ['max_connections = 10', 'superuser_reserved_connections = 9']],
    ['reserved = max', ['max_connections = 10', 'superuser_reserved_connections = 10']],
    ['max_connections 3 with default reserved', ['max_connections = 3']],
    ['max_connections 4 with default reserved', ['max_connections = 4']],
    ['min_wal_size 16MB', ['min_wal_size = 16MB']],
    ['min_wal_size 31MB', ['min_wal_size = 31MB']],
    ['min_wal_size 32MB', ['min_wal_size = 32MB', 'max_wal_size = 64MB']],
    ['max_wal_size 2', ['max_wal_size = 2']],
    ['statement and parser stats', ['log_statement_stats = on', 'log_parser_stats = on']],
    ['parser then statement stats', ['log_parser_stats = on', 'log_statement_stats = on']],
    ['stats off/on', ['log_statement_stats = off', 'log_parser_stats = on']],
    ['two recovery targets', ["recovery_target_name = 'a'", "recovery_target_xid = '1234'"]],
    ['one recovery target', ["recovery_target_name = 'a'"]],
    ['max_connections over MaxBackends', ['max_connections = 262143']],
    ['max_worker_processes over MaxBackends', ['max_worker_processes = 262100']],
    ['duplicate same case, invalid first', ['work_mem = bogus', 'work_mem = 8MB']],
    ['duplicate different case, invalid first', ['WORK_MEM = bogus', 'work_mem = 8MB']],
    ['duplicate, invalid last', ['work_mem = 8MB', 'work_mem = bogus']],
    ['alias sort_mem', ['sort_mem = 2048']],
    ['alias invalid then real name', ['sort_mem = bogus', 'work_mem = 8MB']],
    ['placeholder', ["myext.setting = 'anything'", 'plpgsql.variable_conflict = bogus']],
    ['timezone names', ["timezone = 'Europe/Berlin'", "log_timezone = 'america/new_york'"]],
    ['timezone posix', ["timezone = 'Australia0'", "log_timezone = 'UTC+3'"]],
    ['timezone numeric', ["timezone = '-8'"]],
    ['timezone bogus', ["timezone = 'Mars/Olympus'"]],
    ['log_timezone bogus', ["log_timezone = 'Foo'"]],
    ['datestyle ok', ["datestyle = 'iso, dmy'"]],
    ['datestyle conflict', ["datestyle = 'iso, sql'"]],
    ['datestyle unknown', ["datestyle = 'iso, xyz'"]],
    ['search_path ok', ['search_path = \'"$user", public\'']],
    ['search_path bad', ["search_path = 'a,,b'"]],
    ['log_destination ok', ["log_destination = 'stderr,csvlog'"]],
    ['log_destination bad', ["log_destination = 'stderr,file'"]],
    ['log_destination jsonlog', ["log_destination = 'jsonlog'"]],
    ['client_encoding ok', ["client_encoding = 'UTF-8'"]],
    ['client_encoding bad', ["client_encoding = 'klingon'"]],
    ['sync standby ok', ["synchronous_standby_names = 'FIRST 2 (s1, s2, \"s 3\")'"]],
    ['sync standby any', ["synchronous_standby_names = 'ANY 1 (*)'"]],
    ['sync standby zero', ["synchronous_standby_names = '0 (s1)'"]],
    ['sync standby junk', ["synchronous_standby_names = 's1 s2'"]],
    ['timezone_abbreviations ok', ["timezone_abbreviations = 'Australia'"]],
    ['timezone_abbreviations bad', ["timezone_abbreviations = 'Mars'"]],
    ['default_table_access_method empty', ["default_table_access_method = ''"]],
    ['primary_slot_name bad', ["primary_slot_name = 'Bad-Name'"]],
    ['recovery_target bad', ["recovery_target = 'latest'"]],
    ['internal parameter', ['block_size = 8192']],
    ['bom', ['\uFEFFwork_mem = 4MB']],
    ['octal and hex', ["work_mem = 0100", "maintenance_work_mem = 0x10000", "statement_timeout = '1500us'"]],
    ['ssl_ecdh_curve alias', ["ssl_ecdh_curve = 'prime256v1'"]],
    ['password_encryption on', ['password_encryption = on']],
    ['bonjour on', ['bonjour = on']],
    ['wal_compression lz4', ['wal_compression = lz4']],
  ];
  // classes found by red-team runs against the servers (kept here so they stay agreed)
  out.push(
    ['recovery_target_time ISO', ["recovery_target_time = '2024-03-01 12:00:00+00'"]],
    ['recovery_target_time abbreviation', ["recovery_target_time = '2024-03-01 12:00:00 PST'"]],
    ['recovery_target_time abbreviation after timezone_abbreviations', ["timezone_abbreviations = 'Default'", "recovery_target_time = '2024-03-01 12:00:00 PST'"]],
    ['recovery_target_time zone name', ["recovery_target_time = '2024-03-01 12:00:00 Europe/Berlin'"]],
    ['recovery_target_time Z', ["recovery_target_time = '2024-03-01T12:00:00Z'"]],
    ['recovery_target_time bad date', ["recovery_target_time = '2023-02-29 10:00:00'"]],
    ['recovery_target_time now', ["recovery_target_time = 'now'"]],
    ['recovery target emptied after another kind', ["recovery_target_time = '2024-03-01 12:00:00+00'", "recovery_target_name = ''"]],
    ['recovery target emptied, same kind', ["recovery_target_name = 'a'", "recovery_target_name = ''", "recovery_target_xid = '42'"]],
    ['DateStyle German, MDY', ["DateStyle = 'German, MDY'"]],
    ['DateStyle default, SQL', ["DateStyle = 'default, SQL'"]],
    ['DateStyle German, ymd, default', ["DateStyle = 'German, ymd, default'"]],
    ['DateStyle ISO, SQL', ["DateStyle = 'ISO, SQL'"]],
    ['wal_consistency_checking ok', ["wal_consistency_checking = 'heap, btree'"]],
    ['wal_consistency_checking xlog', ["wal_consistency_checking = 'xlog'"]],
    ['wal_consistency_checking unknown', ["wal_consistency_checking = 'all,foo'"]],
    ['restrict_nonsystem_relation_kind ok', ["restrict_nonsystem_relation_kind = 'view, foreign-table'"]],
    ['restrict_nonsystem_relation_kind bad', ["restrict_nonsystem_relation_kind = 'table'"]],
    ['backtrace_functions ok', ["backtrace_functions = 'palloc, elog_finish'"]],
    ['backtrace_functions bad', ["backtrace_functions = 'foo-bar'"]],
    ['role NONE', ["role = 'NONE'"]],
    ['role none', ["role = 'none'"]],
    ['sync standby overflow', ["synchronous_standby_names = '4294967296 (s1)'"]],
    ['recovery_target_xid overflow', ["recovery_target_xid = '18446744073709551616'"]],
    ['timezone interval', ["timezone = 'interval ''-08:00'''"]],
    ['timezone interval with days', ["timezone = 'interval ''1 day'''"]],
    ['timezone posix leap seconds', ["timezone = 'ABC-3:30:45'"]],
    ['timezone posix digits', ["timezone = 'ABC0999'"]],
    ['timezone posix rule ok', ["timezone = 'EST5EDT,M3.2.0,M11.1.0'"]],
    ['timezone posix rule bad month', ["timezone = 'EST5EDT,M13.2.0,M11.1.0'"]],
    ['timezone colon prefix', ["timezone = ':UTC'"]],
    ['timezone 167.9 hours', ["timezone = '167.9'"]],
    ['long default_table_access_method', [`default_table_access_method = '${'h'.repeat(70)}'`]],
    ['hba_file empty', ["hba_file = ''"]],
    ['preload empty name', ["shared_preload_libraries = '\"\"'"]],
    ['recovery_target_time Julian day', ["recovery_target_time = 'J2451187'"]],
    ['recovery_target_time before the Julian start', ["recovery_target_time = '4714-11-23 BC'"]],
    ['relative data_directory', ["data_directory = '.'"]],
    ['lc_messages empty', ["lc_messages = ''"]],
    ['lc_messages empty, overridden in another spelling', ["LC_MESSAGES = ''", "lc_messages = 'C'"]],
    ['lc_time empty (from the environment)', ["lc_time = ''"]],
    ['relative hba_file', ["hba_file = 'pg_hba.conf'"]],
    ['unix_socket_group that does not exist', ["unix_socket_group = 'nosuchgroup'"]],
    ['NUL inside a comment', ['work_mem = 8MB # a\u0000b']],
    ['NUL in a value position', ['work_mem = \u0000']],
  );
  // the library lists, split as the server splits them (SplitDirectoriesString, loaded at start)
  out.push(
    ['preload two names without a comma', ["shared_preload_libraries = 'pg_stat_statements auto_explain'"]],
    ['preload a tab between two names', ["shared_preload_libraries = 'pg_stat_statements\tauto_explain'"]],
    ['preload a trailing comma (nothing loaded)', ["shared_preload_libraries = 'pg_stat_statements,'"]],
    ['preload an unbalanced quote (nothing loaded)', ["shared_preload_libraries = '\"pg_stat_statements'"]],
    ['preload a quoted name and a $libdir path', ["shared_preload_libraries = '\"pg_stat_statements\", $libdir/auto_explain.so'"]],
    ['preload two names with spaces around the comma', ["shared_preload_libraries = '  pg_stat_statements ,  auto_explain  '"]],
    ['preload a name in the wrong case', ["shared_preload_libraries = 'PG_STAT_STATEMENTS'"]],
    ['preload an empty entry among names', ["shared_preload_libraries = 'auto_explain, \"\"'"]],
    ['preload overridden by a good list', ["shared_preload_libraries = 'pg_stat_statements auto_explain'", "shared_preload_libraries = 'pg_stat_statements'"]],
    ['session preload two names without a comma', ["session_preload_libraries = 'auto_explain pg_prewarm'"]],
    ['local preload an empty entry', ["local_preload_libraries = 'a,,b'"]],
  );
  // archive_command with archive_library: 13-14 have no archive_library; 15 takes the library; 16+ the archiver refuses both
  const archive = (mode: string): string[] => [`archive_mode = ${mode}`, "archive_command = 'true'", "archive_library = 'basic_archive'", `basic_archive.archive_directory = '${archiveDir}'`];
  out.push(
    ['archive command and library, archiving on', archive('on')],
    ['archive command and library, archiving off', archive('off')],
    ['archive library only', ['archive_mode = on', "archive_library = 'basic_archive'", `basic_archive.archive_directory = '${archiveDir}'`]],
    ['archive command only, with an empty library', ['archive_mode = on', "archive_command = 'true'", "archive_library = ''"]],
  );
  if (version >= 16) {
    out.push(['debug_io_direct ok', ["debug_io_direct = 'data, wal'"]], ['debug_io_direct bad', ["debug_io_direct = 'foo'"]]);
  }
  if (version >= 17) {
    out.push(['synchronized_standby_slots ok', ["synchronized_standby_slots = 's1, s_2'"]], ['synchronized_standby_slots uppercase', ["synchronized_standby_slots = 'S1'"]]);
  }
  if (version >= 18) {
    out.push(['log_connections t', ["log_connections = 't'"]], ['log_connections true', ["log_connections = 'TRUE'"]], ['io_max_concurrency 0', ['io_max_concurrency = 0']]);
  }
  if (version >= 16) {
    out.push(['reserved + reserved_connections = max', ['max_connections = 10', 'superuser_reserved_connections = 5', 'reserved_connections = 5']]);
    out.push(['reserved + reserved_connections < max', ['max_connections = 11', 'superuser_reserved_connections = 5', 'reserved_connections = 5']]);
    out.push(['vacuum_buffer_usage_limit 100kB', ['vacuum_buffer_usage_limit = 100kB']]);
    out.push(['createrole_self_grant', ["createrole_self_grant = 'set, inherit'"]]);
    out.push(['createrole_self_grant bad', ["createrole_self_grant = 'admin'"]]);
  }
  if (version >= 17) {
    out.push(['summarize_wal with minimal', ['wal_level = minimal', 'max_wal_senders = 0', 'summarize_wal = on']]);
    out.push(['transaction_buffers 17', ['transaction_buffers = 17']]);
    out.push(['transaction_buffers 32', ['transaction_buffers = 32', 'notify_buffers = 48']]);
    out.push(['MaxBackends exact limit (17 passes hooks)', ['max_connections = 262100', 'max_worker_processes = 19', 'max_wal_senders = 20', 'autovacuum_max_workers = 3']]);
  }
  if (version >= 18) {
    out.push(['autovacuum workers above slots', ['autovacuum_max_workers = 20', 'autovacuum_worker_slots = 10']]);
    out.push(['io_method worker', ["io_method = 'worker'", 'io_workers = 4']]);
    out.push(['io_method io_uring', ['io_method = io_uring']]);
    out.push(['log_connections list', ["log_connections = 'receipt,authentication'"]]);
    out.push(['log_connections bad', ["log_connections = 'everything'"]]);
    out.push(['MaxBackends over 18 limit', ['max_connections = 262100', 'autovacuum_worker_slots = 16', 'max_worker_processes = 20', 'max_wal_senders = 10']]);
  }
  if (version >= 15) out.push(['wal_compression zstd', ['wal_compression = zstd']]);
  if (version >= 14) out.push(['default_toast_compression lz4', ['default_toast_compression = lz4']]);
  return out;
}

/**
 * `archiveDir`: an existing directory the server may write to (basic_archive copies WAL segments
 * there on 15, where the library wins over archive_command); a scratch directory, never /tmp.
 */
export function generateCases(version: PgMajor, catalog: Catalog, seed: number, count: number, archiveDir: string): GeneratedCase[] {
  const r = rng(seed * 1000 + version);
  const params = settable(catalog);
  const cases: GeneratedCase[] = [];
  const add = (category: string, files: Record<string, string>): void => {
    cases.push({ id: `pg${version}-${String(cases.length + 1).padStart(3, '0')}`, category, files });
  };

  for (const [name, lines] of crossCases(version, archiveDir)) add(`cross: ${name}`, { 'postgresql.conf': withFiller(r, params, lines) });

  // Includes
  add('include: relative file', { 'postgresql.conf': withFiller(r, params, ["include 'sub/extra.conf'"]), 'sub/extra.conf': validLines(r, params, 3).join('\n') + '\n' });
  add('include: fault inside', { 'postgresql.conf': withFiller(r, params, ["include 'extra.conf'"]), 'extra.conf': withFiller(r, params, [faultLine(r, catalog, params)[0]]) });
  add('include: /dev/null', { 'postgresql.conf': withFiller(r, params, ["include '/dev/null'", "include_if_exists '/dev/null'"]) });
  add('include: missing', { 'postgresql.conf': withFiller(r, params, ["include 'missing.conf'"]) });
  add('include: if_exists missing', { 'postgresql.conf': withFiller(r, params, ["include_if_exists 'missing.conf'"]) });
  add('include: empty name', { 'postgresql.conf': withFiller(r, params, ["include ''"]) });
  add('include: self', { 'postgresql.conf': withFiller(r, params, ["include 'postgresql.conf'"]) });
  add('include: cycle', { 'postgresql.conf': "include 'a.conf'\n", 'a.conf': "include 'b.conf'\n", 'b.conf': "include 'a.conf'\n" });
  add('include_dir: ordered files', {
    'postgresql.conf': withFiller(r, params, ["include_dir 'conf.d'"]),
    'conf.d/10-a.conf': 'work_mem = bogus\n',
    'conf.d/2-b.conf': 'work_mem = 8MB\n',
    'conf.d/x.CONF': 'this is not read\n',
    'conf.d/.hidden.conf': 'neither is this\n',
    'conf.d/a.conf.bak': 'nor this\n',
  });
  add('include_dir: missing', { 'postgresql.conf': "include_dir 'nope.d'\n" });
  const chain = (depth: number): Record<string, string> => {
    const files: Record<string, string> = { 'postgresql.conf': "include 'd1.conf'\n" };
    for (let i = 1; i <= depth; i++) files[`d${i}.conf`] = i < depth ? `include 'd${i + 1}.conf'\n` : 'work_mem = 8MB\n';
    return files;
  };
  add('include: depth 10', chain(10));
  add('include: depth 11', chain(11));
  // nested include_dir: 13–15 hold each directory open (16 descriptors at most while reading)
  const dirChain = (levels: number, plain: number): Record<string, string> => {
    const files: Record<string, string> = {};
    const directive = (i: number): string => `include_dir '${i === 1 ? '' : '../'}n${i}'\n`;
    for (let i = 1; i <= levels; i++) files[`n${i}/a.conf`] = i < levels ? directive(i + 1) : 'work_mem = 8MB\n';
    let top = directive(1);
    for (let i = plain; i >= 1; i--) {
      files[`p${i}.conf`] = top;
      top = `include 'p${i}.conf'\n`;
    }
    return { ...files, 'postgresql.conf': top };
  };
  add('include_dir: 7 nested', dirChain(7, 0));
  add('include_dir: 8 nested', dirChain(8, 0));
  add('include_dir: 1 include and 8 nested', dirChain(8, 1));
  add('include_dir: 2 includes and 7 nested', dirChain(7, 2));

  // Valid files in every notation, then single faults, until count.
  while (cases.length < count) {
    if (r() < 0.45) {
      add('valid: notations', { 'postgresql.conf': withFiller(r, params, validLines(r, params, int(r, 3, 12))) });
    } else {
      const [line, category] = faultLine(r, catalog, params);
      add(`fault: ${category}`, { 'postgresql.conf': withFiller(r, params, [line]) });
    }
  }
  return cases;
}

/* ---------- pg_hba.conf ---------- */

export interface HbaCase {
  id: string;
  category: string;
  /** The pg_hba.conf. */
  hba: string;
  /** What each line was generated as (1-based, by line number), for the report. */
  kinds: Record<number, string>;
  /** Files beside it (@files, includes). */
  files: Record<string, string>;
  /** postgresql.conf lines that change how pg_hba.conf is read. */
  conf: string[];
}

type HbaPiece = [string, string];

/** Regular expressions (16+; a plain name before): ARE forms PostgreSQL compiles, and forms it refuses (probed on 16–18). */
const GOOD_REGEX = ['/^app_', '/^(alice|bob)$', '/[[:alpha:]]+', '/\\d+', '/a+?', '/a{2}?', '/(?i)admin', '/[]a]', '/[a-]', '/\\Ay\\Z', '/(a)\\1', '/a{,2}', '/a{', '/\\u0041', '/(?<=a)b', '/***=a((', '/\\.\\{'];
const BAD_REGEX = ['/x(', '/[a-', '/*a', '/a)', '/a{1', '/"(?<n>a)"', '/[z-a]', '/a**', '/a{1}{2}', '/[[:foo:]]', '/\\k', '/\\1', '/a{256}', '/[\\d-z]', '/(?z)a', '/^*', '/\\p{L}'];

function hbaValidLine(r: Rand, version: PgMajor, buildDependent = true): HbaPiece {
  const regex = version >= 16;
  const type = pick(r, ['local', 'host', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc', '"host"']);
  const db = pick(r, ['all', 'all', 'sameuser', 'samerole', 'samegroup', 'replication', 'app', '"my db"', 'app,sales', 'app, sales', '@dbs.txt', '"all"', regex ? pick(r, GOOD_REGEX) : '/app', 'replication,app']);
  const user = pick(r, ['all', 'all', 'alice', '+admins', '"all"', 'alice,bob', '@users.txt', '"a user"', regex ? pick(r, GOOD_REGEX) : pick(r, BAD_REGEX), '"+notagroup"']);
  const local = type === 'local';
  const address = local
    ? ''
    : ` ${pick(r, ['10.0.0.0/8', '127.0.0.1/32', '::1/128', '0.0.0.0/0', '::/0', 'all', 'samehost', 'samenet', 'db.example.com', '.example.com', '10.0.0.0 255.0.0.0', '192.168.1.0 255.255.255.0', '10.1/16', '0x0a.0.0.0/8', '010.0.0.0/8', '2001:db8::/32', '::ffff:10.0.0.0/104', '300.1.2.3', '"10.0.0.0/8"', '10.0.0.1/8', '1.2.3.4 255.0.255.0', '::1 ffff:ffff::', '10.0.0.0/+8'])}`;
  const ssl = type === 'hostssl';
  const methods: string[] = ['trust', 'reject', 'md5', 'scram-sha-256', 'password', local ? 'peer' : 'ident', local ? 'peer map=m' : 'ident map=m', 'radius radiusservers=127.0.0.1 radiussecrets=s', 'radius radiusservers="127.0.0.1,::1" radiussecrets="s1,s2" radiusports=1812', local ? 'ident' : 'md5'];
  if (ssl) methods.push('cert', 'cert map=m', 'scram-sha-256 clientcert=verify-full', 'md5 clientcert=verify-ca', ...(version >= 14 ? ['scram-sha-256 clientname=DN', 'cert clientname=CN'] : ['md5 clientcert=1', 'md5 clientcert=no-verify']));
  // build-dependent methods: the test binaries lack them, the server refuses (PGV607 names the build option)
  if (buildDependent && r() < 0.08) methods.push(pick(r, [local ? 'pam' : 'gss', 'ldap ldapserver=l ldapbasedn="dc=x"', 'pam pamservice=p', 'sspi', 'bsd']));
  const comment = r() < 0.15 ? pick(r, ['  # note', '#x', ' # "quoted" ,']) : '';
  return [`${type} ${db} ${user}${address} ${pick(r, methods)}${comment}`, 'valid'];
}

function hbaFaultLine(r: Rand, version: PgMajor): HbaPiece {
  const kind = int(r, 0, 14);
  switch (kind) {
    case 0: return [`${pick(r, ['hots', 'HOST', 'hostss', 'lokal', 'host,local', 'hostssl,hostnossl'])} all all 10.0.0.0/8 md5`, 'fault: connection type'];
    case 1: return [pick(r, ['host', 'host all', 'host all all', 'host all all 10.0.0.0/8', 'local all', 'local all all', 'hostssl all all 10.0.0.0 255.0.0.0']), 'fault: missing field'];
    case 2: return [`host all all ${pick(r, ['10.0.0.0/33', '::1/129', '10.0.0.0/', '10.0.0.0/8x', '10.0.0.0/-1', 'db.example.com/24', '300.0.0.0/8', '10.0.0.0/8/8', '"10.0.0.0/ 33"'])} md5`, 'fault: CIDR'];
    case 3: return [pick(r, ['host all all 10.0.0.0 md5', 'host all all 10.0.0.0 ffff:: md5', 'host all all ::1 255.0.0.0 md5', 'host all all 10.0.0.0 255.0.0.0,255.255.0.0 md5', 'host all all 10.0.0.0 bogusmask md5']), 'fault: netmask'];
    case 4: return ['host all all 10.0.0.0/8,10.1.0.0/16 md5', 'fault: address list'];
    case 5: return [`host all all 10.0.0.0/8 ${pick(r, ['sha1', 'Trust', 'crypt', 'md5,trust', 'krb5', 'scram', 'oauth issuer=x scope=y'])}`, 'fault: method'];
    case 6: return [pick(r, ['host all all 10.0.0.0/8 peer', 'local all all gss', 'host all all 10.0.0.0/8 cert', 'hostnossl all all 10.0.0.0/8 cert']), 'fault: method for type'];
    case 7: return [`host all all 10.0.0.0/8 ${pick(r, ['md5 foo=bar', 'md5 noequals', 'md5 map=m', 'trust map=', 'md5 include_realm=1', 'md5 ldapserver=x', 'md5 pamservice=p', 'scram-sha-256 clientcert=verify-full', 'md5 issuer=x', 'md5 Map=m'])}`, 'fault: option'];
    case 8: return [`hostssl all all 10.0.0.0/8 ${pick(r, ['md5 clientcert=bogus', 'md5 clientcert=1', 'md5 clientcert=0', 'cert clientcert=verify-ca', 'cert clientcert=no-verify', 'md5 clientname=cn', 'md5 clientname=CN'])}`, 'fault: clientcert/clientname'];
    case 9: return [`host all all 10.0.0.0/8 radius ${pick(r, ['radiussecrets=s', 'radiusservers=127.0.0.1', 'radiusservers=127.0.0.1 radiussecrets=a,b', 'radiusservers=127.0.0.1 radiussecrets="a,b"', 'radiusservers=127.0.0.1 radiussecrets=s radiusports=0', 'radiusservers=127.0.0.1 radiussecrets=s radiusports="1,2"', 'radiusservers="a b" radiussecrets=s', 'radiusservers=127.0.0.1 radiussecrets=""', 'radiusservers=127.0.0.1 radiussecrets=s radiusidentifiers=",x"', 'radiusservers=127.0.0.1 radiussecrets=s radiusports=x'])}`, 'fault: radius'];
    case 10: return [r() < 0.5 ? `host ${pick(r, BAD_REGEX)} all 10.0.0.0/8 md5` : `host all ${pick(r, BAD_REGEX)} 10.0.0.0/8 md5`, 'fault: regular expression (16+)'];
    case 11: return [pick(r, ['host all @missing.txt 10.0.0.0/8 md5', 'host @nope all 10.0.0.0/8 md5', 'host all @empty.txt 10.0.0.0/8 md5']), 'fault: @file'];
    case 12: return [pick(r, ['include missing.conf', 'include_dir missing.d', 'include_if_exists missing.conf', 'include extra.conf', 'include_dir conf.d', 'include extra.conf trailing']), 'include record'];
    case 13: return [`host all all 10.0.0.0/8 ${pick(r, ['md5 "unterminated', '"md5', 'md5 map="a b"x', 'md5,'])}`, 'fault: quoting'];
    default: return [`host all all ${pick(r, ['fe80::1%1/64', '::1%1/128', '10.0.0.0/08', '"10.0.0.0/8"'])} md5`, 'valid: address forms'];
  }
}

/** Files the generated lines refer to (@files, includes); the include files hold lines of their own. */
function hbaFiles(r: Rand, version: PgMajor): Record<string, string> {
  return {
    'dbs.txt': 'app, sales\n# comment\n"my db"\n',
    'users.txt': 'alice bob\n"carol x"\n',
    'empty.txt': '# nothing\n',
    'extra.conf': `${hbaValidLine(r, version)[0]}\n${hbaFaultLine(r, version)[0].startsWith('include') ? 'host all all 10.0.0.0/8 bogus' : hbaFaultLine(r, version)[0]}\n`,
    'conf.d/10-a.conf': `${hbaValidLine(r, version)[0]}\n`,
    'conf.d/2-b.conf': `host all all 10.9.0.0/16 ${pick(r, ['md5', 'sha1'])}\n`,
    'conf.d/notconf.txt': 'garbage line\n',
  };
}

/** Generated pg_hba.conf files: each a batch of valid and faulty lines, checked line by line against the server. */
export function generateHbaCases(version: PgMajor, seed: number, count: number, linesPerCase = 30): HbaCase[] {
  const r = rng(seed * 7919 + version);
  const cases: HbaCase[] = [];
  const add = (category: string, lines: HbaPiece[], files: Record<string, string> = {}, conf: string[] = []): void => {
    const kinds: Record<number, string> = {};
    lines.forEach(([, k], i) => (kinds[i + 1] = k));
    cases.push({ id: `hba${version}-${String(cases.length + 1).padStart(2, '0')}`, category, hba: lines.map(([t]) => t).join('\n') + '\n', kinds, files, conf });
  };
  const trusted: HbaPiece = ['local all all trust', 'valid'];
  // fixed classes
  add('no entries', [['# only a comment', 'comment'], ['', 'blank']]);
  add('a bad line only', [['hots all all 10.0.0.0/8 md5', 'fault: connection type']]);
  add('continuation lines (14+), CRLF', [trusted, ['host all all \\', 'continued'], ['  10.0.0.0/8 md5', 'continuation'], ['host all all 10.0.0.0/8 md5 # comment \\', 'comment continued'], ['host all all 10.0.0.0/8 bogus', 'after a continued comment'], ['host all all 10.1.0.0/16 md5\r', 'CRLF']]);
  add('token lengths (10240 bytes from 13 to 15)', [trusted, [`host all ${'u'.repeat(10239)} 10.0.0.0/8 md5`, 'token 10239'], [`host all ${'u'.repeat(10240)} 10.0.0.0/8 md5`, 'token 10240']]);
  add('includes and @files', [trusted, ['include extra.conf', 'include'], ['include_dir conf.d', 'include_dir'], ['include_if_exists missing.conf', 'include_if_exists missing'], ['"include" extra.conf', 'quoted include'], ['host all @users.txt 10.0.0.0/8 md5', '@file'], ['host @dbs.txt all 10.0.0.0/8 md5', '@file'], ['host all "@users.txt" 10.0.0.0/8 md5', 'quoted @'], ['host all @empty.txt 10.0.0.0/8 md5', 'empty @file']], {
    'dbs.txt': 'app, sales\n"my db"\n',
    'users.txt': 'alice, bob\ncarol\n',
    'empty.txt': '',
    'extra.conf': 'host all all 10.2.0.0/16 md5\nhost all all 10.2.0.0/16 bogusA\n',
    'conf.d/10-a.conf': 'host all all 10.3.0.0/16 md5\n',
    'conf.d/2-b.conf': 'host all all 10.4.0.0/16 bogusB\n',
    'conf.d/.hidden.conf': 'garbage\n',
    'conf.d/x.txt': 'garbage\n',
  });
  if (version <= 16) add('md5 with db_user_namespace', [trusted, ['host all all 10.0.0.0/8 md5', 'md5'], ['host all all 10.0.0.0/8 scram-sha-256', 'scram']], {}, ['db_user_namespace = on']);
  if (version >= 18) {
    const oauth: HbaPiece[] = [trusted, ['host all all 10.0.0.0/8 oauth issuer=https://x scope=y', 'oauth'], ['host all all 10.0.0.0/8 oauth issuer=https://x', 'oauth no scope'], ['host all all 10.0.0.0/8 oauth issuer=x scope=y validator=v2', 'oauth validator'], ['host all all 10.0.0.0/8 oauth issuer=x scope=y validator=v3', 'oauth validator not allowed'], ['host all all 10.0.0.0/8 oauth issuer=x scope=y map=m delegate_ident_mapping=1', 'oauth map and delegate']];
    add('oauth, no validator libraries', oauth);
    add('oauth, one validator library', oauth, {}, ["oauth_validator_libraries = 'v1'"]);
    add('oauth, two validator libraries', oauth, {}, ["oauth_validator_libraries = 'v1, v2'"]);
  }
  // batches of random lines; every fourth has no fault, so that the server starts with it
  while (cases.length < count) {
    const lines: HbaPiece[] = [trusted];
    const clean = cases.length % 4 === 0;
    for (let i = 1; i < linesPerCase; i++) lines.push(clean || r() < 0.55 ? hbaValidLine(r, version, !clean) : hbaFaultLine(r, version));
    add(clean ? 'valid lines' : 'mixed lines', lines, hbaFiles(r, version));
  }
  return cases;
}
