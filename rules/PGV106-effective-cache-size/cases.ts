import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults on 16GB', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'the default 4GB on a 4GB host (equal is fine)', conf: '# nothing set\n', host: { ramBytes: 4 * GB } },
    { name: '75% of RAM', conf: 'effective_cache_size = 12GB\n', host: { ramBytes: 16 * GB } },
    { name: 'exactly the RAM', conf: 'effective_cache_size = 16GB\n', host: { ramBytes: 16 * GB } },
    { name: 'equal to shared_buffers', conf: 'shared_buffers = 4GB\neffective_cache_size = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'low but above shared_buffers', conf: 'shared_buffers = 4GB\neffective_cache_size = 5GB\n', host: { ramBytes: 64 * GB } },
  ],
  invalid: [
    { name: 'just above the RAM', conf: 'effective_cache_size = 16385MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: "more than the host's 16GB RAM" },
    { name: 'far above the RAM', conf: 'effective_cache_size = 24GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'effective_cache_size = 24GB is more than the host\'s 16GB RAM: the planner will assume data is cached that cannot be, and favour index scans that then read from disk' },
    { name: 'just below shared_buffers', conf: 'shared_buffers = 4GB\neffective_cache_size = 4095MB\n', host: { ramBytes: 16 * GB }, lines: [2], messageIncludes: 'is below shared_buffers (4GB)' },
    { name: 'the default 4GB below a large shared_buffers, at line 0', conf: 'shared_buffers = 6GB\n', host: { ramBytes: 32 * GB }, lines: [0], messageIncludes: 'effective_cache_size = 4GB is below shared_buffers (6GB)' },
    { name: 'the default 4GB on a 2GB host', conf: '# nothing set\n', host: { ramBytes: 2 * GB }, lines: [0], messageIncludes: "more than the host's 2GB RAM" },
  ],
} satisfies RuleCases;
