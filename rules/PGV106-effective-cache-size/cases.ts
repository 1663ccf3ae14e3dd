import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: '75% of the RAM', conf: 'effective_cache_size = 12GB\n', host: { ramBytes: 16 * GB } },
    { name: 'half the RAM', conf: 'effective_cache_size = 8GB\n', host: { ramBytes: 16 * GB } },
    { name: 'the default 4GB on 8GB', conf: '# nothing set\n', host: { ramBytes: 8 * GB } },
  ],
  invalid: [
    { name: 'more than the RAM', conf: 'effective_cache_size = 20GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'effective_cache_size is 20GB: more than the RAM' },
    { name: 'the default 4GB on 2GB', conf: '# nothing set\n', host: { ramBytes: 2 * GB }, lines: [0], messageIncludes: "(pgvet's guidance for this host: 1536MB)" },
    { name: 'the default 4GB on 64GB: the planner assumes almost nothing is cached', conf: '# nothing set\n', host: { ramBytes: 64 * GB }, lines: [0], messageIncludes: 'below a quarter of the RAM' },
    { name: 'a third of the RAM: info', conf: 'effective_cache_size = 20GB\n', host: { ramBytes: 64 * GB }, lines: [1], messageIncludes: 'below half the RAM' },
  ],
} satisfies RuleCases;
