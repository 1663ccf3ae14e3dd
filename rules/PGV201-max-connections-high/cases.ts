import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'the default on 16 cores', conf: '# nothing set\n', host: { ramBytes: 64 * GB, cores: 16 } },
    { name: '4 per core on 64 cores', conf: 'max_connections = 256\n', host: { ramBytes: 256 * GB, cores: 64 } },
  ],
  invalid: [
    { name: 'more than 4 per core: advice, info', conf: 'max_connections = 150\n', host: { ramBytes: 64 * GB, cores: 16 }, lines: [1], messageIncludes: 'more than 4 per core' },
    { name: 'more than 10 per core: warning, still advice (tune keeps it)', conf: 'max_connections = 300\n', host: { ramBytes: 64 * GB, cores: 16 }, lines: [1], messageIncludes: 'more than 10 per core' },
    { name: 'a pile-up would not fit the RAM: moves', conf: 'max_connections = 400\n', host: { ramBytes: 1 * GB, cores: 1 }, lines: [1], messageIncludes: "max_connections is 400: more than 10 per core: idle processes cost memory and lock-table slots, busy ones thrash the CPUs; use a pooler (pgvet's guidance for this host: " },
    { name: 'a pile-up would not fit, below 10 per core', conf: 'max_connections = 150\n', host: { ramBytes: 1 * GB, cores: 16 }, lines: [1], messageIncludes: 'a pile-up (every connection sorting at once, even at work_mem = 4MB) would not fit 1GB' },
  ],
} satisfies RuleCases;
