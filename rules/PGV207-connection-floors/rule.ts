import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatMs, percent } from '../../src/format.js';
import { at } from '../utils/values.js';

type Msg = 'fewConnections' | 'reservedShare' | 'authDelay' | 'fewLocks' | 'fewWorkers';

/**
 * Values the server accepts but a production server cannot live with: Patroni's floors
 * (config.py CMDLINE_OPTIONS: max_connections ≥ 25, max_locks_per_transaction ≥ 32,
 * max_worker_processes ≥ 2) and postgresqltuner's (reserved connections ≤ 20%, no auth delays).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV207',
    name: 'connection-floors',
    description: 'Connection and process limits below what a production server needs, or debug login delays left on.',
    defaultSeverity: 'warning',
    parameters: ['max_connections', 'superuser_reserved_connections', 'reserved_connections', 'pre_auth_delay', 'post_auth_delay', 'max_locks_per_transaction', 'max_worker_processes'],
    messages: {
      fewConnections: (d) => `max_connections = ${d.value}: below 25, monitoring, backups, replication tools and a maintenance session already take most of the slots (Patroni refuses less than 25)`,
      reservedShare: (d) => `${d.param} = ${d.value} is ${d.pct} of max_connections = ${d.max}: more than 20% of the slots are kept from the application`,
      authDelay: (d) => `${d.param} = ${d.value}: every login waits this long (a debugging aid for attaching a debugger); remove it`,
      fewLocks: (d) => `max_locks_per_transaction = ${d.value}: the shared lock table holds ${d.value} × (max_connections + max_prepared_transactions) locks, and a query over a partitioned table or a pg_dump of many tables fails with "out of shared memory" (Patroni's floor is 32); it also must be at least the primary's value on a standby`,
      fewWorkers: (d) => `max_worker_processes = ${d.value}: logical replication, parallel query and extensions share these slots; with fewer than 2 most of them cannot start (Patroni's floor is 2)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const max = ctx.settings.num('max_connections');
    if (max < CHECKS.maxConnectionsFloor) out.push({ messageId: 'fewConnections', data: { value: max }, ...at(ctx, 'max_connections'), suggestion: `max_connections = ${CHECKS.maxConnectionsFloor}` });
    for (const param of ['superuser_reserved_connections', 'reserved_connections']) {
      const v = ctx.settings.num(param, NaN); // reserved_connections: 16 on
      // PGV011 reports reserved slots at or above max_connections (the server refuses that)
      if (v > CHECKS.reservedShareCeiling * max && v < max) out.push({ messageId: 'reservedShare', data: { param, value: v, max, pct: percent(v, max) }, ...at(ctx, param) });
    }
    for (const param of ['pre_auth_delay', 'post_auth_delay']) {
      const v = ctx.settings.ms(param);
      if (v > 0) out.push({ messageId: 'authDelay', data: { param, value: formatMs(v) }, ...at(ctx, param), suggestion: `${param} = 0` });
    }
    const locks = ctx.settings.num('max_locks_per_transaction');
    if (locks < CHECKS.maxLocksFloor) out.push({ messageId: 'fewLocks', data: { value: locks }, ...at(ctx, 'max_locks_per_transaction'), suggestion: 'max_locks_per_transaction = 64' });
    const workers = ctx.settings.num('max_worker_processes');
    if (workers < CHECKS.maxWorkerProcessesFloor) out.push({ messageId: 'fewWorkers', data: { value: workers }, ...at(ctx, 'max_worker_processes'), suggestion: 'max_worker_processes = 8' });
    return out;
  },
});
