import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { archivingActive } from '../PGV021-archive-command-and-library/rule.js';

/**
 * 15 only: with archive_library set the archiver loads the library and never looks at
 * archive_command (pgarch.c LoadArchiveLibrary; verified on 15.18: WAL went to basic_archive, the
 * command never ran). From 16 the combination is refused instead (PGV021).
 */
export default defineRule<'ignored'>({
  meta: {
    id: 'PGV022',
    name: 'archive-command-ignored',
    description: 'PostgreSQL 15 with archive_command and archive_library both set: the library archives and the command is silently ignored.',
    defaultSeverity: 'warning',
    versions: { from: 15, to: 15 },
    parameters: ['archive_mode', 'archive_command', 'archive_library'],
    messages: {
      ignored: (d) => `archive_command is ignored: archive_library = '${d.library}' is set, and PostgreSQL 15 archives with the library only (from 16 the server refuses the combination)`,
    },
  },
  check(ctx) {
    const command = ctx.settings.str('archive_command', '');
    const library = ctx.settings.str('archive_library', '');
    if (!archivingActive(ctx.settings.get('archive_mode')) || command === '' || library === '') return [];
    return [{ messageId: 'ignored', data: { library }, ...locateSetting(ctx, 'archive_command'), parameter: 'archive_command', help: "remove one of them: archive_command = '' keeps the library, archive_library = '' the command" }];
  },
});
