import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { formatMs } from '../../src/format.js';
import { locateSetting } from '../utils/locate.js';

/** Settings that trade crash safety for speed, each with what it puts at risk (runtime-config-wal). */
export default defineRule<'fsync' | 'fpw' | 'syncCommit'>({
  meta: {
    id: 'PGV604',
    name: 'durability-off',
    description: 'fsync, full_page_writes or synchronous_commit off: data at risk in a crash.',
    defaultSeverity: 'warning',
    parameters: ['fsync', 'full_page_writes', 'synchronous_commit'],
    messages: {
      fsync: () => 'fsync = off: after an operating-system crash or power loss the database can be corrupted beyond repair (not just lose recent commits); only for throw-away data',
      fpw: () => 'full_page_writes = off: a crash in the middle of a page write can leave torn pages that WAL replay cannot fix, unless the storage guarantees atomic 8kB writes',
      syncCommit: (d) => `synchronous_commit = off: a crash can lose the last ~${d.window} of commits the clients were told succeeded (no corruption)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'fsync' | 'fpw' | 'syncCommit'>[] = [];
    if (!ctx.settings.bool('fsync')) out.push({ messageId: 'fsync', data: {}, ...locateSetting(ctx, 'fsync'), parameter: 'fsync', suggestion: 'fsync = on' });
    if (!ctx.settings.bool('full_page_writes')) out.push({ messageId: 'fpw', data: {}, ...locateSetting(ctx, 'full_page_writes'), parameter: 'full_page_writes', suggestion: 'full_page_writes = on' });
    const sc = ctx.settings.str('synchronous_commit');
    if (sc === 'off' || sc === 'false' || sc === 'no' || sc === '0') {
      const delay = ctx.settings.num('wal_writer_delay');
      out.push({ messageId: 'syncCommit', data: { window: formatMs(3 * delay) }, ...locateSetting(ctx, 'synchronous_commit'), parameter: 'synchronous_commit', help: 'acceptable for data you can lose; set it per transaction (SET LOCAL synchronous_commit = off) rather than server-wide' });
    }
    return out;
  },
});
