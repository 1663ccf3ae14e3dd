import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'flash values on ssd', conf: 'random_page_cost = 1.1\neffective_io_concurrency = 200\nmaintenance_io_concurrency = 200\n', host: { storage: 'ssd' } },
    { name: 'hdd defaults on 18', conf: '# nothing set\n', host: { storage: 'hdd' }, versions: [18] },
  ],
  invalid: [
    { name: 'random_page_cost 4 on ssd: warning', conf: 'random_page_cost = 4\neffective_io_concurrency = 200\nmaintenance_io_concurrency = 200\n', host: { storage: 'ssd' }, lines: [1], messageIncludes: 'random_page_cost is 4: ssd: random reads cost about as much as sequential ones' },
    { name: 'flash costs on hdd', conf: 'random_page_cost = 1.1\n', host: { storage: 'hdd' }, lines: [1], messageIncludes: 'random reads on spinning disks' },
    { name: 'hdd prefetch below 18\'s default', conf: 'effective_io_concurrency = 2\n', host: { storage: 'hdd' }, versions: [18], lines: [1], messageIncludes: "below 18's default of 16" },
  ],
} satisfies RuleCases;
