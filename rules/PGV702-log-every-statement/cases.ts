import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'ddl and a 1s threshold', conf: "log_statement = 'ddl'\nlog_min_duration_statement = 1s\n" },
    { name: 'mod is advice (PGV701)', conf: "log_statement = 'mod'\n" },
  ],
  invalid: [
    { name: 'log_statement all', conf: "log_statement = 'all'\n", lines: [1], messageIncludes: 'literal values' },
    { name: 'threshold 0', conf: 'log_min_duration_statement = 0\n', lines: [1], messageIncludes: 'every statement and its duration' },
  ],
} satisfies RuleCases;
