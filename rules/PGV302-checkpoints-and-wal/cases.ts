import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export default {
  valid: [
    { name: 'the policy\'s values on 64GB', conf: 'shared_buffers = 16GB\nmax_wal_size = 16GB\ncheckpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\n', host: { ramBytes: 64 * GB } },
    { name: 'more WAL and longer intervals the file chose stay', conf: 'shared_buffers = 16GB\nmax_wal_size = 64GB\nmin_wal_size = 8GB\ncheckpoint_timeout = 30min\ncheckpoint_completion_target = 0.9\n', host: { ramBytes: 64 * GB } },
  ],
  invalid: [
    { name: 'the stock 1GB with 16GB of shared_buffers: warning', conf: 'shared_buffers = 16GB\nmax_wal_size = 1GB\ncheckpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\n', host: { ramBytes: 64 * GB }, lines: [2], messageIncludes: 'WAL-triggered checkpoints already above' },
    { name: '5-minute checkpoints on 64GB', conf: 'shared_buffers = 16GB\nmax_wal_size = 16GB\ncheckpoint_timeout = 5min\ncheckpoint_completion_target = 0.9\n', host: { ramBytes: 64 * GB }, lines: [3], messageIncludes: 'checkpoint_timeout is 5min' },
    { name: 'min_wal_size at max_wal_size', conf: 'shared_buffers = 16GB\nmax_wal_size = 16GB\nmin_wal_size = 16GB\ncheckpoint_timeout = 15min\ncheckpoint_completion_target = 0.9\n', host: { ramBytes: 64 * GB }, lines: [3], messageIncludes: 'at or above max_wal_size' },
    { name: 'completion target 0.5 (the default in 13)', conf: 'shared_buffers = 16GB\nmax_wal_size = 16GB\ncheckpoint_timeout = 15min\n', host: { ramBytes: 64 * GB }, versions: [13], lines: [0], messageIncludes: 'checkpoint_completion_target is 0.5' },
  ],
} satisfies RuleCases;
