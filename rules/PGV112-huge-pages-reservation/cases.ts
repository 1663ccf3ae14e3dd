import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults (128MB)', conf: '# nothing set\n' },
    { name: 'huge_pages on (PGV015 names the dependency)', conf: 'shared_buffers = 16GB\nhuge_pages = on\n' },
    { name: 'enough reserved', conf: 'shared_buffers = 16GB\n', host: { hugePages: 20000 } },
  ],
  invalid: [
    { name: '16GB with try', conf: 'shared_buffers = 16GB\n', lines: [0], messageIncludes: 'huge pages of 2MB (vm.nr_hugepages)' },
    { name: 'too few reserved', conf: 'shared_buffers = 8GB\n', host: { hugePages: 1000 }, lines: [0], messageIncludes: 'reserves 1000 huge pages' },
  ],
} satisfies RuleCases;
