import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the command only', conf: "archive_mode = on\narchive_command = 'cp %p /archive/%f'\n" },
    { name: 'the library only', conf: "archive_mode = on\narchive_library = 'basic_archive'\n" },
    { name: 'both set, archiving off: no archiver runs', conf: "archive_mode = off\narchive_command = 'true'\narchive_library = 'basic_archive'\n" },
    { name: 'both set, archive_mode at its default', conf: "archive_command = 'true'\narchive_library = 'basic_archive'\n" },
    { name: 'the library emptied again', conf: "archive_mode = on\narchive_command = 'true'\narchive_library = 'basic_archive'\narchive_library = ''\n" },
  ],
  invalid: [
    { name: 'both set, archive_mode on', conf: "archive_mode = on\narchive_command = 'true'\narchive_library = 'basic_archive'\n", lines: [3], messageIncludes: 'both "archive_command" and "archive_library" set, with archive_mode = on' },
    { name: 'both set, archive_mode always', conf: "archive_library = 'basic_archive'\narchive_mode = always\narchive_command = 'true'\n", lines: [1], messageIncludes: 'archive_mode = always' },
    { name: 'the command in an include', conf: "archive_mode = on\narchive_library = 'basic_archive'\ninclude 'archive.conf'\n", files: { 'archive.conf': "archive_command = 'true'\n" }, lines: [2] },
  ],
} satisfies RuleCases;
