import { parseSyncrep } from '../../src/catalog/checks.js';
import { defineRule } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/** pg_gather paramDespatch.synchronous_commit / synchronous_standby_names: "globally synchronous mode … can cause session hangs". */
export default defineRule<'stall' | 'forever'>({
  meta: {
    id: 'PGV312',
    name: 'synchronous-standby-stall',
    description: 'Synchronous replication server-wide: every commit waits for standbys, and writes stop when they are down.',
    defaultSeverity: 'warning',
    parameters: ['synchronous_standby_names', 'synchronous_commit'],
    messages: {
      stall: (d) => `synchronous_standby_names = '${d.names}' with synchronous_commit = ${d.commit}: every commit waits for ${d.required} standby${d.required === 1 ? '' : 's'}${d.replicas}, so when ${d.required === 1 ? 'it is' : 'they are'} down or slow all writes stop`,
      forever: (d) => `synchronous_standby_names = '${d.names}' requires ${d.required} synchronous standbys but the server feeds ${d.replicasCount}: every commit waits forever`,
    },
  },
  check(ctx) {
    const raw = ctx.settings.str('synchronous_standby_names');
    // the server's own grammar (syncrep_gram.y): how many standbys each commit waits for; a value
    // it cannot parse is refused by PGV004 and judged no further here
    const required = raw.trim() === '' ? null : parseSyncrep(raw);
    const commit = ctx.settings.str('synchronous_commit');
    if (required === null || commit === 'off' || commit === 'local') return [];
    const sync = { required };
    const replicas = ctx.host.replicas;
    const where = at(ctx, 'synchronous_standby_names');
    const help = 'set synchronous_commit = local server-wide and SET synchronous_commit = on in the transactions that need it, or list more standbys than required (ANY 1 (s1, s2))';
    if (replicas !== undefined && sync.required > replicas) return [{ messageId: 'forever', data: { names: raw, required: sync.required, replicasCount: replicas }, ...where, help }];
    // with more replicas than required, one can fail: not reported
    if (replicas !== undefined && replicas > sync.required) return [];
    return [{ messageId: 'stall', data: { names: raw, commit, required: sync.required, replicas: replicas !== undefined ? ` (of ${replicas} replica${replicas === 1 ? '' : 's'})` : '' }, ...where, help }];
  },
});
