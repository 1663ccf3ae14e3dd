import { defineRule } from '../../src/engine/types.js';

/** include / include_if_exists / include_dir directives the server cannot follow. */
export default defineRule({
  meta: {
    id: 'PGV007',
    name: 'include-error',
    description: 'An include the server cannot follow (missing file or directory, nesting deeper than 10, too many nested include_dir on 13–15, recursion, empty name): the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      include: (d) => `${d.detail}`,
    },
  },
  check(ctx) {
    return ctx.config.includeProblems
      // A missing absolute path depends on the server host: PGV015 says so.
      .filter((p) => !(p.absolute && (p.kind === 'missing-file' || p.kind === 'missing-directory')))
      .map((p) => ({
        messageId: 'include' as const,
        data: { detail: p.detail },
        file: p.file,
        line: p.line,
        column: p.column,
        help:
          p.kind === 'depth-exceeded' || p.kind === 'recursion'
            ? 'includes may nest at most 10 deep; look for a file that includes itself'
            : p.kind === 'too-many-open'
              ? 'PostgreSQL 13–15 keep every include_dir open while they read the files in it, and allow 16 open files and directories while reading the configuration: nest include_dir less deeply'
              : p.kind === 'missing-file'
              ? 'paths are relative to the including file; use include_if_exists for optional files'
              : p.kind === 'not-a-regular-file' || p.kind === 'binary'
                ? 'include regular configuration files only'
                : '',
      }));
  },
});
