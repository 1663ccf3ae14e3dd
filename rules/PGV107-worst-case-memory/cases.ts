import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'defaults on 16GB', conf: '# nothing set\n', host: { ramBytes: 16 * GB } },
    { name: 'a balanced 16GB server', conf: 'shared_buffers = 4GB\nwork_mem = 8MB\nmax_connections = 100\n', host: { ramBytes: 16 * GB } },
  ],
  invalid: [
    { name: 'work_mem 256MB × 200 connections on 16GB', conf: 'shared_buffers = 4GB\nwork_mem = 256MB\nmax_connections = 200\n', host: { ramBytes: 16 * GB }, lines: [2], messageIncludes: 'in the worst case this server can use' },
    { name: 'shared_buffers 12GB leaves too little for the backends on 16GB', conf: 'shared_buffers = 12GB\n', host: { ramBytes: 16 * GB }, lines: [0] },
    { name: 'a container limit', conf: 'work_mem = 64MB\n', host: { ramBytes: 2 * GB, containerLimited: true }, lines: [1], messageIncludes: 'container memory limit' },
  ],
} satisfies RuleCases;
