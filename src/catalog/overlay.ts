/**
 * What pg_settings cannot say, kept by hand, each fact with its source:
 * removed and renamed parameters, legacy aliases, and values that depend on build options.
 */
import type { PgMajor } from './types.js';

export interface RemovedParam {
  /** Lower-case name as it was spelled. */
  name: string;
  /** First major version that no longer accepts it. */
  removedIn: number;
  /** The parameter that replaces it, if any. */
  replacement?: string;
  /** One sentence of advice shown with the finding. */
  advice: string;
  source: string;
}

const RN = (v: string): string => `https://www.postgresql.org/docs/release/${v}/`;

export const REMOVED_PARAMS: readonly RemovedParam[] = [
  { name: 'wal_keep_segments', removedIn: 13, replacement: 'wal_keep_size', advice: 'use wal_keep_size (in MB: segments × 16MB)', source: RN('13.0') },
  { name: 'operator_precedence_warning', removedIn: 14, advice: 'remove it; the 9.5 precedence change is long done', source: RN('14.0') },
  { name: 'vacuum_cleanup_index_scale_factor', removedIn: 14, advice: 'remove it; vacuum no longer uses it', source: RN('14.0') },
  { name: 'stats_temp_directory', removedIn: 15, advice: 'remove it; statistics live in shared memory since 15', source: RN('15.0') },
  { name: 'force_parallel_mode', removedIn: 16, replacement: 'debug_parallel_query', advice: 'use debug_parallel_query', source: RN('16.0') },
  { name: 'promote_trigger_file', removedIn: 16, advice: 'use pg_ctl promote or pg_promote() instead', source: RN('16.0') },
  { name: 'vacuum_defer_cleanup_age', removedIn: 16, advice: 'remove it; use hot_standby_feedback or replication slots', source: RN('16.0') },
  { name: 'lc_collate', removedIn: 16, advice: 'remove it; it was read-only (set per database by CREATE DATABASE)', source: RN('16.0') },
  { name: 'lc_ctype', removedIn: 16, advice: 'remove it; it was read-only (set per database by CREATE DATABASE)', source: RN('16.0') },
  { name: 'db_user_namespace', removedIn: 17, advice: 'remove it', source: RN('17.0') },
  { name: 'old_snapshot_threshold', removedIn: 17, advice: 'remove it; the feature was removed', source: RN('17.0') },
  { name: 'trace_recovery_messages', removedIn: 17, advice: 'remove it; use log_min_messages', source: RN('17.0') },
  // Removed before 13: unknown in every supported version, but users still carry them.
  { name: 'standby_mode', removedIn: 12, advice: 'create a standby.signal file in the data directory instead', source: RN('12.0') },
  { name: 'trigger_file', removedIn: 12, advice: 'use pg_ctl promote or pg_promote() instead', source: RN('12.0') },
  { name: 'replacement_sort_tuples', removedIn: 11, advice: 'remove it', source: RN('11.0') },
  { name: 'min_parallel_relation_size', removedIn: 10, replacement: 'min_parallel_table_scan_size', advice: 'use min_parallel_table_scan_size', source: RN('10.0') },
  { name: 'sql_inheritance', removedIn: 10, advice: 'remove it', source: RN('10.0') },
  { name: 'checkpoint_segments', removedIn: 9.5, replacement: 'max_wal_size', advice: 'use max_wal_size (roughly (3 × checkpoint_segments + 1) × 16MB)', source: RN('9.5.0') },
  { name: 'unix_socket_directory', removedIn: 9.3, replacement: 'unix_socket_directories', advice: 'use unix_socket_directories', source: RN('9.3.0') },
  { name: 'silent_mode', removedIn: 9.2, advice: 'remove it; use pg_ctl or your service manager', source: RN('9.2.0') },
  { name: 'custom_variable_classes', removedIn: 9.2, advice: 'remove it; any name with a dot is accepted now', source: RN('9.2.0') },
  { name: 'wal_sender_delay', removedIn: 9.1, advice: 'remove it', source: RN('9.1.0') },
  { name: 'add_missing_from', removedIn: 9.0, advice: 'remove it', source: RN('9.0.0') },
  { name: 'regex_flavor', removedIn: 9.0, advice: 'remove it', source: RN('9.0.0') },
  { name: 'max_fsm_pages', removedIn: 8.4, advice: 'remove it; the free space map is automatic since 8.4', source: RN('8.4.0') },
  { name: 'max_fsm_relations', removedIn: 8.4, advice: 'remove it; the free space map is automatic since 8.4', source: RN('8.4.0') },
];

export interface Alias {
  alias: string;
  target: string;
  since: PgMajor;
  source: string;
}

/** map_old_guc_names in guc.c: names the server silently maps to another parameter. */
export const ALIASES: readonly Alias[] = [
  { alias: 'sort_mem', target: 'work_mem', since: 13, source: 'src/backend/utils/misc/guc.c map_old_guc_names' },
  { alias: 'vacuum_mem', target: 'maintenance_work_mem', since: 13, source: 'src/backend/utils/misc/guc.c map_old_guc_names' },
  { alias: 'ssl_ecdh_curve', target: 'ssl_groups', since: 18, source: RN('18.0') },
];

export interface BuildDependentValue {
  /** Lower-case parameter name. */
  param: string;
  /** Lower-case value spellings. */
  values: string[];
  /** The configure option a build needs for the value. */
  requires: string;
  since: PgMajor;
  source: string;
}

/**
 * Values a distribution build accepts but the reference binaries (built without these
 * options) reject. pgvet warns instead of calling them errors.
 */
export const BUILD_DEPENDENT_VALUES: readonly BuildDependentValue[] = [
  { param: 'default_toast_compression', values: ['lz4'], requires: 'a server built with --with-lz4', since: 14, source: 'https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-DEFAULT-TOAST-COMPRESSION' },
  { param: 'wal_compression', values: ['lz4'], requires: 'a server built with --with-lz4', since: 15, source: 'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-COMPRESSION' },
  { param: 'wal_compression', values: ['zstd'], requires: 'a server built with --with-zstd', since: 15, source: 'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-COMPRESSION' },
  { param: 'io_method', values: ['io_uring'], requires: 'a server built with --with-liburing (Linux)', since: 18, source: 'https://www.postgresql.org/docs/18/runtime-config-resource.html#GUC-IO-METHOD' },
  { param: 'bonjour', values: ['on', 'true', 'yes', '1', 't', 'tr', 'tru', 'y', 'ye'], requires: 'a server built with --with-bonjour', since: 13, source: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-BONJOUR' },
  { param: 'ssl', values: ['on', 'true', 'yes', '1', 't', 'tr', 'tru', 'y', 'ye'], requires: 'a server built with --with-ssl=openssl', since: 13, source: 'https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-SSL' },
  { param: 'wal_sync_method', values: ['fsync_writethrough'], requires: 'Windows or macOS (the option does not exist on Linux)', since: 13, source: 'https://www.postgresql.org/docs/current/runtime-config-wal.html#GUC-WAL-SYNC-METHOD' },
];
