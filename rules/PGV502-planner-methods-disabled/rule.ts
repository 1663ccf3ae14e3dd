import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * enable_* planner switches off for every query (postgresqltuner "Some plan features are disabled",
 * BAD; check_pgactivity check_configuration, CRITICAL). The list is the catalog's: every enable_*
 * parameter of the version whose default is on, so enable_partitionwise_join/aggregate (off by
 * default, the exceptions check_pgactivity makes) are never reported and new switches are.
 */
export default defineRule<'disabled'>({
  meta: {
    id: 'PGV502',
    name: 'planner-methods-disabled',
    description: 'A planner method (enable_seqscan, enable_nestloop …) is turned off for every query of the server.',
    defaultSeverity: 'warning',
    // the enable_* switches whose default is on in 13–18 catalogs (check() reads the catalog's own list)
    parameters: [
      'enable_async_append', 'enable_bitmapscan', 'enable_distinct_reordering', 'enable_gathermerge', 'enable_group_by_reordering',
      'enable_hashagg', 'enable_hashjoin', 'enable_incremental_sort', 'enable_indexonlyscan', 'enable_indexscan', 'enable_material',
      'enable_memoize', 'enable_mergejoin', 'enable_nestloop', 'enable_parallel_append', 'enable_parallel_hash', 'enable_partition_pruning',
      'enable_presorted_aggregate', 'enable_self_join_elimination', 'enable_seqscan', 'enable_sort', 'enable_tidscan',
    ],
    messages: {
      disabled: (d) => `${d.param} = off server-wide: the planner avoids this plan type for every query, even where it is the only good plan; these switches are for testing one query`,
    },
  },
  check(ctx) {
    const out: RuleFinding<'disabled'>[] = [];
    for (const s of ctx.resolution.settings.values()) {
      const name = s.param.name;
      if (!name.startsWith('enable_') || s.param.type !== 'bool' || s.param.default !== 'on' || s.value !== false || !s.source) continue;
      out.push({ messageId: 'disabled', data: { param: name }, ...at(ctx, name), suggestion: `${name} = on`, help: 'fix the query or its statistics; to test, SET it in one session or ALTER ROLE … SET for one job' });
    }
    return out;
  },
});
