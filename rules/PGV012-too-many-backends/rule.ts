import { MAX_BACKENDS, maxBackends } from '../../src/catalog/limits.js';
import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/**
 * MaxBackends must not exceed 262143 (MAX_BACKENDS). In 13–16 the check hooks of the four
 * parameters refuse the value (PGV004 reports them); 17 adds a final startup check that also
 * counts the slot-sync worker, and 18 keeps only that check, counting autovacuum_worker_slots.
 */
export default defineRule({
  meta: {
    id: 'PGV012',
    name: 'too-many-backends',
    description: 'More backend slots than PostgreSQL supports (MaxBackends over 262143): the server refuses to start.',
    defaultSeverity: 'error',
    versions: { from: 17 },
    parameters: ['max_connections', 'autovacuum_max_workers', 'autovacuum_worker_slots', 'max_worker_processes', 'max_wal_senders'],
    messages: {
      tooMany: (d) => `too many ${d.what} configured: "max_connections" (${d.mc}) plus "${d.av}" (${d.avv}) plus "max_worker_processes" (${d.mwp}) plus "max_wal_senders" (${d.mws}) must be less than 262142`,
    },
  },
  check(ctx) {
    const av = ctx.version >= 18 ? 'autovacuum_worker_slots' : 'autovacuum_max_workers';
    const mc = ctx.settings.num('max_connections');
    const avv = ctx.settings.num(av);
    const mwp = ctx.settings.num('max_worker_processes');
    const mws = ctx.settings.num('max_wal_senders');
    if (maxBackends({ maxConnections: mc, autovacuumSlots: avv, maxWorkerProcesses: mwp, maxWalSenders: mws }, ctx.version) <= MAX_BACKENDS) return [];
    return [{
      messageId: 'tooMany' as const,
      data: { what: ctx.version >= 18 ? 'server processes' : 'backends', mc, av, avv, mwp, mws },
      ...locateSetting(ctx, 'max_connections'),
      parameter: 'max_connections',
      help: 'use a connection pooler instead of hundreds of thousands of connections',
    }];
  },
});
