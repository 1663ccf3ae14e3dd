import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'room for 32 parallel workers', conf: 'max_parallel_workers = 32\nmax_worker_processes = 33\n', host: { cores: 32 } },
  ],
  invalid: [
    { name: 'TimescaleDB needs its workers', conf: "shared_preload_libraries = 'timescaledb'\n", lines: [0], messageIncludes: 'extensions need' },
    { name: '32 parallel workers in 8 worker slots', conf: 'max_parallel_workers = 32\n', host: { cores: 32 }, lines: [0], messageIncludes: 'fewer than the 32 parallel workers' },
  ],
} satisfies RuleCases;
