import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'immediate' | 'restart'>({
  meta: {
    id: 'PGV057',
    name: 'static-parameter-applied-immediately',
    description: "A static parameter changed without a restart the platform requires: apply_method immediate is refused by the RDS API; Cloud SQL and Azure restart the server.",
    defaultSeverity: 'error',
    messages: {
      immediate: (d) => `${d.name} is a static parameter (context ${d.context}) and apply_method is ${d.method}: the RDS API refuses the change ("${d.apiMessage}")`,
      restart: (d) => `${d.name} needs a restart (context ${d.context}): ${d.what}`,
    },
  },
  check: () => [],
});
