import { defineRule } from '../../src/engine/types.js';
import { closestNames } from '../../src/engine/suggest.js';
import { valueProblems } from '../utils/problems.js';

/** Values the server refuses for their parameter: not a Boolean, not a number, not an option, refused by a check hook. */
export default defineRule({
  meta: {
    id: 'PGV004',
    name: 'invalid-value',
    description: 'A value PostgreSQL refuses for its parameter: the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      invalid: (d) => `${d.message}${d.detail ? `: ${d.detail}` : ''}${d.hint ? ` (${d.hint})` : ''}`,
    },
  },
  check(ctx) {
    return valueProblems(ctx, ['invalid', 'bool']).map(({ item, param, problem }) => {
      const options = param?.type === 'enum' ? (param.enumValues ?? []) : [];
      const guess = options.length ? closestNames(item.entry.value, options)[0] : undefined;
      return {
        messageId: 'invalid' as const,
        data: { message: problem.message, detail: problem.detail ?? '', hint: problem.hint ?? '' },
        file: item.file,
        line: item.entry.line,
        column: item.entry.valueColumn,
        parameter: param?.name ?? item.entry.name,
        ...(guess ? { suggestion: `${param!.name} = ${guess}` } : {}),
        help: param?.type === 'bool' ? 'use on or off' : options.length ? `one of: ${options.join(', ')}` : `see pgvet explain ${param?.name ?? item.entry.name}`,
      };
    });
  },
});
