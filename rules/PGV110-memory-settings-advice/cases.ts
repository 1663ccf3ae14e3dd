import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the defaults on 4GB', conf: '# nothing set\n', host: { ramBytes: 4 * GB } },
    { name: 'sized for 64GB', conf: 'work_mem = 32MB\nmaintenance_work_mem = 2GB\n', host: { ramBytes: 64 * GB } },
    { name: '64kB query texts', conf: 'track_activity_query_size = 64kB\nmaintenance_work_mem = 1GB\n', host: { ramBytes: 64 * GB } },
  ],
  invalid: [
    { name: 'work_mem 1MB', conf: 'work_mem = 1MB\n', host: { ramBytes: 4 * GB }, lines: [1], messageIncludes: 'below 4MB' },
    { name: 'work_mem 256MB', conf: 'work_mem = 256MB\n', host: { ramBytes: 4 * GB }, lines: [1], messageIncludes: 'above 96MB' },
    { name: 'query texts of 1MB × 1000 connections on 16GB', conf: 'max_connections = 1000\ntrack_activity_query_size = 1MB\n', host: { ramBytes: 16 * GB }, lines: [2] },
  ],
} satisfies RuleCases;
