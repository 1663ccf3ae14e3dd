import { defineRule } from '../../src/engine/types.js';
import { HOST_FIELD_FLAGS, type HostField } from '../../src/engine/types.js';

/** One note per run: which host-aware rules did not run, and the flags that would run them. */
export default defineRule({
  meta: {
    id: 'PGV900',
    name: 'host-facts-missing',
    description: 'Host-aware rules skipped because the host was not described; names the flags that would run them.',
    defaultSeverity: 'info',
    phase: 'suppressions',
    messages: {
      skipped: (d) => `${d.count} host-aware rule${Number(d.count) === 1 ? '' : 's'} did not run (${d.rules}): describe the server with ${d.flags}, or --host host.json / --host auto`,
    },
  },
  check(ctx) {
    const skipped = ctx.skippedForHost ?? [];
    if (skipped.length === 0) return [];
    const fields = new Set<HostField>(skipped.flatMap((s) => s.missing));
    const flags = [...fields].map((f) => HOST_FIELD_FLAGS[f]).join(' ');
    return [{ messageId: 'skipped' as const, data: { count: skipped.length, rules: skipped.map((s) => s.ruleId).join(', '), flags }, file: ctx.config.main, line: 0, column: 0 }];
  },
});
