import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { closestNames } from '../../src/engine/suggest.js';

/** Names the server does not know in this version (and that are not extension placeholders). */
export default defineRule({
  meta: {
    id: 'PGV002',
    name: 'unknown-parameter',
    description: 'A parameter name this PostgreSQL version does not know: the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      unknown: (d) => `unrecognized configuration parameter "${d.name}" in PostgreSQL ${d.version}${d.didYouMean ? `; did you mean "${d.didYouMean}"?` : ''}`,
      bom: (d) => `unrecognized configuration parameter "${d.name}": it begins with an invisible UTF-8 byte order mark, which the server reads as part of the name`,
    },
  },
  check(ctx) {
    let names: string[] | undefined;
    return ctx.resolution.items
      .filter((r) => r.status.kind === 'unknown' && !ctx.catalog.removed(r.item.entry.name))
      .map((r): RuleFinding<'unknown' | 'bom'> => {
        const { entry } = r.item;
        if (entry.name.startsWith('\uFEFF') || entry.name.startsWith('ï»¿')) {
          return { messageId: 'bom' as const, data: { name: entry.name }, file: r.item.file, line: entry.line, column: entry.column, help: 'save the file without a byte order mark' };
        }
        names ??= [...ctx.catalog.params.values()].map((p) => p.name);
        const guess = closestNames(entry.name, names)[0];
        return {
          messageId: 'unknown' as const,
          data: { name: entry.name, version: ctx.version, didYouMean: guess ?? '' },
          file: r.item.file,
          line: entry.line,
          column: entry.column,
          parameter: entry.name,
          ...(guess ? { suggestion: `${guess} = ${entry.rawValue}`, help: `did you mean ${guess}?` } : { help: 'remove the line, or add a dot to make it an extension setting (prefix.name)' }),
        };
      });
  },
});
