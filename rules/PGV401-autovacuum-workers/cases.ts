import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'a cost limit for ssd', conf: 'autovacuum_vacuum_cost_limit = 1000\n', host: { cores: 4, storage: 'ssd' } },
    { name: 'a higher budget the file chose stays', conf: 'autovacuum_vacuum_cost_limit = 5000\n', host: { cores: 4, storage: 'ssd' } },
    { name: 'hdd pace', conf: 'autovacuum_vacuum_cost_limit = 400\n', host: { cores: 4, storage: 'hdd' } },
    { name: 'no storage: the cost limit is not judged', conf: '# nothing set\n', host: { cores: 4 } },
  ],
  invalid: [
    { name: 'more workers than cores', conf: 'autovacuum_max_workers = 10\nautovacuum_vacuum_cost_limit = 1000\n', host: { cores: 4, storage: 'ssd' }, lines: [1], messageIncludes: 'more autovacuum workers than the 4 cores' },
    { name: '3 workers on 16 cores', conf: 'autovacuum_max_workers = 3\nautovacuum_vacuum_cost_limit = 1000\n', host: { cores: 16, storage: 'ssd' }, lines: [1], messageIncludes: "(pgvet's guidance for this host: 5)" },
    { name: 'the stock budget on ssd', conf: '# nothing set\n', host: { cores: 4, storage: 'ssd' }, lines: [0], messageIncludes: 'the pace of spinning disks, not ssd' },
  ],
} satisfies RuleCases;
