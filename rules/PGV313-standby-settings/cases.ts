import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n', host: { replicas: 0 } },
    { name: 'replicas with a listener', conf: "listen_addresses = '10.0.0.5'\nwal_keep_size = 2GB\n", host: { replicas: 2 } },
    { name: 'delays at 5min', conf: 'max_standby_streaming_delay = 5min\nmax_standby_archive_delay = 5min\n' },
    { name: 'slot sync with feedback, 17+', conf: 'sync_replication_slots = on\nhot_standby_feedback = on\n', versions: [17, 18] },
  ],
  invalid: [
    { name: 'hot_standby off', conf: 'hot_standby = off\n', lines: [1], messageIncludes: 'accepts no connections' },
    { name: 'sender timeout 0', conf: 'wal_sender_timeout = 0\n', lines: [1] },
    { name: 'wal_keep_size 8MB', conf: 'wal_keep_size = 8MB\n', lines: [1], messageIncludes: 'wal_keep_size = 8MB' },
    { name: 'slot sync without feedback, 17+', conf: 'sync_replication_slots = on\n', versions: [17, 18], lines: [0], messageIncludes: 'hot_standby_feedback' },
    { name: 'no listener with replicas', conf: "listen_addresses = ''\n", host: { replicas: 1 }, lines: [1], messageIncludes: 'with 1 replica:' },
    { name: 'unbounded and short delays', conf: 'max_standby_streaming_delay = -1\nmax_standby_archive_delay = 5s\n', lines: [1, 2] },
  ],
} satisfies RuleCases;
