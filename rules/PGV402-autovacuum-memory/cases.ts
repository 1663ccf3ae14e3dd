import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'RAM/32', conf: 'autovacuum_work_mem = 512MB\n', host: { ramBytes: 16 * GB } },
    { name: 'the defaults on 1GB (rarely filled on small tables)', conf: '# nothing set\n', host: { ramBytes: 1 * GB } },
    { name: 'before 17 a worker uses at most 1GB', conf: 'autovacuum_work_mem = 2GB\n', host: { ramBytes: 16 * GB }, versions: [13, 14, 15, 16] },
  ],
  invalid: [
    { name: 'below 64MB', conf: 'autovacuum_work_mem = 32MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'below 64MB a vacuum of a big table scans its indexes several times' },
    { name: 'from 17, 3 × 2GB is more than a quarter of 16GB', conf: 'autovacuum_work_mem = 2GB\n', host: { ramBytes: 16 * GB }, versions: [17, 18], lines: [1], messageIncludes: 'can take more than 25% of the RAM' },
  ],
} satisfies RuleCases;
