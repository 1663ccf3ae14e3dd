import { defineRule } from '../../src/engine/types.js';

/** A parameter set more than once: the last line wins, earlier ones are dead weight. */
export default defineRule({
  meta: {
    id: 'PGV008',
    name: 'duplicate-setting',
    description: 'A parameter set more than once; the last line wins and the others have no effect.',
    defaultSeverity: 'info',
    messages: {
      duplicate: (d) => `"${d.name}" is set again at ${d.winner}, which wins; this line has no effect`,
    },
  },
  // A generator: a file with a million duplicate lines has a million findings, and the engine
  // renders each as it comes instead of holding them all twice.
  *check(ctx) {
    for (const setting of ctx.resolution.settings.values()) {
      if (setting.lines.length < 2 || !setting.source) continue;
      const winner = setting.source;
      for (const item of setting.lines) {
        if (item === winner) continue;
        const where = item.file === winner.file ? `line ${winner.entry.line}` : `${winner.file.displayPath}:${winner.entry.line}`;
        yield {
          messageId: 'duplicate' as const,
          data: { name: setting.param.name, winner: where },
          file: item.file,
          line: item.entry.line,
          column: item.entry.column,
          parameter: setting.param.name,
          help: 'keep one line per parameter',
        };
      }
    }
  },
});
