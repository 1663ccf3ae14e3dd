import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults, no host', conf: '# nothing set\n' },
    { name: 'oltp with jit off and lz4, 14+', conf: 'jit = off\ndefault_toast_compression = lz4\n', versions: [14, 15, 16, 17], host: { workload: 'oltp' } },
    { name: 'flash with matching I/O concurrency', conf: 'effective_io_concurrency = 200\nmaintenance_io_concurrency = 200\n', host: { storage: 'nvme' } },
    { name: 'io_uring without io_workers, 18', conf: 'io_method = io_uring\n', versions: [18], host: { cores: 64 } },
    { name: 'a default cost written out', conf: 'cpu_tuple_cost = 0.01\nseq_page_cost = 1\n' },
  ],
  invalid: [
    { name: 'seq_page_cost 2', conf: 'seq_page_cost = 2\n', lines: [1] },
    { name: 'cpu_tuple_cost 0.05', conf: 'cpu_tuple_cost = 0.05\n', lines: [1], messageIncludes: '(default 0.01)' },
    { name: 'jit for web on 13 (no toast setting)', conf: '# nothing set\n', versions: [13], host: { workload: 'web' }, lines: [0], messageIncludes: 'jit = on for workload web' },
    { name: 'jit for oltp, 14+ (pglz is for the policy: tune keeps it without a declared lz4 build)', conf: '# nothing set\n', versions: [14, 15, 16, 17, 18], host: { workload: 'oltp' }, lines: [0] },
    { name: 'dw statistics target', conf: 'default_toast_compression = lz4\n', versions: [14, 15, 16, 17, 18], host: { workload: 'dw' }, lines: [0], messageIncludes: 'PGTune uses 500' },
    { name: 'synchronize_seqscans off', conf: 'synchronize_seqscans = off\n', lines: [1] },
    { name: 'maintenance I/O below queries on ssd', conf: 'effective_io_concurrency = 200\n', host: { storage: 'ssd' }, lines: [0], messageIncludes: 'maintenance_io_concurrency = ' },
    { name: 'io_workers with io_uring, 18', conf: 'io_method = io_uring\nio_workers = 8\n', versions: [18], lines: [2], messageIncludes: 'has no effect' },
    { name: 'three io_workers on 64 cores, 18', conf: '# nothing set\n', versions: [18], host: { cores: 64 }, lines: [0], messageIncludes: 'PGTune uses 16' },
    { name: 'io_combine_limit above the max, 18', conf: 'io_max_combine_limit = 128kB\nio_combine_limit = 256kB\n', versions: [18], lines: [2], messageIncludes: 'silently uses 128kB' },
  ],
} satisfies RuleCases;
