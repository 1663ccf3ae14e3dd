import { defineRule, type RuleFinding } from '../../src/engine/types.js';

/** A pgvet-disable comment that silences nothing (stale, misspelt, or on the wrong line). */
export default defineRule<'unused' | 'unknownRule' | 'noTarget'>({
  meta: {
    id: 'PGV901',
    name: 'unused-suppression',
    description: 'A pgvet-disable comment that silences nothing: stale, misspelt, or on the wrong line.',
    defaultSeverity: 'info',
    phase: 'suppressions',
    messages: {
      unused: (d) => `pgvet-disable-${d.kind} ${d.rules || '(all rules)'} silences nothing${d.kind === 'next-line' ? ` on line ${d.target}` : ''}`,
      unknownRule: (d) => `pgvet-disable-${d.kind} names "${d.name}", which is no rule id or name`,
      noTarget: () => 'pgvet-disable-next-line has no setting line after it',
    },
  },
  check(ctx) {
    const out: RuleFinding<'unused' | 'unknownRule' | 'noTarget'>[] = [];
    for (const s of ctx.suppressions ?? []) {
      const at = { file: s.file, line: s.line, column: s.column };
      for (const name of s.unknown) out.push({ messageId: 'unknownRule', data: { kind: s.kind, name }, ...at, help: 'see pgvet rules' });
      if (s.kind === 'next-line' && s.target === 0) {
        out.push({ messageId: 'noTarget', data: {}, ...at, help: 'remove the comment' });
        continue;
      }
      const unused = s.all ? (s.used.size === 0 ? [''] : []) : s.rules.filter((r) => !s.used.has(r));
      if (unused.length > 0) {
        out.push({ messageId: 'unused', data: { kind: s.kind, rules: unused.join(', '), target: s.target }, ...at, help: 'remove the comment, or the rules it no longer needs to name' });
      }
    }
    return out;
  },
});
