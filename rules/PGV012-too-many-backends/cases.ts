import type { RuleCases } from '../../src/engine/cases.js';

// Fewer lock slots per backend keep the shared memory of the cases that start at about 4GB.
const SMALL_LOCKS = 'max_locks_per_transaction = 10\nmax_pred_locks_per_transaction = 10\n';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'ten thousand connections', conf: 'max_connections = 10000\n' },
    { name: '17: exactly at the limit (262120 + 3 + 8 + 10 + 2 = 262143)', conf: `max_connections = 262120\n${SMALL_LOCKS}`, versions: [17] },
    { name: '18: exactly at the limit (262107 + 16 + 8 + 10 = 262141)', conf: `max_connections = 262107\n${SMALL_LOCKS}`, versions: [18] },
    { name: '18: autovacuum_max_workers does not count, autovacuum_worker_slots does', conf: `max_connections = 262107\nautovacuum_max_workers = 16\n${SMALL_LOCKS}`, versions: [18] },
    { name: '17: a value the check hooks refuse is PGV004, not this rule', conf: 'max_connections = 262143\n', versions: [17] },
  ],
  invalid: [
    { name: '17: passes the check hooks (+1) but not the final check (+2)', conf: `max_connections = 262121\n${SMALL_LOCKS}`, versions: [17], lines: [1], messageIncludes: 'too many backends configured' },
    { name: '18: 16 autovacuum worker slots count, not 3 workers', conf: `max_connections = 262120\n${SMALL_LOCKS}`, versions: [18], lines: [1], messageIncludes: 'too many server processes configured: "max_connections" (262120) plus "autovacuum_worker_slots" (16) plus "max_worker_processes" (8) plus "max_wal_senders" (10) must be less than 262142' },
    { name: '18: one over the limit', conf: `max_connections = 262108\n${SMALL_LOCKS}`, versions: [18], lines: [1] },
    { name: '18: no check hooks, only the final check', conf: 'max_connections = 262143\n', versions: [18], lines: [1] },
    { name: '18: raising autovacuum_worker_slots', conf: `max_connections = 262100\nautovacuum_worker_slots = 30\n${SMALL_LOCKS}`, versions: [18], lines: [1] },
    { name: 'the sum is over the limit although max_connections is not set', conf: 'max_worker_processes = 262000\nmax_wal_senders = 39\n', versions: [17, 18], lines: [0] },
  ],
} satisfies RuleCases;
