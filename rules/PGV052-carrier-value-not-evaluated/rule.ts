import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'unevaluated'>({
  meta: {
    id: 'PGV052',
    name: 'carrier-value-not-evaluated',
    description: "A template or expression pgvet cannot evaluate: render the carrier first and lint the output.",
    defaultSeverity: 'info',
    messages: {
      unevaluated: (d) => `${d.name} = ${d.raw} is not checked: ${d.why}`,
    },
  },
  check: () => [],
});
