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
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    name: f.name,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    ...(f.parameter !== undefined ? { parameter: f.parameter } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.help !== undefined ? { help: f.help } : {}),
  }));
  return safeJson(JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      pgVersion: report.pgVersion,
      pgVersionSource: report.pgVersionSource,
      files: report.files,
      findings,
      summary: report.summary,
      ...(report.errors.length ? { errors: report.errors } : {}),
    },
    null,
    2,
  )) + '\n';
}
