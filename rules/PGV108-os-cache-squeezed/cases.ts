import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: '25% shared_buffers', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'defaults', conf: '# nothing set\n', host: { ramBytes: 16 * GB } },
  ],
  invalid: [
    { name: '75% shared_buffers', conf: 'shared_buffers = 12GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'for the OS page cache' },
  ],
} satisfies RuleCases;
