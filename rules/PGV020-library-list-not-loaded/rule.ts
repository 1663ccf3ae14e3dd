import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { isSet, locateSetting } from '../utils/locate.js';
import { LIBRARY_LISTS, libraryList, libraryProblem, withCommas } from '../../src/catalog/lists.js';

/**
 * Library lists the server accepts as values but will not load as written:
 * - a list syntax error (a trailing comma, an unbalanced double quote) in any library list: the
 *   server logs `invalid list syntax in parameter "…"` and loads none of them, and starts;
 * - session_preload_libraries / local_preload_libraries names no host can load (white space, ""):
 *   they are loaded by each new backend, so the server starts and then every session fails with
 *   `FATAL: could not access file "…"`.
 * shared_preload_libraries names that cannot load stop the server: PGV019.
 */
type Msg = 'syntax' | 'session';

const SESSION_LISTS = new Set(['session_preload_libraries', 'local_preload_libraries']);

export default defineRule<Msg>({
  meta: {
    id: 'PGV020',
    name: 'library-list-not-loaded',
    description: 'A library list the server will not load as written: a list syntax error loads none of it, and a bad per-session library makes every new session fail.',
    defaultSeverity: 'warning',
    parameters: [...LIBRARY_LISTS],
    messages: {
      syntax: (d) => `invalid list syntax in parameter "${d.param}": the server logs this and loads none of ${d.param}${d.param === 'shared_preload_libraries' ? ' (extensions that need preloading will not work)' : ''}`,
      session: (d) => `${d.param} names "${d.entry}", which no server can load: every new session will fail with could not access file "${d.entry}"`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    for (const param of LIBRARY_LISTS) {
      if (!isSet(ctx, param)) continue;
      const entries = libraryList(ctx.settings.str(param, ''));
      const at = { ...locateSetting(ctx, param), parameter: param };
      if (entries === null) {
        out.push({ messageId: 'syntax', data: { param }, ...at, help: 'separate the names with single commas, with no empty entries; quote a name with double quotes' });
        continue;
      }
      if (!SESSION_LISTS.has(param)) continue;
      for (const entry of entries) {
        const problem = libraryProblem(entry);
        if (problem === null) continue;
        out.push({ messageId: 'session', data: { param, entry }, ...at, ...(problem === 'space' ? { suggestion: `${param} = '${withCommas(entries)}'` } : {}), help: problem === 'space' ? 'separate the libraries with commas' : 'remove the empty entry ("")' });
      }
    }
    return out;
  },
});
