import { defineRule } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * archive_mode on with nothing to archive with: the docs (runtime-config-wal, archive_command):
 * archiving is "temporarily disabled, but the server continues to accumulate WAL segment files in
 * the expectation that a command will soon be provided" → pg_wal grows until the disk is full.
 * pg_gather paramDespatch.archive_command.
 */
export default defineRule<'nothing'>({
  meta: {
    id: 'PGV303',
    name: 'archiving-without-command',
    description: 'archive_mode is on but neither archive_command nor archive_library is set: WAL is kept until the disk is full.',
    defaultSeverity: 'warning',
    parameters: ['archive_mode', 'archive_command', 'archive_library'],
    messages: {
      nothing: (d) => `archive_mode = ${d.mode} with no ${d.what}: the server keeps every WAL segment waiting for an archiver that never runs, and pg_wal grows until the disk is full`,
    },
  },
  check(ctx) {
    const mode = ctx.settings.str('archive_mode');
    if (mode !== 'on' && mode !== 'always') return [];
    if (ctx.settings.str('archive_command') !== '') return [];
    const lib = ctx.settings.has('archive_library');
    if (lib && ctx.settings.str('archive_library') !== '') return [];
    return [{ messageId: 'nothing', data: { mode, what: lib ? 'archive_command or archive_library' : 'archive_command' }, ...at(ctx, 'archive_mode'), help: lib ? "set archive_command (e.g. 'pgbackrest --stanza=main archive-push %p') or archive_library, or archive_mode = off" : "set archive_command (e.g. 'pgbackrest --stanza=main archive-push %p'), or archive_mode = off" }];
  },
});
