import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

type Msg = 'leaderOff';

/**
 * pg_gather's parallel_leader_participation for OLTP. The pool sizes for the host (PGTune's
 * maintenance cap, docs/reference/dba-review.md#big-hosts-left-at-the-defaults item 5) are the guidance policy's, judged by PGV204.
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV209',
    name: 'parallel-settings-for-host',
    description: 'Parallel leader participation turned off for an OLTP or web workload.',
    defaultSeverity: 'info',
    parameters: ['parallel_leader_participation'],
    messages: {
      leaderOff: (d) => `parallel_leader_participation = off for workload ${d.workload}: short parallel queries wait for workers to start instead of the leader doing its share`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    // silent without cores (not in the summary's host note, which names the core sizing rules)
    const cores = ctx.host.cores;
    if (cores === undefined) return out;
    const workload = ctx.host.workload;
    if ((workload === 'oltp' || workload === 'web') && !ctx.settings.bool('parallel_leader_participation')) out.push({ messageId: 'leaderOff', data: { workload }, ...at(ctx, 'parallel_leader_participation'), suggestion: 'parallel_leader_participation = on' });
    return out;
  },
});
