import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/**
 * Each streaming replica holds a WAL sender and, usually, a replication slot; a base backup or a
 * reconnecting replica needs one more sender for a while (high-availability docs). So
 * max_wal_senders ≥ replicas + 1 and max_replication_slots ≥ replicas, with wal_level ≥ replica.
 */
export default defineRule<'senders' | 'slots' | 'walLevel'>({
  meta: {
    id: 'PGV301',
    name: 'wal-senders-for-replicas',
    description: 'Not enough WAL senders or replication slots for the replicas (--replicas), or a wal_level that cannot feed them.',
    defaultSeverity: 'warning',
    needs: ['replicas'],
    parameters: ['max_wal_senders', 'max_replication_slots', 'wal_level'],
    messages: {
      senders: (d) => `max_wal_senders = ${d.value} for ${d.replicas} replica${Number(d.replicas) === 1 ? '' : 's'}: each needs a sender and a base backup or reconnect needs one more (at least ${d.need})`,
      slots: (d) => `max_replication_slots = ${d.value} for ${d.replicas} replica${Number(d.replicas) === 1 ? '' : 's'}: each replica should have a slot so the primary keeps the WAL it still needs`,
      walLevel: (d) => `wal_level = ${d.value} cannot feed streaming replicas (${d.replicas} expected); use replica (or logical)`,
    },
  },
  check(ctx) {
    const replicas = ctx.host.replicas!;
    if (replicas <= 0) return [];
    const out: RuleFinding<'senders' | 'slots' | 'walLevel'>[] = [];
    const level = ctx.settings.str('wal_level');
    if (level === 'minimal') out.push({ messageId: 'walLevel', data: { value: level, replicas }, ...locateSetting(ctx, 'wal_level'), parameter: 'wal_level', suggestion: 'wal_level = replica' });
    const senders = ctx.settings.num('max_wal_senders');
    if (senders < replicas + 1) out.push({ messageId: 'senders', data: { value: senders, replicas, need: replicas + 1 }, ...locateSetting(ctx, 'max_wal_senders'), parameter: 'max_wal_senders', suggestion: `max_wal_senders = ${replicas + 2}` });
    const slots = ctx.settings.num('max_replication_slots');
    if (slots < replicas) out.push({ messageId: 'slots', data: { value: slots, replicas }, ...locateSetting(ctx, 'max_replication_slots'), parameter: 'max_replication_slots', suggestion: `max_replication_slots = ${replicas + 2}` });
    return out;
  },
});
