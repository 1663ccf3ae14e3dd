/**
 * lint writes the JSON and text reports a piece at a time (a million findings never become one
 * string): the pieces, joined, are byte for byte the whole report, on both sides of a chunk edge.
 */
import type { Finding } from '../src/engine/types.js';
import { jsonChunks, JSON_SCHEMA_VERSION, type LintReport } from '../src/report/json.js';
import { textChunks } from '../src/report/text.js';

function finding(i: number): Finding {
  return {
    ruleId: `PGV${String(i % 1000).padStart(3, '0')}`,
    name: 'some-rule',
    severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info',
    message: `message ${i} with "quotes", \\ a backslash, ##[error] and \u2028`,
    file: i % 2 ? 'a.conf' : 'b.conf',
    line: i % 5,
    column: i % 7,
    ...(i % 2 ? { parameter: 'work_mem' } : {}),
    ...(i % 4 === 1 ? { suggestion: "work_mem = '4MB'" } : {}),
    ...(i % 4 === 3 ? { help: 'see the docs' } : {}),
  };
}

function report(n: number, errors = 0): LintReport {
  const findings = Array.from({ length: n }, (_, i) => finding(i));
  return {
    pgVersion: 17,
    pgVersionSource: 'flag',
    files: ['a.conf', 'b.conf'],
    findings,
    summary: { error: findings.filter((f) => f.severity === 'error').length, warning: findings.filter((f) => f.severity === 'warning').length, info: findings.filter((f) => f.severity === 'info').length, files: 2 },
    errors: Array.from({ length: errors }, (_, i) => ({ file: `x${i}.conf`, message: `cannot read x${i}.conf` })),
  };
}

/** What the report was before it was written in pieces: one JSON.stringify. */
function wholeJson(r: LintReport): string {
  const findings = r.findings.map((f) => ({
    ruleId: f.ruleId, name: f.name, severity: f.severity, message: f.message, file: f.file, line: f.line, column: f.column,
    ...(f.parameter !== undefined ? { parameter: f.parameter } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.help !== undefined ? { help: f.help } : {}),
  }));
  const json = JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, pgVersion: r.pgVersion, pgVersionSource: r.pgVersionSource, files: r.files, findings, summary: r.summary, ...(r.errors.length ? { errors: r.errors } : {}) }, null, 2);
  return json.replace(/##\[/g, '#\\u0023[') + '\n';
}

test.each([0, 1, 2, 999, 1000, 1001, 2500, 10_001])('JSON in pieces equals one JSON.stringify: %i findings', (n) => {
  for (const errors of [0, 2]) {
    const r = report(n, errors);
    const chunks = [...jsonChunks(r)];
    expect(chunks.join('')).toBe(wholeJson(r));
    expect(JSON.parse(chunks.join('')).findings).toHaveLength(n);
    // big reports really come in pieces
    if (n > 1000) expect(chunks.length).toBeGreaterThan(3);
  }
});

test.each([0, 1, 9_999, 10_000, 10_001, 25_000])('text in pieces: %i findings, pieces of at most 10,000 lines, the summary last', (n) => {
  const r = report(n);
  const chunks = [...textChunks(r, { color: false })];
  const text = chunks.join('');
  expect(text).toMatch(n === 0 ? /^✔ 2 files checked against PostgreSQL 17: no problems\n$/ : /\n\n\d+ problems? \(.*\) in 2 files, checked against PostgreSQL 17\n$/);
  expect(text.split('\n').filter((l) => /^[ab]\.conf/.test(l))).toHaveLength(n);
  for (const c of chunks) expect(c.split('\n').length - 1).toBeLessThanOrEqual(10_000 + 2);
  // findings with a fix or help line take two lines: 25,000 findings come in several pieces
  if (n > 10_000) expect(chunks.length).toBeGreaterThanOrEqual(2);
});
