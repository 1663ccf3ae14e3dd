import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'rejected'>({
  meta: {
    id: 'PGV050',
    name: 'platform-refuses-setting',
    description: "The platform (an operator webhook, a CEL rule, the CRD schema, a cloud API) refuses this setting: the change never reaches PostgreSQL.",
    defaultSeverity: 'error',
    messages: {
      rejected: (d) => `${d.name} = ${d.value}: ${d.why}`,
    },
  },
  check: () => [],
});
