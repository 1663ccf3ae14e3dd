/**
 * Observability: the logging and timing without which none of the other guidance can be checked
 * on a running server (checkpoints, autovacuum runs, slow statements, lock waits, temporary files,
 * I/O timing) and pg_stat_statements.
 */
import { advises, holds, moves, oneOf, range } from './band.js';
import type { SourceId } from './sources.js';
import type { ParamPolicy } from './types.js';
import { preloadLibraries } from './workers.js';

const on = (name: string, why: string, reason: string, sources: SourceId[]): ParamPolicy => ({
  name,
  area: 'observability',
  nature: 'switch',
  needs: [],
  judge: () => ({ target: true, band: oneOf(['on'], 'info', why), reason, formula: 'on', inputs: {}, sources }),
});

export const logCheckpoints = on('log_checkpoints', 'checkpoints are not logged: whether they are time- or WAL-triggered (the basis for max_wal_size) cannot be seen', 'on (the default from 15): one line per checkpoint, with its cause and timing', ['pg-logging', 'pg-release-15', 'pg-wal-config']);
export const logLockWaits = on('log_lock_waits', 'lock waits longer than deadlock_timeout are not logged', 'on: logs sessions that wait longer than deadlock_timeout for a lock', ['pg-logging', 'pg-gather', 'pgconfig-api']);
export const trackIoTiming = on('track_io_timing', 'I/O time is missing from pg_stat_statements, EXPLAIN (BUFFERS), pg_stat_io and autovacuum logs', 'on: I/O timing in the statistics (check the clock cost with pg_test_timing on old hardware)', ['pg-statistics', 'pg-gather']);

export const logAutovacuumMinDuration: ParamPolicy = {
  name: 'log_autovacuum_min_duration',
  area: 'observability',
  nature: 'budget',
  needs: [],
  judge(c) {
    return {
      target: c.fromMs('log_autovacuum_min_duration', 10 * 60 * 1000),
      band: range([moves(0, 'info', 'autovacuum runs are never logged: a vacuum that takes hours goes unnoticed')], []),
      reason: 'logs autovacuum runs longer than 10 minutes (the default from 15; 0 while investigating)',
      formula: '10min; -1 never logs',
      inputs: {},
      sources: ['pg-logging', 'pg-release-15'],
    };
  },
};

export const logMinDurationStatement: ParamPolicy = {
  name: 'log_min_duration_statement',
  area: 'observability',
  nature: 'budget',
  needs: [],
  judge(c) {
    return {
      target: c.fromMs('log_min_duration_statement', 1000),
      band: range([moves(250, 'info', 'slow statements are not logged (-1), or so many are that the log becomes the load (below 250ms)')], []),
      reason: 'logs statements slower than 1 second (250ms–1s; or auto_explain)',
      formula: '1s; fine from 250ms up',
      inputs: {},
      sources: ['pg-logging', 'postgresqltuner', 'pgconfig-api'],
    };
  },
};

export const logTempFiles: ParamPolicy = {
  name: 'log_temp_files',
  area: 'observability',
  nature: 'budget',
  needs: [],
  judge() {
    return {
      target: 0,
      band: range([moves(0, 'info', 'temporary files are not logged: sorts and hashes that spill (work_mem too small) cannot be seen')], []),
      reason: 'logs every temporary file with its size: the evidence for work_mem',
      formula: '0 (every file); -1 logs none',
      inputs: {},
      sources: ['cis-postgresql', 'pg-logging', 'pgconfig-api'],
    };
  },
};

export const LOG_STATEMENT_SCALE = ['none', 'ddl', 'mod', 'all'] as const;

export const logStatement: ParamPolicy = {
  name: 'log_statement',
  area: 'observability',
  nature: 'budget',
  scale: LOG_STATEMENT_SCALE,
  needs: [],
  judge() {
    return {
      target: 'ddl',
      band: range([], [advises(1, 'info', 'every data change is logged: the log grows with the write load'), moves(2, 'warning', 'every statement is logged: the log becomes the load, and parameters (passwords included) land in it')]),
      reason: 'ddl: schema changes are logged (CIS); slow statements come from log_min_duration_statement',
      formula: "'ddl'; 'mod' is advice, 'all' a warning",
      inputs: {},
      sources: ['cis-postgresql', 'postgresqltuner', 'pg-logging'],
    };
  },
};

export const logHostname: ParamPolicy = {
  name: 'log_hostname',
  area: 'observability',
  nature: 'switch',
  needs: [],
  judge: () => ({
    target: false,
    band: oneOf(['off'], 'info', 'a reverse DNS lookup for every connection: slow connects when DNS is slow'),
    reason: 'off (the default): log the address, not a DNS lookup per connection',
    formula: 'off',
    inputs: {},
    sources: ['pg-logging', 'postgresqltuner', 'pg-gather'],
  }),
};

export const sharedPreloadLibraries: ParamPolicy = {
  name: 'shared_preload_libraries',
  area: 'observability',
  nature: 'switch',
  needs: [],
  judge(c) {
    const libs = preloadLibraries(c.str('shared_preload_libraries')).map((l) => l.toLowerCase());
    return {
      band: holds(libs.includes('pg_stat_statements'), 'info', 'pg_stat_statements is not preloaded: no per-query statistics to tune from (it needs a restart and CREATE EXTENSION)'),
      reason: 'the list depends on what is installed; pgvet does not change it',
      formula: 'includes pg_stat_statements',
      inputs: { libraries: libs.join(', ') || 'none' },
      sources: ['pg-pgstatstatements', 'postgresqltuner'],
    };
  },
};
