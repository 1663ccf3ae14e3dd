import type { RuleCases } from '../../src/engine/cases.js';

const GOOD = [
  'log_checkpoints = on', 'log_autovacuum_min_duration = 10min', 'log_lock_waits = on', 'log_temp_files = 0',
  'log_connections = on', 'log_disconnections = on', 'log_min_duration_statement = 1s', "log_line_prefix = '%m [%p] %q%u@%d %a %h '",
].join('\n') + '\n';

export default {
  valid: [
    { name: 'the defaults without a described server', conf: '# nothing set\n' },
    { name: 'the pgbadger set', conf: GOOD },
    { name: 'rotation by weekday with truncation', conf: GOOD + "logging_collector = on\nlog_filename = 'postgresql-%a.log'\nlog_truncate_on_rotation = on\n" },
    { name: 'unique file names need no truncation', conf: GOOD + "logging_collector = on\nlog_filename = 'postgresql-%Y-%m-%d_%H%M%S.log'\n" },
    { name: '%r stands for the client host', conf: GOOD + "log_line_prefix = '%m %u@%d %a %r '\n" },
  ],
  invalid: [
    // 13–14: log_checkpoints off and log_autovacuum_min_duration -1 by default (changed in 15)
    { name: 'the defaults on 13–14', conf: '# nothing set\n', versions: [13, 14], host: { storage: 'ssd' }, lines: [0, 0, 0] },
    { name: 'the defaults on 13–14 miss checkpoints and autovacuum', conf: GOOD.replace('log_checkpoints = on\n', '').replace('log_autovacuum_min_duration = 10min\n', ''), versions: [13, 14], host: { storage: 'ssd' }, lines: [0], messageIncludes: 'checkpoints (log_checkpoints = on), autovacuum runs' },
    { name: 'from 15 the same file misses neither', conf: GOOD.replace('log_checkpoints = on\n', '').replace('log_autovacuum_min_duration = 10min\n', '').replace('log_lock_waits = on\n', ''), versions: [15, 16, 17, 18], host: { storage: 'ssd' }, lines: [0], messageIncludes: 'not logged: lock waits (log_lock_waits = on);' },
    { name: 'slow-query threshold 100ms', conf: GOOD + 'log_min_duration_statement = 100ms\n', lines: [9], messageIncludes: '= 100ms' },
    { name: 'log_statement mod and log_hostname', conf: GOOD + "log_statement = 'mod'\nlog_hostname = on\n", lines: [9, 10] },
    { name: 'weekday names appended', conf: GOOD + "logging_collector = on\nlog_filename = 'postgresql-%a.log'\nlog_truncate_on_rotation = off\n", lines: [11], messageIncludes: 'appended to' },
    { name: 'prefix without user and database', conf: GOOD + "log_line_prefix = '%m [%p] '\n", lines: [9], messageIncludes: 'user, database, application, client host' },
    { name: 'log_connections off', conf: GOOD + 'log_connections = off\n', host: { storage: 'ssd' }, lines: [0], messageIncludes: 'connections (log_connections' },
  ],
} satisfies RuleCases;
