import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'nothing preloaded', conf: '# defaults\n' },
    { name: 'an empty list', conf: "shared_preload_libraries = ''\n" },
    { name: 'two libraries with a comma', conf: "shared_preload_libraries = 'pg_stat_statements, auto_explain'\n" },
    { name: 'spaces around the commas', conf: "shared_preload_libraries = '  pg_stat_statements ,auto_explain  '\n" },
    { name: 'a path with a space in a directory', conf: "shared_preload_libraries = '/opt/my libs/pg_stat_statements.so'\n" },
    { name: 'a quoted path with a space', conf: "shared_preload_libraries = '\"/opt/my libs/x.so\", auto_explain'\n" },
    { name: 'a list syntax error is PGV020', conf: "shared_preload_libraries = 'pg_stat_statements,'\n" },
    { name: 'an overridden bad value', conf: "shared_preload_libraries = 'pg_stat_statements auto_explain'\nshared_preload_libraries = 'pg_stat_statements'\n" },
    { name: 'session_preload_libraries is PGV020', conf: "session_preload_libraries = 'auto_explain pg_hint_plan'\n" },
  ],
  invalid: [
    { name: 'two names without a comma', conf: "shared_preload_libraries = 'pg_stat_statements auto_explain'\n", lines: [1], messageIncludes: 'could not access file "pg_stat_statements auto_explain"' },
    { name: 'a tab between the names', conf: "shared_preload_libraries = 'pg_stat_statements\tauto_explain, timescaledb'\n", lines: [1] },
    { name: 'the later line decides', conf: "shared_preload_libraries = 'pg_stat_statements'\nshared_preload_libraries = 'pg_stat_statements auto_explain'\n", lines: [2] },
    { name: 'an empty quoted name', conf: "shared_preload_libraries = '\"\"'\n", lines: [1], messageIncludes: 'could not access file ""' },
    { name: 'an empty name among others', conf: "shared_preload_libraries = 'auto_explain, \"\"'\n", lines: [1] },
    { name: 'two bad entries, two findings', conf: "shared_preload_libraries = 'a b, c d'\n", lines: [1, 1] },
    { name: 'in an included file', conf: "include 'extra.conf'\n", files: { 'extra.conf': "\nshared_preload_libraries = 'pg_stat_statements auto_explain'\n" }, lines: [2] },
  ],
} satisfies RuleCases;
