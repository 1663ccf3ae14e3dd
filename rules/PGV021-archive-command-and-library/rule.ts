import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/**
 * 16+: the archiver refuses to run with both archive_command and archive_library set
 * (pgarch.c LoadArchiveLibrary): `FATAL: both "archive_command" and "archive_library" set`, right
 * after the server is ready, again at every restart of the archiver. The postmaster keeps running
 * without archiving, and pg_wal grows. Verified on 16, 17 and 18; `postgres -C` accepts the file.
 */
export function archivingActive(mode: unknown): boolean {
  return String(mode ?? 'off').toLowerCase() !== 'off';
}

export default defineRule<'both'>({
  meta: {
    id: 'PGV021',
    name: 'archive-command-and-library',
    description: 'archive_command and archive_library both set with archiving on: from 16 the archiver refuses to run, and no WAL is archived.',
    defaultSeverity: 'error',
    versions: { from: 16 },
    parameters: ['archive_mode', 'archive_command', 'archive_library'],
    messages: {
      both: (d) => `both "archive_command" and "archive_library" set, with archive_mode = ${d.mode}: the archiver exits at every start (FATAL), no WAL is archived, and pg_wal grows until the disk is full`,
    },
  },
  check(ctx) {
    const mode = ctx.settings.get('archive_mode');
    const command = ctx.settings.str('archive_command', '');
    const library = ctx.settings.str('archive_library', '');
    if (!archivingActive(mode) || command === '' || library === '') return [];
    return [{ messageId: 'both', data: { mode: String(mode) }, ...locateSetting(ctx, 'archive_library'), parameter: 'archive_library', help: "set only one of them: archive_library = '' to archive with the command, or archive_command = '' to use the library" }];
  },
});
