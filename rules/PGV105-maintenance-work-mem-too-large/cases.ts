import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'RAM/16', conf: 'maintenance_work_mem = 1GB\n', host: { ramBytes: 16 * GB } },
    { name: 'the default on a small host', conf: '# nothing set\n', host: { ramBytes: 2 * GB } },
    { name: 'exactly a quarter of the RAM', conf: 'maintenance_work_mem = 4GB\n', host: { ramBytes: 16 * GB } },
  ],
  invalid: [
    { name: 'half the RAM', conf: 'maintenance_work_mem = 8GB\n', host: { ramBytes: 16 * GB }, lines: [1], messageIncludes: 'maintenance_work_mem is 8GB: above 25% of the RAM' },
    { name: 'the default 64MB on 64GB: small', conf: '# nothing set\n', host: { ramBytes: 64 * GB }, lines: [0], messageIncludes: "small for 64GB of RAM: index builds and vacuums of big tables take several passes (pgvet's guidance for this host: 2GB)" },
    { name: '4GB cap from 128GB', conf: 'maintenance_work_mem = 512MB\n', host: { ramBytes: 256 * GB }, lines: [1], messageIncludes: 'this host: 4GB' },
  ],
} satisfies RuleCases;
