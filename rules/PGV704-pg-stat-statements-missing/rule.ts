import { defineRule } from '../../src/engine/types.js';
import { preloadedModules } from '../../src/catalog/lists.js';
import { at, judged } from '../utils/values.js';

/** postgresqltuner "Extension pg_stat_statements is disabled"; docs/reference/dba-review.md#m8. */
export default defineRule<'missing'>({
  meta: {
    id: 'PGV704',
    name: 'pg-stat-statements-missing',
    description: 'shared_preload_libraries does not load pg_stat_statements: no per-query statistics.',
    defaultSeverity: 'info',
    parameters: ['shared_preload_libraries'],
    messages: {
      missing: (d) => `shared_preload_libraries = '${d.value}' does not load pg_stat_statements: there are no per-query statistics (calls, time, I/O) to find what to tune, and loading it later needs a restart`,
    },
  },
  check(ctx) {
    const raw = ctx.settings.str('shared_preload_libraries');
    const modules = preloadedModules(raw);
    if (modules.includes('pg_stat_statements') || !judged(ctx, 'shared_preload_libraries')) return [];
    const list = [...modules.filter((m) => m !== ''), 'pg_stat_statements'].join(',');
    return [{ messageId: 'missing', data: { value: raw }, ...at(ctx, 'shared_preload_libraries'), suggestion: `shared_preload_libraries = '${list}'`, help: 'then CREATE EXTENSION pg_stat_statements in the databases you query it from' }];
  },
});
