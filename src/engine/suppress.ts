/**
 * Suppression comments in the linted files:
 *   # pgvet-disable-next-line PGV004, duplicate-setting   → those rules, on the next setting line
 *   # pgvet-disable-file PGV015                          → those rules, in this whole file
 * Rules are named by id or name; with none listed, every rule. A suppression that silences
 * nothing is itself reported (PGV901), so stale ones do not pile up.
 */
import type { SourceFile } from '../resolve/load.js';
import { tokenize } from '../parse/lexer.js';
import { lineAt, lineRange } from '../parse/parser.js';
import { asBuffer, charLength, decodeRange } from '../parse/text.js';
import type { Finding, Rule, RuleFinding } from './types.js';

export interface Suppression {
  kind: 'next-line' | 'file';
  file: SourceFile;
  /** The comment's own line. */
  line: number;
  column: number;
  /** For next-line: the setting line it applies to (0 when there is none). */
  target: number;
  /** True when no rule was named: every rule. */
  all: boolean;
  /** Rule ids named (ids or names as written, resolved). */
  rules: string[];
  /** Names as written that match no rule. */
  unknown: string[];
  used: Set<string>;
}

const DIRECTIVE = /^#\s*pgvet-disable-(next-line|file)\b(.*)$/;
const MARK = 'pgvet-disable';

/** The first of the sorted `lines` after `line`, or 0. */
function nextAfter(lines: readonly number[], line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! <= line) lo = mid + 1;
    else hi = mid;
  }
  return lines[lo] ?? 0;
}

/**
 * The suppression comments of every file. Only lines where "pgvet-disable" occurs are lexed (to
 * tell a comment from a quoted string), and each finds its target line by binary search: linear
 * in the files, whatever the number of comments.
 */
export function findSuppressions(files: readonly SourceFile[], rules: readonly Rule[]): Suppression[] {
  const byKey = new Map<string, string>();
  for (const r of rules) {
    byKey.set(r.meta.id.toUpperCase(), r.meta.id);
    byKey.set(r.meta.name.toLowerCase(), r.meta.id);
  }
  const out: Suppression[] = [];
  for (const file of files) {
    const parsed = file.parsed;
    const buf = asBuffer(parsed.bytes);
    let at = buf.indexOf(MARK);
    // most files have none: a byte search is cheaper than anything else
    if (at < 0) continue;
    // the lines a next-line suppression can apply to: settings and syntax errors, in order
    const targets = [...parsed.entries.map((e) => e.line), ...parsed.syntaxErrors.map((e) => e.line)].sort((a, b) => a - b);
    while (at >= 0) {
      const line = lineAt(parsed, at);
      const [start, end] = lineRange(parsed, line);
      at = buf.indexOf(MARK, end);
      // a line has at most one comment: it runs to the end of the line
      const comment = tokenize(parsed.bytes, start, end).find((t) => t.kind === 'comment');
      if (!comment) continue;
      const m = DIRECTIVE.exec(decodeRange(buf, comment.start, comment.end).replace(/\r$/, ''));
      if (!m) continue;
      const names = m[2]!.replace(/--.*$/, '').split(/[\s,]+/).filter(Boolean);
      const ids: string[] = [];
      const unknown: string[] = [];
      for (const n of names) {
        const id = byKey.get(n.toUpperCase()) ?? byKey.get(n.toLowerCase());
        if (id) ids.push(id);
        else unknown.push(n);
      }
      const kind = m[1] === 'file' ? 'file' : 'next-line';
      const target = kind === 'next-line' ? nextAfter(targets, line) : 0;
      const column = charLength(buf, start, comment.start) + 1;
      out.push({ kind, file, line, column, target, all: names.length === 0, rules: ids, unknown, used: new Set() });
    }
  }
  return out;
}

/** Where to look a finding up: the suppressions of one file, by rule and by target line, as their index in the list. */
interface SuppressionIndex {
  fileAll?: number;
  fileByRule: Map<string, number>;
  lineAll: Map<number, number>;
  lineByRule: Map<string, number>;
}

/**
 * Drop suppressed findings; mark which suppressions were used. A finding is taken by the first
 * suppression (in file and line order) that matches it, as a scan of the list would, but found
 * through an index: a hundred thousand comments and a million findings cost one lookup each.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  const byFile = new Map<string, SuppressionIndex>();
  suppressions.forEach((s, index) => {
    let ix = byFile.get(s.file.displayPath);
    if (!ix) {
      ix = { fileByRule: new Map(), lineAll: new Map(), lineByRule: new Map() };
      byFile.set(s.file.displayPath, ix);
    }
    if (s.kind === 'file') {
      if (s.all) ix.fileAll ??= index;
      for (const r of s.rules) if (!ix.fileByRule.has(r)) ix.fileByRule.set(r, index);
    } else {
      if (s.all && !ix.lineAll.has(s.target)) ix.lineAll.set(s.target, index);
      for (const r of s.rules) {
        const key = `${s.target}\u0000${r}`;
        if (!ix.lineByRule.has(key)) ix.lineByRule.set(key, index);
      }
    }
  });
  return findings.filter((f) => {
    const ix = byFile.get(f.file);
    if (!ix) return true;
    let first = Infinity;
    for (const i of [ix.fileAll, ix.fileByRule.get(f.ruleId), ix.lineAll.get(f.line), ix.lineByRule.get(`${f.line}\u0000${f.ruleId}`)]) {
      if (i !== undefined && i < first) first = i;
    }
    if (first === Infinity) return true;
    suppressions[first]!.used.add(f.ruleId);
    return false;
  });
}

/** The rule whose words and docs the engine's unused-suppression report uses (rules/PGV901-unused-suppression). */
export const UNUSED_SUPPRESSION = 'PGV901';

export type UnusedSuppressionId = 'unused' | 'unknownRule' | 'noTarget';

/** The PGV901 messages: a comment that silences nothing, names no rule, or has no line after it. */
export const UNUSED_SUPPRESSION_MESSAGES: Record<UnusedSuppressionId, (d: Record<string, string | number>) => string> = {
  unused: (d) => `pgvet-disable-${d.kind} ${d.rules || '(all rules)'} silences nothing${d.kind === 'next-line' ? ` on line ${d.target}` : ''}`,
  unknownRule: (d) => `pgvet-disable-${d.kind} names "${d.name}", which is no rule id or name`,
  noTarget: () => 'pgvet-disable-next-line has no setting line after it',
};

/** What the suppressions, once applied, left unused: stale, misspelt, or on the wrong line. */
export function unusedSuppressions(suppressions: readonly Suppression[]): RuleFinding<UnusedSuppressionId>[] {
  const out: RuleFinding<UnusedSuppressionId>[] = [];
  for (const s of suppressions) {
    const at = { file: s.file, line: s.line, column: s.column };
    for (const name of s.unknown) out.push({ messageId: 'unknownRule', data: { kind: s.kind, name }, ...at, help: 'see pgvet rules' });
    if (s.kind === 'next-line' && s.target === 0) {
      out.push({ messageId: 'noTarget', data: {}, ...at, help: 'remove the comment' });
      continue;
    }
    const unused = s.all ? (s.used.size === 0 ? [''] : []) : s.rules.filter((r) => !s.used.has(r));
    if (unused.length > 0) {
      out.push({ messageId: 'unused', data: { kind: s.kind, rules: unused.join(', '), target: s.target }, ...at, help: 'remove the comment, or the rules it no longer needs to name' });
    }
  }
  return out;
}
