import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: '75% of 64GB', conf: 'shared_buffers = 16GB\neffective_cache_size = 48GB\n', host: { ramBytes: 64 * GB } },
    { name: 'the defaults on 7GB', conf: '# nothing set\n', host: { ramBytes: 7 * GB } },
    { name: 'below shared_buffers is PGV106', conf: 'shared_buffers = 16GB\neffective_cache_size = 8GB\n', host: { ramBytes: 64 * GB } },
  ],
  invalid: [
    { name: 'the defaults on 4GB: the 4GB cache is the whole RAM', conf: '# nothing set\n', host: { ramBytes: 4 * GB }, lines: [0], messageIncludes: "busy-hour memory" },
    { name: 'shared_buffers 16GB, ecs 18GB on 32GB', conf: 'shared_buffers = 16GB\neffective_cache_size = 18GB\n', host: { ramBytes: 32 * GB }, lines: [2], messageIncludes: 'leaves only 2GB' },
    { name: 'ecs 60GB of 64GB', conf: 'shared_buffers = 16GB\neffective_cache_size = 60GB\n', host: { ramBytes: 64 * GB }, lines: [2], messageIncludes: 'busy-hour memory' },
  ],
} satisfies RuleCases;
