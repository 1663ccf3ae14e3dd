import { defineRule } from '../../src/engine/types.js';
import { valueProblems } from '../utils/problems.js';

/** Values outside the parameter's range, stated in the parameter's own unit as the server states it. */
export default defineRule({
  meta: {
    id: 'PGV006',
    name: 'value-out-of-range',
    description: 'A number outside the range PostgreSQL allows for the parameter: the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      range: (d) => `${d.message}`,
    },
  },
  check(ctx) {
    return valueProblems(ctx, ['range']).map(({ item, param, problem }) => ({
      messageId: 'range' as const,
      data: { message: problem.message },
      file: item.file,
      line: item.entry.line,
      column: item.entry.valueColumn,
      parameter: param?.name ?? item.entry.name,
      help: param ? `allowed: ${param.min}${param.unit ? ` ${param.unit}` : ''} .. ${param.max}${param.unit ? ` ${param.unit}` : ''}` : '',
    }));
  },
});
