import { defineRule, type RuleContext, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatMs } from '../../src/format.js';
import { at, described, judged } from '../utils/values.js';

type Msg = 'baseline' | 'noSlowQueries' | 'slowQueriesLow' | 'logStatementMod' | 'hostname' | 'truncate' | 'prefix';

/** log_connections on 13–17 is a boolean; on 18 a list of aspects ('' = off, 'on'/'all' …). */
function connectionsLogged(ctx: RuleContext): boolean {
  const v = ctx.settings.get('log_connections');
  if (typeof v === 'boolean') return v;
  return String(v ?? '').trim() !== '' && !/^(off|false|no|0)$/i.test(String(v).trim());
}

/**
 * The logging a DBA needs to verify any tuning (docs/reference/dba-review.md#m6; pgconfig log_config.go's pgbadger
 * set; postgresqltuner Logs section; pg_gather paramDespatch.log_*). The missing switches are one
 * grouped finding; the settings that log too much or badly are their own.
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV701',
    name: 'logging-baseline',
    description: 'The server logs too little to diagnose (checkpoints, autovacuum, lock waits, temp files, connections, slow queries), or logs in a way that hurts.',
    defaultSeverity: 'info',
    parameters: ['log_checkpoints', 'log_autovacuum_min_duration', 'log_lock_waits', 'log_temp_files', 'log_connections', 'log_disconnections', 'logging_collector', 'log_min_duration_statement', 'log_statement', 'log_hostname', 'log_truncate_on_rotation', 'log_line_prefix'],
    messages: {
      baseline: (d) => `not logged: ${d.missing}; without these logs checkpoints, autovacuum, lock waits, temporary files and connections cannot be diagnosed after the fact`,
      noSlowQueries: () => 'log_min_duration_statement = -1: slow queries are never logged (set a threshold, or use auto_explain / pg_stat_statements)',
      slowQueriesLow: (d) => `log_min_duration_statement = ${d.value}: every statement slower than that is logged, which on a busy server is a large share of all statements (postgresqltuner: storage-intensive below 1s)`,
      logStatementMod: () => "log_statement = 'mod': every data-changing statement is logged with its literal values (volume, and secrets in the log)",
      hostname: () => 'log_hostname = on: every connection waits for a reverse DNS lookup, and a slow DNS slows every login',
      truncate: (d) => `log_truncate_on_rotation = off with log_filename = '${d.filename}': when the name repeats (daily or weekly names), the old file is appended to instead of replaced and logs grow without end`,
      prefix: (d) => `log_line_prefix = '${d.prefix}' does not name the ${d.missing}: log lines cannot be traced to who ran them (pgbadger needs them too)`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const missing: string[] = [];
    if (!ctx.settings.bool('log_checkpoints')) missing.push('checkpoints (log_checkpoints = on)');
    if (ctx.settings.ms('log_autovacuum_min_duration') === -1) missing.push('autovacuum runs (log_autovacuum_min_duration = 10min or lower)');
    if (!ctx.settings.bool('log_lock_waits')) missing.push('lock waits (log_lock_waits = on)');
    if (ctx.settings.bytes('log_temp_files') === -1) missing.push('temporary files (log_temp_files = 0)');
    if (!connectionsLogged(ctx) || !ctx.settings.bool('log_disconnections')) missing.push('connections (log_connections and log_disconnections = on)');
    if (missing.length > 0 && described(ctx)) out.push({ messageId: 'baseline', data: { missing: missing.join(', ') }, file: ctx.config.main, line: 0, column: 0 });

    const slow = ctx.settings.ms('log_min_duration_statement');
    if (slow === -1 && judged(ctx, 'log_min_duration_statement')) out.push({ messageId: 'noSlowQueries', data: {}, ...at(ctx, 'log_min_duration_statement'), suggestion: `log_min_duration_statement = ${CHECKS.slowQuerySuggestion}` });
    else if (slow > 0 && slow < CHECKS.slowQueryFloorMs) out.push({ messageId: 'slowQueriesLow', data: { value: formatMs(slow) }, ...at(ctx, 'log_min_duration_statement'), suggestion: `log_min_duration_statement = ${CHECKS.slowQuerySuggestion}` });
    if (ctx.settings.str('log_statement') === 'mod') out.push({ messageId: 'logStatementMod', data: {}, ...at(ctx, 'log_statement'), suggestion: "log_statement = 'ddl'" });
    if (ctx.settings.bool('log_hostname')) out.push({ messageId: 'hostname', data: {}, ...at(ctx, 'log_hostname'), suggestion: 'log_hostname = off' });
    const filename = ctx.settings.str('log_filename');
    // a name without seconds and day-of-month/hour (e.g. %a, %H, %d alone) repeats: rotation reuses it
    if (ctx.settings.bool('logging_collector') && !ctx.settings.bool('log_truncate_on_rotation') && /%[aAuwHdjbBm]/.test(filename) && !/%S/.test(filename)) {
      out.push({ messageId: 'truncate', data: { filename }, ...at(ctx, 'log_truncate_on_rotation'), suggestion: 'log_truncate_on_rotation = on' });
    }
    if (ctx.settings.has('log_line_prefix') && judged(ctx, 'log_line_prefix')) {
      const prefix = ctx.settings.str('log_line_prefix');
      const need = [['%u', 'user'], ['%d', 'database'], ['%a', 'application'], ['%h', 'client host']].filter(([esc]) => !prefix.includes(esc!) && !(esc === '%h' && prefix.includes('%r')));
      if (need.length > 0) out.push({ messageId: 'prefix', data: { prefix, missing: need.map((n) => n[1]).join(', ') }, ...at(ctx, 'log_line_prefix'), suggestion: "log_line_prefix = '%m [%p] %q%u@%d %a %h '" });
    }
    return out;
  },
});
