import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (archive_mode off)', conf: '# nothing set\n' },
    { name: 'a command', conf: "archive_mode = on\narchive_command = 'pgbackrest --stanza=main archive-push %p'\n" },
    { name: 'a library, 15+', conf: "archive_mode = on\narchive_library = 'basic_archive'\n", versions: [15, 16, 17, 18] },
  ],
  invalid: [
    { name: 'on, nothing to run, 13–14', conf: 'archive_mode = on\n', versions: [13, 14], lines: [1], messageIncludes: 'with no archive_command:' },
    { name: 'on, nothing to run, 15+', conf: 'archive_mode = on\n', versions: [15, 16, 17, 18], lines: [1], messageIncludes: 'with no archive_command or archive_library' },
    { name: 'always with an empty command', conf: "archive_mode = always\narchive_command = ''\n", lines: [1], messageIncludes: 'archive_mode = always' },
  ],
} satisfies RuleCases;
