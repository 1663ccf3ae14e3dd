/**
 * The text report a person reads: file:line:col, severity, rule, message, help, summary. Text from
 * the files (values, names, file names) goes through printable()/linePath() (escape.ts).
 */
import type { Finding } from '../engine/types.js';
import type { LintReport } from './json.js';
import { linePath, printable } from './escape.js';
import { suggestionText } from './suggestion.js';

export interface TextOptions {
  color: boolean;
  /** Findings left out by --quiet (said in the summary). */
  hidden?: number;
}

const CODES = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32 } as const;

export function renderText(report: LintReport, options: TextOptions): string {
  let text = '';
  for (const chunk of textChunks(report, options)) text += chunk;
  return text;
}

/** Findings per chunk of textChunks(): a million findings are never one string. */
const CHUNK = 10_000;

/** The text report in pieces, in order (lint writes them as they come). */
export function* textChunks(report: LintReport, options: TextOptions): Generator<string> {
  const paint = (code: keyof typeof CODES, s: string): string => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const sev = (f: Finding): string =>
    f.severity === 'error' ? paint('red', 'error  ') : f.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info   ');
  let lines: string[] = [];
  for (const f of report.findings) {
    if (lines.length >= CHUNK) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
    const where = f.line > 0 ? `${linePath(f.file)}:${f.line}:${f.column}` : linePath(f.file);
    lines.push(`${paint('bold', where)}  ${sev(f)}  ${paint('gray', f.ruleId)}  ${printable(f.message)}`);
    if (f.suggestion) lines.push(`    ${paint('green', 'fix:')} ${printable(suggestionText(f.suggestion))}`);
    else if (f.help) lines.push(`    ${paint('gray', 'help:')} ${printable(f.help)}`);
  }
  for (const e of report.errors) lines.push(`${paint('bold', linePath(e.file))}  ${paint('red', 'error  ')}  ${printable(e.message)}`);
  const s = report.summary;
  const total = s.error + s.warning + s.info;
  const version = `PostgreSQL ${report.pgVersion}${report.pgVersionSource === 'default' ? ' (assumed: the newest supported; pass --pg-version)' : report.pgVersionSource === 'config' ? ' (from .pgvetrc.json)' : report.pgVersionSource === 'document' ? ' (as the document states)' : ''}`;
  if (report.findings.length || report.errors.length) lines.push('');
  if (s.note) lines.push(`${paint('blue', 'note:')} ${printable(s.note)}`);
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const hidden = options.hidden ? `; ${options.hidden} below error not shown (--quiet)` : '';
  lines.push(
    total === 0 && report.errors.length === 0
      ? `${paint('green', '✔')} ${plural(s.files, 'file')} checked against ${version}: no ${hidden ? 'errors' : 'problems'}${hidden}`
      : `${plural(total, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info) in ${plural(s.files, 'file')}, checked against ${version}${hidden}`,
  );
  yield lines.join('\n') + '\n';
}
