import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'replaced' | 'overridden' | 'preloadReplaced' | 'preloadMissing'>({
  meta: {
    id: 'PGV051',
    name: 'platform-replaces-setting',
    description: "The platform ignores, drops, clamps or replaces this setting, or sets the parameter itself: PostgreSQL runs with another value.",
    defaultSeverity: 'warning',
    messages: {
      replaced: (d) => `${d.name} = ${d.value}: ${d.why}`,
      overridden: (d) => `${d.name} = ${d.value} (${d.section}) has no effect: ${d.why}`,
      preloadReplaced: (d) => `shared_preload_libraries replaces ${d.platform}'s default list (${d.list}): ${d.lost} will not be loaded`,
      preloadMissing: (d) => `shared_preload_libraries = '${d.value}' leaves out ${d.missing}, which ${d.platform} ${d.why}`,
    },
  },
  check: () => [],
});
