import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'formula'>({
  meta: {
    id: 'PGV056',
    name: 'managed-formula-unit',
    description: "A managed-service formula is read in the parameter's base unit: {DBInstanceClassMemory/4} on shared_buffers (8kB pages) asks for 2048 times the memory.",
    defaultSeverity: 'error',
    messages: {
      formula: (d) => `${d.name} = ${d.value}: RDS reads the result in the unit of ${d.name} (${d.unit}), so it asks for ${d.times}× the instance's memory${d.onClass ? ` (${d.onClass})` : ''}: PostgreSQL cannot start with it`,
    },
  },
  check: () => [],
});
