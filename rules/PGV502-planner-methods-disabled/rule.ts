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
    parameters: ['enable_*'],
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
