/**
 * Suppression comments in the linted files:
 *   # pgvet-disable-next-line PGV004, duplicate-setting   → those rules, on the next setting line
 *   # pgvet-disable-file PGV015                          → those rules, in this whole file
 * Rules are named by id or name; with none listed, every rule. A suppression that silences
 * nothing is itself reported (PGV901), so stale ones do not pile up.
 */
import type { SourceFile } from '../resolve/load.js';
import { decodeBytes } from '../parse/text.js';
import type { Finding, Rule } from './types.js';

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

export function findSuppressions(files: readonly SourceFile[], rules: readonly Rule[]): Suppression[] {
  const byKey = new Map<string, string>();
  for (const r of rules) {
    byKey.set(r.meta.id.toUpperCase(), r.meta.id);
    byKey.set(r.meta.name.toLowerCase(), r.meta.id);
  }
  const out: Suppression[] = [];
  for (const file of files) {
    const { lines, bytes } = file.parsed;
    // most files have none: a byte search is cheaper than decoding every comment
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('pgvet-disable') < 0) continue;
    lines.forEach((line, index) => {
      for (const t of line.tokens) {
        if (t.kind !== 'comment') continue;
        const text = decodeBytes(bytes.subarray(t.start, t.end)).replace(/\r$/, '');
        const m = DIRECTIVE.exec(text);
        if (!m) continue;
        const names = m[2]!.replace(/--.*$/, '').split(/[\s,]+/).filter(Boolean);
        const ids: string[] = [];
        const unknown: string[] = [];
        for (const n of names) {
          const id = byKey.get(n.toUpperCase()) ?? byKey.get(n.toLowerCase());
          if (id) ids.push(id);
          else unknown.push(n);
        }
        let target = 0;
        if (m[1] === 'next-line') {
          for (let j = index + 1; j < lines.length; j++) {
            if (lines[j]!.entry || lines[j]!.error) {
              target = lines[j]!.line;
              break;
            }
          }
        }
        const column = decodeBytes(bytes.subarray(line.start, t.start)).length + 1;
        out.push({ kind: m[1] === 'file' ? 'file' : 'next-line', file, line: line.line, column, target, all: names.length === 0, rules: ids, unknown, used: new Set() });
      }
    });
  }
  return out;
}

/** Drop suppressed findings; mark which suppressions were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (suppressions.length === 0) return findings;
  return findings.filter((f) => {
    for (const s of suppressions) {
      if (s.file.displayPath !== f.file) continue;
      if (!s.all && !s.rules.includes(f.ruleId)) continue;
      if (s.kind === 'next-line' && s.target !== f.line) continue;
      s.used.add(f.ruleId);
      return false;
    }
    return true;
  });
}
