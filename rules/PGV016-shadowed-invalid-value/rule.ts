import { defineRule } from '../../src/engine/types.js';

/**
 * An invalid value on a line that a later line with the identical spelling overrides. The
 * server never validates such a line, so it starts; remove the later line and it will not.
 */
export default defineRule({
  meta: {
    id: 'PGV016',
    name: 'shadowed-invalid-value',
    description: 'An invalid value hidden by a later setting of the same parameter: harmless today, fatal once the later line goes.',
    defaultSeverity: 'warning',
    messages: {
      shadowed: (d) => `${d.message}; the server accepts the file only because line ${d.byLine}${d.byFile ? ` of ${d.byFile}` : ''} sets "${d.name}" again with the same spelling`,
    },
  },
  check(ctx) {
    return ctx.resolution.items.flatMap((r) => {
      if (r.status.kind !== 'ignored' || !r.status.wouldFail) return [];
      const by = r.status.by;
      return [{
        messageId: 'shadowed' as const,
        data: { message: r.status.wouldFail.message, byLine: by.entry.line, byFile: by.file === r.item.file ? '' : by.file.displayPath, name: r.item.entry.name },
        file: r.item.file,
        line: r.item.entry.line,
        column: r.item.entry.valueColumn,
        parameter: r.param?.name ?? r.item.entry.name,
        help: 'delete the dead line or fix its value',
      }];
    });
  },
});
