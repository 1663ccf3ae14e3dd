import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'defaults on 16GB', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'defaults on 1GB (hash_mem_multiplier 1.0 before 15)', conf: '# nothing set\n', host: { ramBytes: 1 * GB }, versions: [13, 14] },
    { name: 'just fits: 200 × 62914kB ≤ 12GB left (hash nodes at 1 × work_mem before 15)', conf: 'shared_buffers = 4GB\nwork_mem = 62914kB\n', host: { ramBytes: 16 * GB }, versions: [13, 14] },
    { name: 'just fits from 15: 200 × 1.5 × 41943kB ≤ 12GB left', conf: 'shared_buffers = 4GB\nwork_mem = 41943kB\n', host: { ramBytes: 16 * GB }, versions: [15, 16, 17, 18] },
    { name: 'oltp counts one node per query', conf: 'shared_buffers = 4GB\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB, workload: 'oltp' } },
    { name: '--connections replaces max_connections', conf: 'max_connections = 1000\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB, connections: 50 } },
    { name: 'a quarter of RAM for one query is the limit', conf: 'work_mem = 4GB\n', host: { ramBytes: 16 * GB, connections: 1, workload: 'oltp' } },
    { name: '4GB host, work_mem 20MB, default shared_buffers 8MB (13-14): 4000MB ≤ 4088MB', conf: 'work_mem = 20MB\n', host: { ramBytes: 4 * GB }, versions: [13, 14] },
    { name: 'a million expected clients, but only max_connections (100) get in: 100 × 32MB × 1 fits', conf: 'work_mem = 32MB\n', host: { ramBytes: 16 * GB, connections: 1_000_000, workload: 'web' } },
  ],
  invalid: [
    { name: 'defaults on 1GB from 15: hash nodes may use 2 × work_mem', conf: '# nothing set\n', host: { ramBytes: 1 * GB }, versions: [15, 16, 17, 18], lines: [0], messageIncludes: 'hash_mem_multiplier 2' },
    { name: 'just over: 200 × 62915kB > 12GB left', conf: 'shared_buffers = 4GB\nwork_mem = 62915kB\n', host: { ramBytes: 16 * GB }, lines: [2] },
    { name: 'PGTune-style 64MB on 16GB with 100 connections, mixed by default', conf: 'shared_buffers = 4GB\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB }, lines: [2], messageIncludes: 'work_mem = 64MB × 100 connections (max_connections) × 2 sort/hash nodes per query (hash nodes × hash_mem_multiplier' },
    { name: 'dw counts three nodes', conf: 'shared_buffers = 4GB\nwork_mem = 64MB\n', host: { ramBytes: 16 * GB, workload: 'dw' }, lines: [2], messageIncludes: '× 3 sort/hash nodes' },
    { name: 'expected active connections', conf: 'max_connections = 700\nwork_mem = 32MB\n', host: { ramBytes: 16 * GB, connections: 600, workload: 'web' }, lines: [2], messageIncludes: '600 active connections' },
    { name: 'expected clients beyond max_connections count as max_connections', conf: 'work_mem = 128MB\n', host: { ramBytes: 16 * GB, connections: 1_000_000 }, lines: [1], messageIncludes: 'work_mem = 128MB × 100 connections (max_connections; the server admits no more of the 1000000 expected clients)' },
    { name: 'one node above a quarter of RAM', conf: 'work_mem = 4097MB\n', host: { ramBytes: 16 * GB, connections: 1, workload: 'oltp' }, lines: [1], messageIncludes: 'for a single sort or hash' },
    { name: '4GB host, work_mem 20MB, default shared_buffers 128MB (15+): 4000MB > 3968MB', conf: 'work_mem = 20MB\n', host: { ramBytes: 4 * GB }, versions: [15, 16, 17, 18], lines: [1], messageIncludes: 'more than the 3.9GB left' },
    { name: 'defaults on a 512MB host: 4MB × 100 × 2 = 800MB', conf: '# nothing set\n', host: { ramBytes: 512 * MB }, lines: [0], messageIncludes: 'work_mem = 4MB × 100 connections' },
  ],
} satisfies RuleCases;
