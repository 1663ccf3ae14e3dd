/**
 * `--format compact`: one line per finding, `file:line:col: severity: message [rule]` (grep- and
 * editor-friendly). File names and messages go through escape.ts: one finding, one line.
 */
import type { LintReport } from './json.js';
import { linePath, printable } from './escape.js';

/** A finding about a default (no line) is about the file: `file: severity: …`, never `file:0:0`. */
export function renderCompact(report: LintReport): string {
  return report.findings.map((f) => `${linePath(f.file)}${f.line > 0 ? `:${f.line}:${f.column}` : ''}: ${f.severity}: ${printable(f.message)} [${f.ruleId}]`).join('\n') + (report.findings.length ? '\n' : '');
}

/** The run's note (host-aware rules that did not run), once, after the findings. */
export function compactNote(report: LintReport): string {
  return report.summary.note ? `note: ${printable(report.summary.note)}\n` : '';
}
