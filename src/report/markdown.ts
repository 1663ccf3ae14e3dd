/**
 * `--format markdown`: a summary for people, made for GitHub's job summary ($GITHUB_STEP_SUMMARY)
 * and pull-request comments: a headline, then one table row per finding, most severe first.
 * Everything that comes from a file or a message is escaped (no stray table cells, emphasis,
 * HTML, links or @mentions), and the output stays under the 65,536 characters GitHub allows a
 * comment: rows that do not fit are counted, not cut in half.
 */
import { SEVERITY_RANK, type Finding } from '../engine/types.js';
import type { LintReport } from './json.js';
import { RULE_DOCS_BASE } from './sarif.js';
import { suggestionText } from './suggestion.js';

/** GitHub refuses comments over 65,536 characters; leave room for what a workflow adds around the summary. */
export const MARKDOWN_MAX_CHARS = 60_000;

const BADGE = { error: '🔴 error', warning: '🟡 warning', info: '🔵 info' } as const;

/** Inline text in a table cell: HTML and Markdown punctuation escaped, mentions and issue references defused, one line. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/(^|[^\w])([@#])(?=\w)/g, (_m, before: string, sign: string) => `${before}${sign === '@' ? '&#64;' : '&#35;'}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A code span that holds any text: a backtick fence longer than any run inside, pipes escaped for the table, one line. */
export function codeSpan(s: string): string {
  const text = s.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function compare(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function row(f: Finding): string {
  const where = f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
  const rule = `[${f.ruleId}](${RULE_DOCS_BASE}/${encodeURIComponent(`${f.ruleId}-${f.name}`)}/README.md) ${escapeMarkdown(f.name)}`;
  const extra = f.suggestion ? `<br>fix: ${codeSpan(suggestionText(f.suggestion))}` : f.help ? `<br>help: ${escapeMarkdown(f.help)}` : '';
  return `| ${BADGE[f.severity]} | ${codeSpan(where)} | ${rule} | ${escapeMarkdown(f.message)}${extra} |`;
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

export function renderMarkdown(report: LintReport, maxChars = MARKDOWN_MAX_CHARS): string {
  const s = report.summary;
  const total = s.error + s.warning + s.info;
  const version = `PostgreSQL ${report.pgVersion}${report.pgVersionSource === 'default' ? ' (assumed: the newest supported)' : ''}`;
  const out: string[] = [];
  out.push(
    total === 0
      ? `### pgvet: no problems\n\n${plural(s.files, 'file')} checked against ${version}.`
      : `### pgvet: ${plural(total, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info)\n\n${plural(s.files, 'file')} checked against ${version}.`,
  );
  if (s.note) out.push(`Note: ${escapeMarkdown(s.note)}.`);
  if (report.errors.length) {
    out.push(`**Could not be read** (exit code 2):\n\n${report.errors.map((e) => `- ${escapeMarkdown(e.message)}`).join('\n')}`);
  }
  if (total > 0) {
    const rows = ['| Severity | Where | Rule | Message |', '| --- | --- | --- | --- |'];
    const sorted = [...report.findings].sort(compare);
    let size = out.join('\n\n').length + rows.join('\n').length + 200;
    let shown = 0;
    for (const f of sorted) {
      const r = row(f);
      if (size + r.length + 1 > maxChars) break;
      rows.push(r);
      size += r.length + 1;
      shown++;
    }
    out.push(rows.join('\n'));
    if (shown < sorted.length) out.push(`… and ${plural(sorted.length - shown, 'more finding')} not shown here (a summary has to stay short); the annotations and the SARIF report have them all.`);
  }
  return out.join('\n\n') + '\n';
}
