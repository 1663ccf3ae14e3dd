import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'good lists', conf: "shared_preload_libraries = 'pg_stat_statements'\nsession_preload_libraries = 'auto_explain'\nlocal_preload_libraries = 'pg_hint_plan, \"x y/z.so\"'\n" },
    { name: 'shared_preload_libraries with a space is PGV019', conf: "shared_preload_libraries = 'pg_stat_statements auto_explain'\n" },
    { name: 'an empty session list', conf: "session_preload_libraries = ''\n" },
    { name: 'a path with a space', conf: "session_preload_libraries = '/opt/my libs/auto_explain.so'\n" },
    { name: 'oauth_validator_libraries on 18', conf: "oauth_validator_libraries = 'my_validator'\n", versions: [18] },
  ],
  invalid: [
    { name: 'a trailing comma in shared_preload_libraries', conf: "shared_preload_libraries = 'pg_stat_statements,'\n", lines: [1], messageIncludes: 'invalid list syntax in parameter "shared_preload_libraries"' },
    { name: 'an unbalanced quote in session_preload_libraries', conf: "session_preload_libraries = '\"auto_explain'\n", lines: [1], messageIncludes: 'loads none of session_preload_libraries' },
    { name: 'two names without a comma in session_preload_libraries', conf: "session_preload_libraries = 'auto_explain pg_hint_plan'\n", lines: [1], messageIncludes: 'every new session will fail with could not access file "auto_explain pg_hint_plan"' },
    { name: 'an empty name in local_preload_libraries', conf: "\nlocal_preload_libraries = '\"\"'\n", lines: [2], messageIncludes: 'local_preload_libraries names ""' },
    { name: 'a double comma in oauth_validator_libraries on 18', conf: "oauth_validator_libraries = 'a,,b'\n", versions: [18], lines: [1] },
  ],
} satisfies RuleCases;
