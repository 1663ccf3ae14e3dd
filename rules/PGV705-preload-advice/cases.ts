import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'timescaledb settings with timescaledb preloaded', conf: "shared_preload_libraries = 'timescaledb,pg_stat_statements'\ntimescaledb.max_background_workers = 16\npg_stat_statements.max = 10000\n" },
    { name: 'auto_explain per session', conf: "session_preload_libraries = 'auto_explain'\nauto_explain.log_min_duration = '1s'\n" },
    { name: 'an unknown prefix', conf: "myapp.tenant = 'x'\n" },
  ],
  invalid: [
    { name: 'timescaledb settings without the library', conf: 'timescaledb.max_background_workers = 16\n', lines: [1], messageIncludes: 'timescaledb is not in shared_preload_libraries' },
    { name: 'two pg_stat_statements settings: one finding', conf: "shared_preload_libraries = 'auto_explain'\npg_stat_statements.max = 10000\npg_stat_statements.track = all\n", lines: [2] },
    { name: 'four libraries', conf: "shared_preload_libraries = 'pg_stat_statements,auto_explain,pg_cron,pgaudit'\n", lines: [1], messageIncludes: 'loads 4 libraries' },
  ],
} satisfies RuleCases;
