import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (try, 128MB)', conf: '# nothing set\n' },
    { name: 'try with a large pool', conf: 'shared_buffers = 8GB\nhuge_pages = try\n' },
    { name: 'on with a large pool', conf: 'shared_buffers = 8GB\nhuge_pages = on\n' },
    { name: 'off just below 2GB', conf: 'shared_buffers = 2047MB\nhuge_pages = off\n' },
    { name: 'off with the default pool', conf: 'huge_pages = off\n' },
  ],
  invalid: [
    { name: 'off at exactly 2GB', conf: 'shared_buffers = 2GB\nhuge_pages = off\n', lines: [2], messageIncludes: 'reserve about 1087 2MB pages' },
    { name: 'off with 8GB', conf: 'shared_buffers = 8GB\nhuge_pages = off\n', lines: [2], messageIncludes: 'huge_pages = off with shared_buffers = 8GB' },
    { name: 'off with 8GB, 13-14 (no shared_memory_size_in_huge_pages)', conf: 'huge_pages = off\nshared_buffers = 8GB\n', versions: [13, 14], lines: [1] },
    { name: 'off with 8GB, 15+ (shared_memory_size_in_huge_pages)', conf: 'huge_pages = off\nshared_buffers = 8GB\n', versions: [15, 16, 17, 18], lines: [1] },
    { name: 'no host facts needed', conf: 'shared_buffers = 64GB\nhuge_pages = off\n', lines: [2], messageIncludes: '33784 2MB pages' },
  ],
} satisfies RuleCases;
