import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: '25% of RAM', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'exactly 40%', conf: 'shared_buffers = 6553MB\n', host: { ramBytes: 16 * GB } },
  ],
  invalid: [
    { name: 'half the RAM', conf: 'shared_buffers = 8GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'shared_buffers is 8GB: above 40% of the RAM it rarely helps' },
    { name: 'more than the RAM', conf: 'shared_buffers = 20GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: "(pgvet's guidance for this host: 4GB)" },
  ],
} satisfies RuleCases;
