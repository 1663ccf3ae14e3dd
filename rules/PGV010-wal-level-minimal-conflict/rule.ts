import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { isSet, locateSetting } from '../utils/locate.js';

/**
 * PostmasterMain refuses wal_level = minimal together with WAL streaming (max_wal_senders > 0,
 * whose default is 10), archiving (archive_mode ≠ off) or, from 17, WAL summarization.
 */
export default defineRule({
  meta: {
    id: 'PGV010',
    name: 'wal-level-minimal-conflict',
    description: 'wal_level = minimal with WAL senders, archiving or WAL summarization: the server refuses to start.',
    defaultSeverity: 'error',
    parameters: ['wal_level', 'max_wal_senders', 'archive_mode', 'summarize_wal'],
    messages: {
      senders: (d) => `WAL streaming (max_wal_senders > 0) requires wal_level "replica" or "logical": max_wal_senders is ${d.value}${d.isDefault ? ' (the default)' : ''} while wal_level = minimal`,
      archive: (d) => `WAL archival cannot be enabled when wal_level is "minimal" (archive_mode = ${d.value})`,
      summarize: () => 'WAL cannot be summarized when "wal_level" is "minimal" (summarize_wal = on)',
    },
  },
  check(ctx) {
    if (ctx.settings.str('wal_level') !== 'minimal') return [];
    const out: RuleFinding<'senders' | 'archive' | 'summarize'>[] = [];
    const senders = ctx.settings.num('max_wal_senders', 0);
    if (senders > 0) {
      const at = isSet(ctx, 'max_wal_senders') ? locateSetting(ctx, 'max_wal_senders') : locateSetting(ctx, 'wal_level');
      out.push({ messageId: 'senders', data: { value: senders, isDefault: isSet(ctx, 'max_wal_senders') ? '' : 'yes' }, ...at, parameter: 'max_wal_senders', suggestion: 'max_wal_senders = 0', help: 'set max_wal_senders = 0, or use wal_level = replica' });
    }
    const archive = ctx.settings.get('archive_mode');
    if (archive !== undefined && archive !== 'off' && archive !== 'false' && archive !== 'no' && archive !== '0') {
      out.push({ messageId: 'archive', data: { value: String(archive) }, ...locateSetting(ctx, 'archive_mode'), parameter: 'archive_mode', suggestion: 'archive_mode = off', help: 'turn archive_mode off, or use wal_level = replica' });
    }
    if (ctx.settings.bool('summarize_wal', false)) {
      out.push({ messageId: 'summarize', data: {}, ...locateSetting(ctx, 'summarize_wal'), parameter: 'summarize_wal', suggestion: 'summarize_wal = off', help: 'turn summarize_wal off, or use wal_level = replica' });
    }
    return out;
  },
});
