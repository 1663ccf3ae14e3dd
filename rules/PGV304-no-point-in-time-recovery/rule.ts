import { defineRule } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * wal_level = minimal: WAL cannot rebuild the database from a base backup, so neither point-in-time
 * recovery nor a standby is possible (postgresqltuner "BAD: does not allow PITR"). With senders or
 * archiving the server refuses it (PGV010); this is the case it accepts.
 */
export default defineRule<'minimal'>({
  meta: {
    id: 'PGV304',
    name: 'no-point-in-time-recovery',
    description: 'wal_level = minimal: no point-in-time recovery and no standby can ever be fed from this server.',
    defaultSeverity: 'warning',
    parameters: ['wal_level', 'max_wal_senders', 'archive_mode'],
    messages: {
      minimal: () => 'wal_level = minimal: the WAL does not hold enough to replay from a base backup, so a restore goes back to the last full backup (no point-in-time recovery) and no standby can be attached; changing it needs a restart',
    },
  },
  check(ctx) {
    // with senders or archiving the server refuses wal_level = minimal (PGV010 says so)
    if (ctx.settings.str('wal_level') !== 'minimal' || ctx.settings.num('max_wal_senders') > 0 || ctx.settings.str('archive_mode') !== 'off') return [];
    return [{ messageId: 'minimal', data: {}, ...at(ctx, 'wal_level'), suggestion: 'wal_level = replica', help: 'keep minimal only for a server you can rebuild from scratch (bulk loads, test data)' }];
  },
});
