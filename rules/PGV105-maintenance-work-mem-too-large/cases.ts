import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'defaults on 16GB', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'PGTune: RAM/16', conf: 'maintenance_work_mem = 1GB\n', host: { ramBytes: 16 * GB } },
    { name: 'exactly a quarter', conf: 'maintenance_work_mem = 4GB\n', host: { ramBytes: 16 * GB } },
    { name: 'the default 64MB on 256MB is a quarter', conf: '# nothing set\n', host: { ramBytes: 256 * MB } },
    { name: '8GB on 256GB', conf: 'maintenance_work_mem = 8GB\n', host: { ramBytes: 256 * GB } },
  ],
  invalid: [
    { name: 'just above a quarter', conf: 'maintenance_work_mem = 4097MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'maintenance_work_mem = 4097MB is 25% of 16GB RAM' },
    { name: 'half the RAM, autovacuum workers too', conf: 'maintenance_work_mem = 8GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'maintenance_work_mem = 8GB is 50% of 16GB RAM; each CREATE INDEX or VACUUM may use it, and so may each autovacuum worker (autovacuum_work_mem = -1' },
    { name: 'with autovacuum_work_mem set', conf: 'maintenance_work_mem = 8GB\nautovacuum_work_mem = 512MB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'each CREATE INDEX or VACUUM may use it' },
    { name: 'the default 64MB on a 255MB host, at line 0', conf: '# nothing set\n', host: { ramBytes: 255 * MB }, lines: [0] },
  ],
} satisfies RuleCases;
