import { defineRule } from '../../src/engine/types.js';

/** Names that were removed or renamed: the server no longer knows them. */
export default defineRule({
  meta: {
    id: 'PGV003',
    name: 'removed-parameter',
    description: 'A parameter that was removed or renamed before this version: the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      removed: (d) => `"${d.name}" was removed in PostgreSQL ${d.removedIn}${d.replacement ? `; use ${d.replacement}` : ''}: unrecognized configuration parameter in PostgreSQL ${d.version}`,
    },
  },
  check(ctx) {
    return ctx.resolution.items.flatMap((r) => {
      if (r.status.kind !== 'unknown') return [];
      const removed = ctx.catalog.removed(r.item.entry.name);
      if (!removed) return [];
      const { entry } = r.item;
      return [{
        messageId: 'removed' as const,
        data: { name: entry.name, removedIn: removed.removedIn, replacement: removed.replacement ?? '', version: ctx.version },
        file: r.item.file,
        line: entry.line,
        column: entry.column,
        parameter: entry.name,
        help: `${removed.advice} (${removed.source})`,
      }];
    });
  },
});
