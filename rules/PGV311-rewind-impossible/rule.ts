import { defineRule } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * pg_rewind needs wal_log_hints = on or data checksums (Patroni rewind.py: "pg_rewind is not
 * possible: neither wal_log_hints nor data checksums are enabled"; CloudNativePG validateConfiguration:
 * wal_log_hints must be on with more than one instance). From 18 initdb enables checksums by default
 * (verified: data_checksums=on after a plain initdb on 18, off on 13 and 17), so the rule stops at 17.
 */
export default defineRule<'noRewind'>({
  meta: {
    id: 'PGV311',
    name: 'rewind-impossible',
    description: 'A replicated server with wal_log_hints = off: unless the cluster has data checksums, a failed-over old primary cannot be rewound, only re-cloned.',
    defaultSeverity: 'warning',
    versions: { to: 17 },
    parameters: ['wal_log_hints', 'synchronous_standby_names'],
    messages: {
      noRewind: (d) => `wal_log_hints = off with ${d.why}: unless the cluster was initialised with --data-checksums, pg_rewind cannot bring the old primary back after a failover, and it must be cloned again from scratch`,
    },
  },
  check(ctx) {
    if (ctx.settings.bool('wal_log_hints')) return [];
    const replicas = ctx.host.replicas ?? 0;
    const sync = ctx.settings.str('synchronous_standby_names').trim();
    if (replicas === 0 && sync === '') return [];
    const why = replicas > 0 ? `${replicas} replica${replicas === 1 ? '' : 's'}` : 'synchronous standbys named';
    return [{ messageId: 'noRewind', data: { why }, ...at(ctx, 'wal_log_hints'), suggestion: 'wal_log_hints = on', help: 'check with SHOW data_checksums; wal_log_hints costs some extra WAL after checkpoints and needs a restart' }];
  },
});
