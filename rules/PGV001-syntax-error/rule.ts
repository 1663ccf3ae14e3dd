import { defineRule, type RuleFinding } from '../../src/engine/types.js';

/** Lines the server's configuration scanner cannot parse (guc-file.l). */
export default defineRule({
  meta: {
    id: 'PGV001',
    name: 'syntax-error',
    description: 'A line that PostgreSQL cannot parse: the server refuses to start.',
    defaultSeverity: 'error',
    messages: {
      nearToken: (d) => `syntax error near token "${d.token}"${d.hint ? ` (${d.hint})` : ''}`,
      nearEnd: () => 'syntax error near end of line: a value is missing',
    },
  },
  check(ctx) {
    return ctx.config.files.flatMap((file) =>
      file.parsed.syntaxErrors.map((e): RuleFinding<'nearToken' | 'nearEnd'> => {
        if (e.near === null) return { messageId: 'nearEnd' as const, data: {}, file, line: e.line, column: e.column, help: 'write name = value on one line' };
        const line = file.parsed.lines[e.line - 1];
        const text = line ? Buffer.from(file.parsed.bytes.subarray(line.start, line.end)).toString('latin1') : '';
        return { messageId: 'nearToken' as const, data: { token: e.near, hint: hintFor(text, e.near) }, file, line: e.line, column: e.column, help: helpFor(text, e.near) };
      }),
    );
  },
});

/** Explain the usual causes in words a user recognises. */
function hintFor(line: string, near: string): string {
  if (/^\s*\S+\s*=?\s*[-+]?\d+(\.\d+)?\s+[A-Za-z]+\s*(#.*)?$/.test(line)) return 'a number and its unit must be written together, or quoted';
  if (/^\s*\S+\s*=?\s*[-+]?\d*\.\d*[A-Za-z]+/.test(line)) return 'a fraction with a unit must be quoted';
  if (near === '"') return 'values are quoted with single quotes';
  if (near === '*' || near.startsWith('/') || near.startsWith('.') || near === ',') return 'the value must be quoted';
  if (/^\uFEFF|^\xEF\xBB\xBF/.test(line)) return 'the file starts with a byte order mark';
  return '';
}

function helpFor(line: string, near: string): string {
  const m = /^\s*([A-Za-z_][\w.]*)\s*=?\s*(.*?)\s*(#.*)?$/.exec(line.replace(/\r?\n$/, ''));
  if (m && m[2] && !m[2].startsWith("'") && near !== m[1]) return `quote the value: ${m[1]} = '${m[2].replace(/'/g, "''")}'`;
  return 'write one setting per line: name = value';
}
