import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/** Logging every statement server-wide (postgresqltuner: log_statement = all; log_min_duration_statement = 0 does the same). */
export default defineRule<'all' | 'zero'>({
  meta: {
    id: 'PGV702',
    name: 'log-every-statement',
    description: "log_statement = 'all' or log_min_duration_statement = 0: every statement goes to the log.",
    defaultSeverity: 'warning',
    parameters: ['log_statement', 'log_min_duration_statement'],
    messages: {
      all: () => "log_statement = 'all': every statement is written to the log with its literal values: log volume grows with the load, the logger can slow the server, and passwords in ALTER ROLE end up in the log",
      zero: () => 'log_min_duration_statement = 0: every statement and its duration is written to the log, which on a busy server can write more than the data itself',
    },
  },
  check(ctx) {
    const out: RuleFinding<'all' | 'zero'>[] = [];
    if (ctx.settings.str('log_statement') === 'all') out.push({ messageId: 'all', data: {}, ...at(ctx, 'log_statement'), suggestion: "log_statement = 'ddl'", help: 'to trace one application, ALTER ROLE … SET log_statement = all for its role only' });
    if (ctx.settings.ms('log_min_duration_statement') === 0) out.push({ messageId: 'zero', data: {}, ...at(ctx, 'log_min_duration_statement'), suggestion: 'log_min_duration_statement = 1s', help: 'for a sample of statements use log_min_duration_sample and log_statement_sample_rate (13+)' });
    return out;
  },
});
