import { defineRule } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes } from '../../src/format.js';
import { at, isSet } from '../utils/values.js';

/**
 * A replication slot keeps WAL until its consumer has it; with max_slot_wal_keep_size = -1 (the
 * default) an abandoned or lagging slot keeps it without bound (docs/peer-coverage.md WAL-8; docs/reference/dba-review.md#m12).
 */
export default defineRule<'unbounded'>({
  meta: {
    id: 'PGV309',
    name: 'slot-retention-unbounded',
    description: 'Replication slots are in use but max_slot_wal_keep_size = -1: an abandoned slot keeps WAL until the disk is full.',
    defaultSeverity: 'warning',
    parameters: ['max_slot_wal_keep_size', 'max_replication_slots'],
    messages: {
      unbounded: (d) => `max_slot_wal_keep_size = -1 with ${d.why}: a standby or logical consumer that stops consuming keeps every WAL segment on this server, until ${d.where} is full and the server stops`,
    },
  },
  check(ctx) {
    if (ctx.settings.bytes('max_slot_wal_keep_size') !== -1) return [];
    const replicas = ctx.host.replicas ?? 0;
    const slots = ctx.settings.num('max_replication_slots');
    if (!(replicas > 0 || (isSet(ctx, 'max_replication_slots') && slots > 0))) return [];
    const volume = ctx.host.walVolumeBytes;
    const why = replicas > 0 ? `${replicas} replica${replicas === 1 ? '' : 's'}` : `max_replication_slots = ${slots}`;
    // docs/reference/dba-review.md#m12: a bound of 20–50% of the WAL volume; without a volume, a round default
    const bound = volume ? formatBytes(Math.max(1024 ** 3, Math.floor((volume * 0.3) / 1024 ** 3) * 1024 ** 3)) : '100GB';
    // without --wal-volume the risk is advice (info): how soon the volume fills is unknown
    return [{ messageId: 'unbounded', ...(volume ? {} : { severity: 'info' as const }), data: { why, where: volume ? `the ${approxBytes(volume)} WAL volume` : 'the WAL volume' }, ...at(ctx, 'max_slot_wal_keep_size'), suggestion: `max_slot_wal_keep_size = ${bound}`, help: `a bound invalidates the slot instead (the standby must then be rebuilt); keep it within ${Math.round(100 * CHECKS.walVolumeShare)}% of the volume with max_wal_size` }];
  },
});
