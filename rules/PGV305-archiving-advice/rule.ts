import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at, judged } from '../utils/values.js';

/**
 * pg_gather paramDespatch.archive_mode ("Primary server without WAL archiving configured. No PITR
 * possible") and archive_command (cp/rsync: no fsync, partial files on a crash; pg_gather links its
 * cp.html page).
 */
export default defineRule<'off' | 'copy'>({
  meta: {
    id: 'PGV305',
    name: 'archiving-advice',
    description: 'WAL archiving is off (no point-in-time recovery), or archives with cp/rsync, which do not make the copy durable.',
    defaultSeverity: 'info',
    parameters: ['archive_mode', 'archive_command', 'wal_level'],
    messages: {
      off: () => 'archive_mode = off: WAL is not archived, so a restore goes back to the last base backup (no point-in-time recovery); ignore this if backups are storage snapshots or a tool that streams WAL (pg_receivewal, Barman streaming)',
      copy: (d) => `archive_command = '${d.command}' copies with ${d.tool}: it does not fsync the copy, so a crash can leave a truncated segment that the server already counts as archived; use a tool that syncs and checks (pgBackRest, WAL-G, Barman)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'off' | 'copy'>[] = [];
    const mode = ctx.settings.str('archive_mode');
    // minimal cannot archive: PGV304 says what that costs
    if (mode === 'off' && ctx.settings.str('wal_level') !== 'minimal' && judged(ctx, 'archive_mode')) out.push({ messageId: 'off', data: {}, ...at(ctx, 'archive_mode'), suggestion: 'archive_mode = on' });
    const command = ctx.settings.str('archive_command');
    const tool = /^\s*(?:\S*\/)?(cp|rsync)\s/.exec(command)?.[1];
    if (mode !== 'off' && tool) out.push({ messageId: 'copy', data: { command, tool }, ...at(ctx, 'archive_command') });
    return out;
  },
});
