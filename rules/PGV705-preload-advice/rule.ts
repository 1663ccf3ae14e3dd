import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { preloadedModules } from '../../src/catalog/lists.js';
import { at } from '../utils/values.js';

type Msg = 'manyLibraries' | 'notLoaded';

/**
 * Extensions whose settings only act when the library is loaded at server start (their docs), so a
 * `prefix.setting` line without the library in shared_preload_libraries is dead (timescaledb-tune
 * errSharedLibNeeded). auto_explain may also come from session_preload_libraries.
 */
const NEEDS_PRELOAD = ['timescaledb', 'pg_stat_statements', 'pg_cron', 'citus', 'pglogical', 'pgaudit', 'pg_partman_bgw', 'auto_explain'] as const;

export default defineRule<Msg>({
  meta: {
    id: 'PGV705',
    name: 'preload-advice',
    description: 'Extension settings without their library preloaded (they do nothing), or many preloaded libraries.',
    defaultSeverity: 'info',
    parameters: ['shared_preload_libraries', 'session_preload_libraries'],
    messages: {
      notLoaded: (d) => `${d.setting} is set but ${d.library} is not in shared_preload_libraries: the setting is kept as a placeholder and does nothing`,
      manyLibraries: (d) => `shared_preload_libraries loads ${d.count} libraries (${d.list}): each runs code in every backend and at every start, and a failing one stops the server; keep the list to what is used (pg_gather: more than 2 deserves a review)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const preloaded = new Set(preloadedModules(ctx.settings.str('shared_preload_libraries')));
    const session = new Set(preloadedModules(ctx.settings.str('session_preload_libraries')));
    const seen = new Set<string>();
    for (const [name, p] of ctx.resolution.placeholders) {
      const prefix = name.slice(0, name.indexOf('.'));
      const library = NEEDS_PRELOAD.find((l) => l === prefix);
      if (!library || preloaded.has(library) || (library === 'auto_explain' && session.has(library)) || seen.has(library)) continue;
      seen.add(library);
      out.push({ messageId: 'notLoaded', data: { setting: name, library }, file: p.item.file, line: p.item.entry.line, column: p.item.entry.column, parameter: name, suggestion: `shared_preload_libraries = '${[...preloaded, library].join(',')}'` });
    }
    if (preloaded.size > CHECKS.preloadCountCeiling) out.push({ messageId: 'manyLibraries', data: { count: preloaded.size, list: [...preloaded].join(', ') }, ...at(ctx, 'shared_preload_libraries') });
    return out;
  },
});
