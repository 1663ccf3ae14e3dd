import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/**
 * Every connection, worker and auxiliary process is an operating-system process of the server's
 * user. When their most (pgvet simulate's process model) exceeds the user's process limit
 * (RLIMIT_NPROC, or a container's pids.max), fork fails and connections are refused with
 * "could not fork new process for connection". Known with --host auto. (On Linux the server's
 * semaphores are POSIX semaphores in shared memory, so System V semaphore limits do not apply.)
 */
export default defineRule({
  meta: {
    id: 'PGV205',
    name: 'process-limit',
    description: "More server processes possible than the user's process limit (RLIMIT_NPROC or pids.max) allows.",
    defaultSeverity: 'warning',
    parameters: ['max_connections', 'max_worker_processes', 'max_wal_senders', 'autovacuum_max_workers'],
    messages: {
      over: (d) => `up to ${d.max} server processes can run (connections, workers, WAL senders, auxiliary processes and the postmaster), but the process limit here is ${d.limit}: beyond it new connections fail with "could not fork new process for connection"`,
    },
  },
  check(ctx) {
    // Only --host auto can read the limit; without it there is nothing to compare (and no flag to ask for).
    const limit = ctx.host.processLimit;
    if (limit === undefined) return [];
    const max = ctx.estimate().processes.total.max + 1;
    if (max <= limit) return [];
    return [{ messageId: 'over' as const, data: { max, limit }, ...locateSetting(ctx, 'max_connections'), parameter: 'max_connections', help: 'raise the limit (ulimit -u, systemd LimitNPROC, the container pids limit) or lower max_connections' }];
  },
});
