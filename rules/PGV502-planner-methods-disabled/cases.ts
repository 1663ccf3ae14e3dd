import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'partitionwise switches off (their default) and on', conf: 'enable_partitionwise_join = off\nenable_partitionwise_aggregate = on\n' },
    { name: 'switches explicitly on', conf: 'enable_seqscan = on\nenable_nestloop = on\n' },
    { name: 'enable_memoize off on 13, where it does not exist (PGV002 reports the name)', conf: 'enable_memoize = off\n', versions: [13] },
  ],
  invalid: [
    { name: 'seqscan and nestloop off', conf: 'enable_seqscan = off\nenable_nestloop = off\n', lines: [1, 2], messageIncludes: 'server-wide' },
    { name: 'enable_memoize off from 14', conf: 'enable_memoize = off\n', versions: [14, 15, 16, 17, 18], lines: [1] },
    { name: 'enable_presorted_aggregate off from 16', conf: 'enable_presorted_aggregate = off\n', versions: [16, 17, 18], lines: [1] },
    { name: 'enable_group_by_reordering off on 17+', conf: 'enable_group_by_reordering = off\n', versions: [17, 18], lines: [1] },
  ],
} satisfies RuleCases;
