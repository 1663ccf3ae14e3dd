import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'hdd with the 18 default concurrency 16 (judged safe for low-IOPS devices)', conf: '# nothing set\n', host: { storage: 'hdd' }, versions: [18] },
    { name: 'ssd values', conf: 'random_page_cost = 1.1\neffective_io_concurrency = 200\n', host: { storage: 'ssd' } },
    { name: 'just below 2 on ssd, the 18 default concurrency', conf: 'random_page_cost = 1.9\neffective_io_concurrency = 16\n', host: { storage: 'ssd' } },
    { name: 'san values', conf: 'random_page_cost = 1.5\neffective_io_concurrency = 300\n', host: { storage: 'san' } },
    { name: 'hdd at 2 and 4', conf: 'random_page_cost = 2\neffective_io_concurrency = 4\n', host: { storage: 'hdd' } },
    { name: 'hdd with the 13-17 defaults (4, 1)', conf: '# nothing set\n', host: { storage: 'hdd' }, versions: [13, 14, 15, 16, 17] },
    { name: 'nvme: only random_page_cost set, 18 default concurrency 16', conf: 'random_page_cost = 1.1\n', host: { storage: 'nvme' }, versions: [18] },
  ],
  invalid: [
    { name: 'ssd with the defaults, 13-17: both', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4, storage: 'ssd' }, versions: [13, 14, 15, 16, 17], lines: [0, 0] },
    { name: 'ssd with the defaults, 18: random_page_cost only', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4, storage: 'ssd' }, versions: [18], lines: [0], messageIncludes: 'random_page_cost = 4 models spinning disks; on ssd' },
    { name: 'random_page_cost 2 on ssd', conf: 'random_page_cost = 2\neffective_io_concurrency = 200\n', host: { storage: 'ssd' }, lines: [1], messageIncludes: 'random_page_cost = 2 models spinning disks' },
    { name: 'effective_io_concurrency 15 on nvme', conf: 'random_page_cost = 1.1\neffective_io_concurrency = 15\n', host: { storage: 'nvme' }, lines: [2], messageIncludes: 'effective_io_concurrency = 15 on nvme: the device can serve many concurrent reads (1000 is usual)' },
    { name: 'nvme: only random_page_cost set, 13-17 default concurrency 1', conf: 'random_page_cost = 1.1\n', host: { storage: 'nvme' }, versions: [13, 14, 15, 16, 17], lines: [0], messageIncludes: 'effective_io_concurrency = 1 on nvme' },
    { name: 'hdd just below 2', conf: 'random_page_cost = 1.9\n', host: { storage: 'hdd' }, versions: [13, 14, 15, 16, 17], lines: [1], messageIncludes: 'on hdd makes random reads look nearly as cheap' },
    { name: 'hdd with concurrency 32', conf: 'effective_io_concurrency = 32\n', host: { storage: 'hdd' }, lines: [1], messageIncludes: 'a single disk serves about 2 reads at once' },
  ],
} satisfies RuleCases;
