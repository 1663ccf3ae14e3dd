import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (128MB)', conf: '# nothing set\n' },
    { name: 'huge_pages on (PGV015 names the dependency)', conf: 'shared_buffers = 16GB\nhuge_pages = on\n' },
    { name: 'enough reserved', conf: 'shared_buffers = 16GB\n', host: { hugePages: 20000 } },
    { name: '64GB on 1GB pages, 14+', conf: 'shared_buffers = 64GB\nhuge_pages = on\nhuge_page_size = 1GB\n', versions: [14, 15, 16, 17, 18] },
    { name: '64GB with huge_pages off is PGV103', conf: 'shared_buffers = 64GB\nhuge_pages = off\n' },
  ],
  invalid: [
    { name: '64GB on 2MB pages, 14+: 1GB pages and the reservation', conf: 'shared_buffers = 64GB\n', versions: [14, 15, 16, 17, 18], lines: [0, 0] },
    { name: '64GB on 13 (no huge_page_size): only the reservation', conf: 'shared_buffers = 64GB\n', versions: [13], lines: [0], messageIncludes: 'reserve' },
    { name: '16GB with try', conf: 'shared_buffers = 16GB\n', lines: [0], messageIncludes: 'huge pages of 2MB (vm.nr_hugepages)' },
    { name: 'too few reserved', conf: 'shared_buffers = 8GB\n', host: { hugePages: 1000 }, lines: [0], messageIncludes: 'reserves 1000 huge pages' },
  ],
} satisfies RuleCases;
