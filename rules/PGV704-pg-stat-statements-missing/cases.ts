import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the default without a described server', conf: '# nothing set\n' },
    { name: 'loaded', conf: "shared_preload_libraries = 'pg_stat_statements'\n" },
    { name: 'loaded among others, by path', conf: "shared_preload_libraries = 'auto_explain, $libdir/pg_stat_statements.so'\n" },
  ],
  invalid: [
    { name: 'the default (empty), for a described server', conf: '# nothing set\n', host: { storage: 'ssd' }, lines: [0] },
    { name: 'other libraries only', conf: "shared_preload_libraries = 'auto_explain'\n", lines: [1], messageIncludes: "= 'auto_explain' does not load" },
    // one file name with a space: the server cannot load it (PGV019), and it is not pg_stat_statements
    { name: 'two names without a comma', conf: "shared_preload_libraries = 'pg_stat_statements auto_explain'\n", lines: [1] },
  ],
} satisfies RuleCases;
