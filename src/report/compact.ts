/**
 * `--format compact`: one line per finding, `file:line:col: severity: message [rule]` (grep- and
 * editor-friendly). File names and messages go through escape.ts: one finding, one line.
 */
import type { LintReport } from './json.js';
import { linePath, printable } from './escape.js';

export function renderCompact(report: LintReport): string {
  return report.findings.map((f) => `${linePath(f.file)}:${f.line}:${f.column}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`).join('\n') + (report.findings.length ? '\n' : '');
}
