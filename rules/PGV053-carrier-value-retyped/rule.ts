import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'retyped'>({
  meta: {
    id: 'PGV053',
    name: 'carrier-value-retyped',
    description: "The carrier retypes this value on its way to PostgreSQL (YAML 1.1 booleans and nulls, octal and float numbers).",
    defaultSeverity: 'warning',
    messages: {
      retyped: (d) => `${d.name}: ${d.raw} is a YAML ${d.type}, so ${d.platform} passes on "${d.text}" (${d.note}); quote it to pass on what is written`,
    },
  },
  check: () => [],
});
