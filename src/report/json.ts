/** `--format json`: one object, stable key order, findings sorted. */
import type { Finding } from '../engine/types.js';
import type { Summary } from './summary.js';
import { safeJson } from './escape.js';

export const JSON_SCHEMA_VERSION = 1;

export interface LintReport {
  pgVersion: number;
  /** 'document': the major version the linted manifests (carriers) state. */
  pgVersionSource: 'flag' | 'config' | 'default' | 'document';
  files: string[];
  findings: Finding[];
  summary: Summary;
  errors: Array<{ file: string; message: string }>;
}

export function renderJson(report: LintReport): string {
  let text = '';
  for (const chunk of jsonChunks(report)) text += chunk;
  return text;
}

/** Findings per chunk of jsonChunks(). */
const CHUNK = 1_000;
/** Stands for the findings array while the rest of the report is stringified. */
const HOLE = '\u0000pgvet-findings\u0000';

/**
 * The JSON report in pieces, in order, byte for byte what JSON.stringify(report, null, 2) gives:
 * the findings are stringified a slice at a time, so a million findings are never one string.
 */
export function* jsonChunks(report: LintReport): Generator<string> {
  const whole = JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      pgVersion: report.pgVersion,
      pgVersionSource: report.pgVersionSource,
      files: report.files,
      findings: HOLE,
      summary: report.summary,
      ...(report.errors.length ? { errors: report.errors } : {}),
    },
    null,
    2,
  );
  const at = whole.indexOf(JSON.stringify(HOLE));
  yield safeJson(whole.slice(0, at));
  if (report.findings.length === 0) yield '[]';
  else {
    // an element of an array inside the top-level object: indented by four spaces
    for (let i = 0; i < report.findings.length; i += CHUNK) {
      const slice = report.findings.slice(i, i + CHUNK).map(elementJson);
      yield safeJson(`${i === 0 ? '[\n    ' : ',\n    '}${slice.join(',\n    ')}`);
    }
    yield '\n  ]';
  }
  yield safeJson(whole.slice(at + JSON.stringify(HOLE).length)) + '\n';
}

/**
 * One finding as JSON.stringify(findingJson(f), null, 2) writes it inside the findings array,
 * built field by field (the regular-expression re-indent made a million findings three times
 * slower and twice as large in memory, measured by npm run bench).
 */
function elementJson(f: Finding): string {
  let s = '{';
  for (const [key, value] of Object.entries(findingJson(f))) {
    // data is the one nested object: indented as the whole document's stringify would
    const json = typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2).replace(/\n/g, '\n      ') : JSON.stringify(value);
    s += `${s.length > 1 ? ',' : ''}\n      ${JSON.stringify(key)}: ${json}`;
  }
  return `${s}\n    }`;
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    name: f.name,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
    ...(f.data !== undefined ? { data: f.data } : {}),
    ...(f.parameter !== undefined ? { parameter: f.parameter } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.help !== undefined ? { help: f.help } : {}),
  };
}
