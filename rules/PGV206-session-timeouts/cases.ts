import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the default without a described server (advice on defaults needs one)', conf: '# nothing set\n' },
    { name: 'idle-in-transaction limited, no workload', conf: 'idle_in_transaction_session_timeout = 5min\n' },
    { name: 'oltp with guards', conf: "idle_in_transaction_session_timeout = 5min\nlock_timeout = 1min\nstatement_timeout = '0'\nclient_connection_check_interval = 10s\n", versions: [14, 15, 16, 17, 18], host: { workload: 'oltp' } },
    { name: 'dw: no guard advice', conf: 'idle_in_transaction_session_timeout = 5min\n', host: { workload: 'dw' } },
  ],
  invalid: [
    { name: 'the default, for a described server', conf: '# nothing set\n', host: { storage: 'ssd' }, lines: [0], messageIncludes: 'idle in transaction' },
    { name: 'idle_session_timeout 10min, 14+', conf: 'idle_in_transaction_session_timeout = 5min\nidle_session_timeout = 10min\n', versions: [14, 15, 16, 17, 18], lines: [2], messageIncludes: 'idle_session_timeout = 10min' },
    { name: 'oltp on 13: no guards (no transaction_timeout, no client check)', conf: 'idle_in_transaction_session_timeout = 5min\n', versions: [13], host: { workload: 'oltp' }, lines: [0], messageIncludes: 'statement_timeout, lock_timeout are all 0' },
    { name: 'oltp on 14–16: guards and client check', conf: 'idle_in_transaction_session_timeout = 5min\n', versions: [14, 15, 16], host: { workload: 'oltp' }, lines: [0, 0] },
    { name: 'oltp on 17+: transaction_timeout too', conf: 'idle_in_transaction_session_timeout = 5min\nlock_timeout = 0\n', versions: [17, 18], host: { workload: 'web' }, lines: [0, 0] },
  ],
} satisfies RuleCases;
