import { defineRule } from '../../src/engine/types.js';

/** Read-only (internal) parameters such as block_size or server_version cannot be set in a file. */
export default defineRule({
  meta: {
    id: 'PGV009',
    name: 'parameter-not-settable',
    description: 'A read-only parameter (fixed when PostgreSQL was built or initialised): the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      readOnly: (d) => `${d.message}: it is read-only (fixed at build or initdb time)`,
    },
  },
  check(ctx) {
    return ctx.resolution.items.flatMap((r) =>
      r.status.kind === 'not-settable'
        ? [{ messageId: 'readOnly' as const, data: { message: r.status.message }, file: r.item.file, line: r.item.entry.line, column: r.item.entry.column, parameter: r.param?.name ?? r.item.entry.name, help: 'remove the line' }]
        : [],
    );
  },
});
