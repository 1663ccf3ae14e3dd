import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'exactly a quarter: 4 × 1GB on 16GB', conf: 'autovacuum_max_workers = 4\nautovacuum_work_mem = 1GB\n', host: { ramBytes: 16 * GB } },
    { name: 'autovacuum_work_mem set apart from a large maintenance_work_mem', conf: 'maintenance_work_mem = 8GB\nautovacuum_work_mem = 512MB\n', host: { ramBytes: 16 * GB } },
    { name: '13-16: 2GB maintenance_work_mem is capped at 1GB per worker (3GB)', conf: 'maintenance_work_mem = 2GB\n', host: { ramBytes: 16 * GB }, versions: [13, 14, 15, 16] },
    { name: '13-16: 4 × 1025MB counts as 4 × 1GB', conf: 'autovacuum_max_workers = 4\nautovacuum_work_mem = 1025MB\n', host: { ramBytes: 16 * GB }, versions: [13, 14, 15, 16] },
    { name: '18: 4 slots cap 5 workers at 4GB', conf: 'autovacuum_max_workers = 5\nautovacuum_worker_slots = 4\nautovacuum_work_mem = 1GB\n', host: { ramBytes: 16 * GB }, versions: [18] },
  ],
  invalid: [
    { name: '17+: 3 × 2GB of maintenance_work_mem', conf: 'maintenance_work_mem = 2GB\n', host: { ramBytes: 16 * GB }, versions: [17, 18], lines: [1], messageIncludes: '3 autovacuum workers × 2GB (maintenance_work_mem, as autovacuum_work_mem = -1) = 6GB, 38% of 16GB RAM if they all run at once' },
    { name: '17+: 4 × 1025MB is just over a quarter', conf: 'autovacuum_max_workers = 4\nautovacuum_work_mem = 1025MB\n', host: { ramBytes: 16 * GB }, versions: [17, 18], lines: [2], messageIncludes: '(autovacuum_work_mem)' },
    { name: '13-17: 5 × 1GB (autovacuum_worker_slots does not exist before 18)', conf: 'autovacuum_max_workers = 5\nautovacuum_worker_slots = 4\nautovacuum_work_mem = 1GB\n', host: { ramBytes: 16 * GB }, versions: [13, 14, 15, 16, 17], lines: [3], messageIncludes: '5 autovacuum workers × 1GB' },
    { name: 'timescaledb-tune: 10 workers × 2047MB, every version', conf: 'maintenance_work_mem = 2047MB\nautovacuum_max_workers = 10\n', host: { ramBytes: 16 * GB }, lines: [1] },
    { name: 'defaults on a 512MB host: 3 × 64MB', conf: '# nothing set\n', host: { ramBytes: 512 * MB }, lines: [0], messageIncludes: '3 autovacuum workers × 64MB' },
  ],
} satisfies RuleCases;
