import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'defaults on 1GB: the server default is never too much', conf: '# nothing set\n', host: { ramBytes: 1 * GB, cores: 1 } },
    { name: 'the DBA value for 16GB oltp', conf: 'work_mem = 27MB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp' } },
    { name: 'the oltp cap on 64GB', conf: 'work_mem = 64MB\n', host: { ramBytes: 64 * GB, cores: 16, workload: 'oltp' } },
    { name: 'below the cap is never exposure (PGV104 judges the high side only)', conf: 'work_mem = 1MB\n', host: { ramBytes: 64 * GB, cores: 16, workload: 'oltp' } },
  ],
  invalid: [
    { name: '512MB for 100 oltp connections on 16GB: a pile-up would not fit', conf: 'work_mem = 512MB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp' }, lines: [1], messageIncludes: 'work_mem is 512MB: the busy hour would pass 90% of the RAM, or a pile-up (every connection sorting at once) the whole RAM' },
    { name: 'a quarter of the RAM for one sort, even with one connection', conf: 'max_connections = 5\nwork_mem = 5GB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp', connections: 1 }, lines: [2], messageIncludes: 'work_mem is 5GB' },
    { name: 'above the oltp cap with room to spare: advice (no suggestion), info', conf: 'max_connections = 20\nwork_mem = 128MB\n', host: { ramBytes: 64 * GB, cores: 16, workload: 'oltp' }, lines: [2], messageIncludes: 'above 64MB as the global value for oltp' },
  ],
} satisfies RuleCases;
