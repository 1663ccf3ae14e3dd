import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'the defaults on 2GB', conf: '# nothing set\n', host: { ramBytes: 2 * GB, cores: 1 } },
    { name: 'a tuned 16GB oltp server', conf: 'shared_buffers = 4GB\nwork_mem = 32MB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp' } },
  ],
  invalid: [
    { name: '1000 connections with 64MB each on 16GB: the busy hour passes the RAM, and a pile-up', conf: 'shared_buffers = 4GB\nmax_connections = 1000\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp' }, lines: [3, 2], messageIds: ['busy', 'pileUp'] },
    { name: 'dw with 256MB per node and 20 connections on 16GB: the busy hour only', conf: 'shared_buffers = 4GB\nmax_connections = 20\nwork_mem = 256MB\n', host: { ramBytes: 16 * GB, cores: 8, workload: 'dw' }, lines: [3], messageIds: ['busy'] },
    { name: '300 connections with 64MB each on 16GB oltp: a pile-up only', conf: 'shared_buffers = 4GB\nmax_connections = 300\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB, cores: 4, workload: 'oltp' }, lines: [2], messageIds: ['pileUp'] },
    { name: 'dw with 256MB per node on 16GB', conf: 'shared_buffers = 12GB\nwork_mem = 256MB\n', host: { ramBytes: 16 * GB, cores: 8, workload: 'dw' }, lines: [2, 0], messageIds: ['busy', 'pileUp'] },
    { name: 'the defaults on 1GB from 15: busy hour above 80% (info) and a pile-up', conf: '# nothing set\n', host: { ramBytes: 1 * GB, cores: 1, workload: 'oltp' }, versions: [15, 16, 17, 18], lines: [0, 0], messageIds: ['pileUp', 'busy'] },
  ],
} satisfies RuleCases;
