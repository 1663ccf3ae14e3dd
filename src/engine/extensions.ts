/**
 * Background workers that preloaded extensions start, taken from each extension's documentation.
 * They all come out of max_worker_processes, as do parallel workers and logical replication.
 */
export interface ExtensionWorkers {
  library: string;
  /** Workers it keeps running, given its placeholder settings (lower-case name → value). */
  workers(settings: (name: string) => string | undefined): number;
  source: string;
}

const num = (v: string | undefined, d: number): number => (v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : d);

export const EXTENSION_WORKERS: readonly ExtensionWorkers[] = [
  {
    library: 'timescaledb',
    // a launcher, a scheduler per database, and up to timescaledb.max_background_workers jobs (default 16)
    workers: (s) => 2 + num(s('timescaledb.max_background_workers'), 16),
    source: 'https://docs.timescale.com/self-hosted/latest/configuration/about-configuration/#workers',
  },
  {
    library: 'pg_cron',
    // the launcher; with cron.use_background_workers, up to cron.max_running_jobs (default 32) more
    workers: (s) => 1 + (/^(on|true|yes|1)$/i.test(s('cron.use_background_workers') ?? '') ? num(s('cron.max_running_jobs'), 32) : 0),
    source: 'https://github.com/citusdata/pg_cron#setting-up-pg_cron',
  },
  { library: 'citus', workers: () => 2, source: 'https://docs.citusdata.com/en/stable/admin_guide/cluster_management.html (maintenance daemon per database)' },
  { library: 'pglogical', workers: () => 2, source: 'https://github.com/2ndQuadrant/pglogical#quick-setup (supervisor + a manager per database, plus apply workers)' },
  { library: 'pg_partman_bgw', workers: () => 1, source: 'https://github.com/pgpartman/pg_partman#background-worker' },
  { library: 'pg_prewarm', workers: () => 1, source: 'https://www.postgresql.org/docs/current/pgprewarm.html (autoprewarm leader)' },
];
