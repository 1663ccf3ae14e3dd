import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: '25 connections, 5 reserved (20%)', conf: 'max_connections = 25\nsuperuser_reserved_connections = 5\n' },
    { name: 'reserved_connections 10 of 100, 16+', conf: 'reserved_connections = 10\n', versions: [16, 17, 18] },
  ],
  invalid: [
    { name: '20 connections', conf: 'max_connections = 20\n', lines: [1], messageIncludes: 'below 25' },
    { name: '30 of 100 reserved', conf: 'superuser_reserved_connections = 30\n', lines: [1], messageIncludes: '30% of max_connections = 100' },
    { name: 'reserved_connections 25 of 100, 16+', conf: 'reserved_connections = 25\n', versions: [16, 17, 18], lines: [1] },
    { name: 'auth delays', conf: 'pre_auth_delay = 5s\npost_auth_delay = 10\n', lines: [1, 2], messageIncludes: 'every login waits' },
    { name: '20 locks', conf: 'max_locks_per_transaction = 20\n', lines: [1], messageIncludes: 'out of shared memory' },
    { name: 'one worker process', conf: 'max_worker_processes = 1\n', lines: [1] },
  ],
} satisfies RuleCases;
