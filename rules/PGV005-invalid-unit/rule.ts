import { defineRule } from '../../src/engine/types.js';
import { valueProblems } from '../utils/problems.js';

/** Units the server refuses: wrong case (KB, mb), time units on memory, any unit on a unit-less parameter. */
export default defineRule({
  meta: {
    id: 'PGV005',
    name: 'invalid-unit',
    description: 'A unit PostgreSQL does not accept for the parameter (units are case-sensitive): the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      badUnit: (d) => `${d.message}: ${d.unit ? `"${d.parameter}" is measured in ${d.unit === '8kB' ? '8kB blocks' : d.unit}; ` : `"${d.parameter}" takes no unit; `}${d.hint || 'write the number alone'}`,
    },
  },
  check(ctx) {
    return valueProblems(ctx, ['unit']).map(({ item, param, problem }) => ({
      messageId: 'badUnit' as const,
      data: { message: problem.message, parameter: param?.name ?? item.entry.name, unit: param?.unit ?? '', hint: problem.hint ?? '' },
      file: item.file,
      line: item.entry.line,
      column: item.entry.valueColumn,
      parameter: param?.name ?? item.entry.name,
      ...suggest(param?.name ?? item.entry.name, param?.unit ?? null, item.entry.value),
      help: problem.hint ? 'units are case-sensitive: B, kB, MB, GB, TB; us, ms, s, min, h, d' : 'remove the unit',
    }));
  },
});

/** "8 mb", "8KB" → "8MB", "8kB" on a memory parameter; the bare number on a unit-less one. */
function suggest(name: string, unit: string | null, value: string): { suggestion?: string } {
  const m = /^\s*(\d+)\s*([A-Za-z]+)\s*$/.exec(value);
  if (!m) return {};
  if (unit === null) return { suggestion: `${name} = ${m[1]}` };
  const memory = ({ b: 'B', kb: 'kB', mb: 'MB', gb: 'GB', tb: 'TB' } as Record<string, string>)[m[2]!.toLowerCase()];
  const isMemory = ['B', 'kB', 'MB', '8kB'].includes(unit);
  if (memory && isMemory && memory !== m[2]) return { suggestion: `${name} = ${m[1]}${memory}` };
  return {};
}
