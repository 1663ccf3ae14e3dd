import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: '13 defaults without a described server', conf: '# nothing set\n', versions: [13] },
    { name: 'the defaults from 14 without a host', conf: '# nothing set\n', versions: [14, 15, 16, 17, 18] },
    { name: 'tuned for oltp', conf: 'checkpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\nmax_wal_size = 8GB\n', host: { workload: 'oltp', ramBytes: 64 * GB } },
    { name: 'a 5min timeout on a small desktop', conf: '# nothing set\n', versions: [14, 15, 16, 17, 18], host: { workload: 'desktop', ramBytes: 8 * GB } },
  ],
  invalid: [
    // 13's default completion target is 0.5 (0.9 from 14)
    { name: 'the defaults on 13, for a described server', conf: '# nothing set\n', versions: [13], host: { storage: 'ssd' }, lines: [0], messageIncludes: 'into 50% of the interval' },
    { name: 'cct 0.95', conf: 'checkpoint_completion_target = 0.95\n', lines: [1], messageIncludes: 'may not finish' },
    { name: '5min for oltp, the RAM not given (with it PGV302 says so)', conf: 'max_wal_size = 8GB\n', versions: [14, 15, 16, 17, 18], host: { workload: 'oltp' }, lines: [0], messageIncludes: 'checkpoint_timeout = 5min' },
    { name: 'checkpoint_warning 0', conf: 'checkpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\ncheckpoint_warning = 0\n', lines: [3] },
    { name: 'max_wal_size 1GB for oltp', conf: 'checkpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\n', host: { workload: 'oltp' }, lines: [0], messageIncludes: 'PGTune uses 8GB' },
  ],
} satisfies RuleCases;
