import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { formatMs } from '../../src/format.js';
import { at, judged } from '../utils/values.js';

type Msg = 'idleInTransaction' | 'idleSession' | 'noGuards' | 'clientCheck';

/** Session timeouts (pg_gather paramDespatch.*_timeout, client_connection_check_interval; docs/reference/dba-review.md#m9). */
export default defineRule<Msg>({
  meta: {
    id: 'PGV206',
    name: 'session-timeouts',
    description: 'Sessions without limits: idle-in-transaction sessions never ended, no statement/lock/transaction guard, dead clients not detected; or idle_session_timeout that drops pooled connections.',
    defaultSeverity: 'info',
    parameters: ['idle_in_transaction_session_timeout', 'idle_session_timeout', 'statement_timeout', 'lock_timeout', 'transaction_timeout', 'client_connection_check_interval'],
    messages: {
      idleInTransaction: () => 'idle_in_transaction_session_timeout = 0: a session left "idle in transaction" keeps its locks and holds back the xmin horizon, so vacuum cannot remove dead rows anywhere until someone kills it',
      idleSession: (d) => `idle_session_timeout = ${d.value} server-wide: idle connections of a pooler or application pool are closed under it, and the next query on them fails; set it per role for interactive users instead`,
      noGuards: (d) => `${d.params} are all 0: a runaway query or a lock queue behind a DDL statement runs without limit; set them per role (ALTER ROLE app SET statement_timeout = '30s'), not server-wide`,
      clientCheck: () => 'client_connection_check_interval = 0 with statement_timeout = 0: a query whose client has gone away runs to the end; 10s lets the server notice and cancel it',
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    if (ctx.settings.ms('idle_in_transaction_session_timeout') === 0 && judged(ctx, 'idle_in_transaction_session_timeout')) out.push({ messageId: 'idleInTransaction', data: {}, ...at(ctx, 'idle_in_transaction_session_timeout'), suggestion: `idle_in_transaction_session_timeout = ${CHECKS.idleInTransactionSuggestion}`, help: 'a role that needs long transactions can get its own value with ALTER ROLE … SET' });
    if (ctx.settings.has('idle_session_timeout') && ctx.settings.ms('idle_session_timeout') > 0) out.push({ messageId: 'idleSession', data: { value: formatMs(ctx.settings.ms('idle_session_timeout')) }, ...at(ctx, 'idle_session_timeout'), suggestion: 'idle_session_timeout = 0' });
    const guards = ['statement_timeout', 'lock_timeout', 'transaction_timeout'].filter((p) => ctx.settings.has(p));
    const statementOff = ctx.settings.ms('statement_timeout') === 0;
    const workload = ctx.host.workload;
    const interactive = workload === 'web' || workload === 'oltp' || workload === 'mixed';
    if (interactive && guards.every((p) => ctx.settings.ms(p) === 0)) out.push({ messageId: 'noGuards', data: { params: guards.join(', ') }, file: ctx.config.main, line: 0, column: 0, help: `e.g. lock_timeout = ${CHECKS.lockTimeoutSuggestion} for the application role` });
    if (interactive && statementOff && ctx.settings.has('client_connection_check_interval') && ctx.settings.ms('client_connection_check_interval') === 0) out.push({ messageId: 'clientCheck', data: {}, ...at(ctx, 'client_connection_check_interval'), suggestion: `client_connection_check_interval = ${CHECKS.clientCheckSuggestion}` });
    return out;
  },
});
