import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { isSet, locateSetting } from '../utils/locate.js';
import { libraryList, libraryProblem, withCommas } from '../../src/catalog/lists.js';

/**
 * The postmaster loads shared_preload_libraries at start (miscinit.c load_libraries, with
 * SplitDirectoriesString on ','). A name no host can have stops it: `FATAL: could not access
 * file "pg_stat_statements auto_explain": No such file or directory` (verified 13–18). The GUC
 * itself has no check hook, so `postgres -C` and a reload accept the value.
 */
type Msg = 'space' | 'empty';

export default defineRule<Msg>({
  meta: {
    id: 'PGV019',
    name: 'preload-library-unloadable',
    description: 'shared_preload_libraries names a library no server can load (two names without a comma, an empty name): the server refuses to start.',
    defaultSeverity: 'error',
    parameters: ['shared_preload_libraries'],
    messages: {
      space: (d) => `could not access file "${d.entry}": shared_preload_libraries is a comma-separated list, and "${d.entry}" is one library name with spaces in it; the server refuses to start`,
      empty: () => 'could not access file "": shared_preload_libraries names an empty library ("") and the server refuses to start',
    },
  },
  check(ctx) {
    if (!isSet(ctx, 'shared_preload_libraries')) return [];
    const raw = ctx.settings.str('shared_preload_libraries', '');
    const entries = libraryList(raw);
    if (entries === null) return []; // a list syntax error loads nothing: PGV020
    const out: RuleFinding<Msg>[] = [];
    const at = { ...locateSetting(ctx, 'shared_preload_libraries'), parameter: 'shared_preload_libraries' };
    // the server stops at the first name it cannot load; every such name is worth fixing
    for (const entry of entries) {
      const problem = libraryProblem(entry);
      if (problem === 'space') out.push({ messageId: 'space', data: { entry }, ...at, suggestion: `shared_preload_libraries = '${withCommas(entries)}'`, help: 'separate the libraries with commas' });
      else if (problem === 'empty') out.push({ messageId: 'empty', data: {}, ...at, help: 'remove the empty entry ("")' });
    }
    return out;
  },
});
