import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'all off', conf: 'zero_damaged_pages = off\nignore_checksum_failure = off\nignore_invalid_pages = off\nallow_system_table_mods = off\n' },
  ],
  invalid: [
    { name: 'zero_damaged_pages on', conf: 'zero_damaged_pages = on\n', lines: [1], messageIncludes: 'rows vanish without an error' },
    { name: 'ignore_checksum_failure true', conf: 'ignore_checksum_failure = true\n', lines: [1] },
    { name: 'ignore_invalid_pages and allow_system_table_mods', conf: 'ignore_invalid_pages = on\nallow_system_table_mods = on\n', lines: [1, 2] },
    { name: 'ignore_system_indexes', conf: 'ignore_system_indexes = yes\n', lines: [1], messageIncludes: 'ignore_system_indexes = on' },
  ],
} satisfies RuleCases;
