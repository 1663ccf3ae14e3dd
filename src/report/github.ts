/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding:
 * ::error file=F,line=L,col=C,title=T::message   (info findings become ::notice)
 */
import type { Finding } from '../engine/types.js';
import type { LintReport } from './json.js';
import { printable } from './escape.js';
import { suggestionText } from './suggestion.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escaping rules of @actions/core for data and for property values. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const props = [`file=${escapeProperty(f.file)}`];
  if (f.line > 0) props.push(`line=${f.line}`);
  if (f.column > 0) props.push(`col=${f.column}`);
  props.push(`title=${escapeProperty(`${f.ruleId} ${f.name}`)}`);
  // the file property keeps the real name (percent-escaped, so the annotation finds the file);
  // message parts are printable(), and only pgvet's own line break separates them
  const message = printable(f.message);
  const text = f.suggestion ? `${message}\nfix: ${printable(suggestionText(f.suggestion))}` : f.help ? `${message}\nhelp: ${printable(f.help)}` : message;
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(text)}`;
}

/** The run's note (host-aware rules that did not run), once, as a notice with no file. */
export function githubNote(report: LintReport): string {
  return report.summary.note ? `::notice title=pgvet::${escapeData(printable(report.summary.note))}\n` : '';
}

export function renderGithub(report: LintReport): string {
  return report.findings.map(annotation).join('\n') + (report.findings.length ? '\n' : '');
}
