import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the command only', conf: "archive_mode = on\narchive_command = 'cp %p /archive/%f'\n" },
    { name: 'the library only', conf: "archive_mode = on\narchive_library = 'basic_archive'\n" },
    { name: 'archiving off', conf: "archive_command = 'true'\narchive_library = 'basic_archive'\n" },
  ],
  invalid: [
    { name: 'both set on 15', conf: "archive_mode = on\narchive_command = 'true'\narchive_library = 'basic_archive'\n", lines: [2], messageIncludes: "archive_command is ignored: archive_library = 'basic_archive' is set" },
    { name: 'both set, archive_mode always', conf: "archive_mode = always\narchive_library = 'basic_archive'\narchive_command = 'true'\n", lines: [3] },
  ],
} satisfies RuleCases;
