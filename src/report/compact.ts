/** `--format compact`: one line per finding, `file:line:col: severity: message [rule]` (grep- and editor-friendly). */
import type { LintReport } from './json.js';

export function renderCompact(report: LintReport): string {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]`).join('\n') + (report.findings.length ? '\n' : '');
}
