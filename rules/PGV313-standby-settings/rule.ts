import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatBytes, formatMs } from '../../src/format.js';
import { at } from '../utils/values.js';

type Msg = 'hotStandbyOff' | 'senderTimeoutOff' | 'keepTiny' | 'slotSyncNoFeedback' | 'noListen' | 'delayUnbounded' | 'delayShort';

/**
 * Replication settings that break standbys or hide their failure: Patroni CMDLINE_OPTIONS and
 * CloudNativePG MandatorySettings (hot_standby on, wal_keep_size ≥ 16MB), pg_gather (wal_sender_timeout,
 * max_standby_*_delay 30s–300s), Patroni enforce_hot_standby_feedback (slot synchronisation, 17+).
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV313',
    name: 'standby-settings',
    description: 'Replication settings that leave standbys unusable or hide their failure: hot_standby off, no sender timeout, slot sync without feedback, no TCP listener, unbounded standby delays.',
    defaultSeverity: 'warning',
    parameters: ['hot_standby', 'wal_sender_timeout', 'wal_keep_size', 'sync_replication_slots', 'hot_standby_feedback', 'listen_addresses', 'max_standby_streaming_delay', 'max_standby_archive_delay'],
    messages: {
      hotStandbyOff: () => 'hot_standby = off: a standby started from this file accepts no connections at all, not even for monitoring (the same file usually serves every node)',
      senderTimeoutOff: () => 'wal_sender_timeout = 0: a standby that vanished without closing its connection keeps its WAL sender (and its slot\'s WAL) forever',
      keepTiny: (d) => `wal_keep_size = ${d.value}: less than one 16MB segment, which keeps nothing useful for a standby that falls behind; use 0 (rely on slots) or at least a few GB`,
      slotSyncNoFeedback: () => 'sync_replication_slots = on with hot_standby_feedback = off: the slot synchronization worker needs hot_standby_feedback and does not sync failover slots without it',
      noListen: (d) => `listen_addresses = '' with ${d.replicas} replica${d.replicas === 1 ? '' : 's'}: the server accepts no TCP connections, so no standby can connect to stream WAL`,
      delayUnbounded: (d) => `${d.param} = -1: a standby waits for conflicting queries forever, so its replay (and failover readiness) can lag without bound`,
      delayShort: (d) => `${d.param} = ${d.value}: queries on the standby are cancelled when replay conflicts with them after so short a wait (pg_gather: 30s–300s)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    if (!ctx.settings.bool('hot_standby')) out.push({ messageId: 'hotStandbyOff', data: {}, ...at(ctx, 'hot_standby'), suggestion: 'hot_standby = on' });
    if (ctx.settings.ms('wal_sender_timeout') === 0) out.push({ messageId: 'senderTimeoutOff', data: {}, ...at(ctx, 'wal_sender_timeout'), suggestion: 'wal_sender_timeout = 60s' });
    const keep = ctx.settings.bytes('wal_keep_size');
    if (keep > 0 && keep < CHECKS.walKeepSizeFloor) out.push({ messageId: 'keepTiny', data: { value: formatBytes(keep) }, ...at(ctx, 'wal_keep_size') });
    if (ctx.settings.has('sync_replication_slots') && ctx.settings.bool('sync_replication_slots') && !ctx.settings.bool('hot_standby_feedback')) out.push({ messageId: 'slotSyncNoFeedback', data: {}, ...at(ctx, 'hot_standby_feedback'), suggestion: 'hot_standby_feedback = on' });
    const replicas = ctx.host.replicas ?? 0;
    if (replicas > 0 && ctx.settings.str('listen_addresses').trim() === '') out.push({ messageId: 'noListen', data: { replicas }, ...at(ctx, 'listen_addresses'), suggestion: "listen_addresses = '*'" });
    for (const param of ['max_standby_streaming_delay', 'max_standby_archive_delay']) {
      const v = ctx.settings.ms(param);
      if (v === -1) out.push({ messageId: 'delayUnbounded', data: { param }, ...at(ctx, param), suggestion: `${param} = 300s` });
      else if (v < CHECKS.standbyDelayMinMs) out.push({ messageId: 'delayShort', data: { param, value: formatMs(v) }, ...at(ctx, param), suggestion: `${param} = 30s` });
    }
    return out;
  },
});
