import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: '25% of RAM', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'just below 40% (6553.6MB)', conf: 'shared_buffers = 6553MB\n', host: { ramBytes: 16 * GB } },
    { name: 'defaults on 16GB', conf: '# nothing set\n', host: { ramBytes: 16 * GB } },
    { name: 'defaults on 1GB (128MB from 15 is 12.5%)', conf: '# nothing set\n', host: { ramBytes: 1 * GB } },
    { name: '64GB on 256GB', conf: 'shared_buffers = 64GB\n', host: { ramBytes: 256 * GB } },
  ],
  invalid: [
    { name: 'just above 40%', conf: 'shared_buffers = 6554MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'above 40% it rarely helps' },
    { name: 'half the RAM', conf: 'shared_buffers = 8GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'shared_buffers is 8GB, 50% of 16GB RAM; above 40% it rarely helps and leaves too little for the OS cache (25% is 4GB)' },
    { name: 'just below the RAM is still "large"', conf: 'shared_buffers = 16383MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'above 40%' },
    { name: 'exactly the RAM', conf: 'shared_buffers = 16GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'the server cannot map that much shared memory' },
    { name: 'more than the RAM', conf: 'shared_buffers = 20GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: "at least the host's 16GB of RAM" },
    { name: 'more than a container limit', conf: 'shared_buffers = 4GB\n', host: { ramBytes: 2 * GB, containerLimited: true }, lines: [1], messageIncludes: 'container memory limit' },
    { name: 'stock 128MB on a 256MB host (15+ compiled-in default)', conf: '# nothing set\n', host: { ramBytes: 256 * MB }, versions: [15, 16, 17, 18], lines: [0] },
  ],
} satisfies RuleCases;
