import { defineRule } from '../../src/engine/types.js';

/** Values only some builds accept (lz4, zstd, io_uring, Bonjour): fine on most distribution packages, fatal on a build without them. */
export default defineRule({
  meta: {
    id: 'PGV014',
    name: 'build-dependent-value',
    description: 'A value that needs a build option (lz4, zstd, liburing, Bonjour): fatal on a server built without it (info for lz4/zstd, which the usual packages have).',
    defaultSeverity: 'warning',
    messages: {
      build: (d) => `${d.param} = ${d.value} needs ${d.requires}; a server built without it refuses to start`,
    },
  },
  check(ctx) {
    return ctx.resolution.items.flatMap((r) => {
      if (r.status.kind !== 'invalid' || !r.param) return [];
      const dep = ctx.catalog.buildDependent(r.param.name, r.item.entry.value);
      const requires = dep?.requires ?? (r.status.problem.kind === 'build' ? r.status.problem.message.replace(/ is not supported by this build$/, ' support') : null);
      if (!requires) return [];
      // lz4 and zstd are in the PGDG packages and the official images: advice, not a warning (issue 14)
      const compression = /lz4|zstd/i.test(String(dep?.requires ?? requires));
      return [{
        messageId: 'build' as const,
        ...(compression ? { severity: 'info' as const } : {}),
        data: { param: r.param.name, value: r.item.entry.value, requires: dep ? dep.requires : `a server built with ${requires}` },
        file: r.item.file,
        line: r.item.entry.line,
        column: r.item.entry.valueColumn,
        parameter: r.param.name,
        help: 'check your server with: SELECT * FROM pg_settings WHERE name = ' + `'${r.param.name}'`,
      }];
    });
  },
});
