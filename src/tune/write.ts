/**
 * `tune --write` / `--diff`: the recommendations as edits of the files, made with the lossless
 * parser so that every other byte stays as it was.
 *
 * - an active winning line: its value token is replaced where it stands (comment, spacing kept),
 *   in whichever file of the include tree it lives;
 * - no active line, but a commented-out default (`#work_mem = 4MB`) in the main file: the setting
 *   goes on the line right after that comment;
 * - otherwise: one marked block at the end of the main file (`# pgvet tune (…)` … `# end pgvet
 *   tune`); a block from an earlier run is extended instead of adding a second one.
 *
 * Every changed line says why, with the value it replaces: `# pgvet tune: why (was X)`, at the end
 * of a line tune adds, or on its own line above a line it edits in place (a comment tune wrote
 * there before is replaced, never stacked). A second run finds every value already in place and
 * changes nothing.
 */
import { whyNotWritable, writeFiles, type WriteFs, type WriteResult } from '../io/write.js';
import type { LoadedConfig, SourceFile } from '../resolve/load.js';
import type { Resolution } from '../resolve/settings.js';
import type { Recommendation } from './recommend.js';

export const BLOCK_START = '# pgvet tune (';
export const BLOCK_END = '# end pgvet tune';

/** What happens to one original line of a file. */
interface LineEdit {
  replace?: string;
  insertBefore?: string[];
  insertAfter: string[];
}

/** The start of the comment tune writes for a changed line. */
export const WHY_MARK = '# pgvet tune: ';

/** `# pgvet tune: why (was X)` for a recommendation. */
function whyComment(r: Recommendation): string {
  const was = r.current === undefined ? '' : r.currentFrom === 'default' ? ` (was ${r.current}, the default)` : ` (was ${r.current})`;
  return `${WHY_MARK}${(r.why ?? r.reason).replace(/[\r\n]+/g, ' ')}${was}`;
}

export interface FileEdit {
  file: SourceFile;
  /** Original lines (latin1 strings: byte-exact, including their line ends). */
  lines: string[];
  edits: Map<number, LineEdit>;
  eol: string;
}

export interface WritePlan {
  files: FileEdit[];
  /** Recommendations that could not be written, with why. */
  skipped: Array<{ name: string; why: string }>;
  /** Where each written recommendation went: "file:line (changed)", "file:line (after the commented default)", "block". */
  placed: Array<{ name: string; where: string }>;
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
/** New text (values, comments with × and −) as the latin1 string of its UTF-8 bytes, like the lines around it. */
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** A value as it may stand unquoted in a conf file, else single-quoted. */
export function confValue(value: string): string {
  return /^-?[0-9]+(\.[0-9]+)?[A-Za-z]*$/.test(value) || /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
}

function fileEdit(file: SourceFile, all: Map<string, FileEdit>): FileEdit {
  let fe = all.get(file.path);
  if (!fe) {
    const bytes = file.parsed.bytes;
    fe = { file, lines: file.parsed.lines.map((l) => latin1(bytes.subarray(l.start, l.end))), edits: new Map(), eol: file.parsed.hasCrlf ? '\r\n' : '\n' };
    all.set(file.path, fe);
  }
  return fe;
}

function editOf(fe: FileEdit, index: number): LineEdit {
  let e = fe.edits.get(index);
  if (!e) {
    e = { insertAfter: [] };
    fe.edits.set(index, e);
  }
  return e;
}

/** Plan the edits for the recommendations that change something (pins and unchanged values are left alone). */
export function planWrite(config: LoadedConfig, resolution: Resolution, recs: readonly Recommendation[], header: string, stdinMain = false): WritePlan {
  const all = new Map<string, FileEdit>();
  const skipped: WritePlan['skipped'] = [];
  const placed: WritePlan['placed'] = [];
  const main = config.main;
  const mainEdit = fileEdit(main, all);
  const append: string[] = [];

  for (const r of recs) {
    if (!r.changed || r.kept) continue;
    const setting = resolution.settings.get(r.name.toLowerCase());
    // The line the server reads last: the winning one, or a later line it refuses (the value
    // then goes there, so that no refused line is left behind it).
    const src = setting?.lines[setting.lines.length - 1];
    if (src) {
      const why = stdinMain && src.file === main ? 'standard input' : whyNotWritable(src.file.path);
      if (why) {
        skipped.push({ name: r.name, why: `set in ${src.file.displayPath}:${src.entry.line}, which cannot be written (${why})` });
        continue;
      }
      const fe = fileEdit(src.file, all);
      const index = src.entry.line - 1;
      const line = src.file.parsed.lines[index]!;
      const tok = src.entry.valueToken;
      const text = fe.lines[index]!;
      const from = tok.start - line.start;
      const to = tok.end - line.start;
      const value = utf8(src.entry.quoted ? `'${r.value.replace(/'/g, "''")}'` : confValue(r.value));
      const rest = text.slice(to);
      const ours = rest.indexOf(WHY_MARK);
      if (ours >= 0) {
        // a line tune added before: its trailing comment is replaced
        const eol = rest.endsWith('\r\n') ? '\r\n' : rest.endsWith('\n') ? '\n' : '';
        editOf(fe, index).replace = text.slice(0, from) + value + rest.slice(0, ours) + utf8(whyComment(r)) + eol;
      } else {
        editOf(fe, index).replace = text.slice(0, from) + value + rest;
        const comment = utf8(`${whyComment(r)}${fe.eol}`);
        const above = index > 0 ? fe.lines[index - 1]! : '';
        if (above.startsWith(WHY_MARK)) editOf(fe, index - 1).replace = comment;
        else (editOf(fe, index).insertBefore ??= []).push(comment);
      }
      placed.push({ name: r.name, where: `${src.file.displayPath}:${src.entry.line}` });
      continue;
    }
    const commented = findCommentedDefault(mainEdit, r.name);
    if (commented !== undefined) {
      const e = editOf(mainEdit, commented);
      e.insertAfter.push(utf8(`${r.name} = ${confValue(r.value)}\t\t${whyComment(r)}${mainEdit.eol}`));
      placed.push({ name: r.name, where: `${main.displayPath}:${commented + 1} (after the commented-out default)` });
      continue;
    }
    append.push(utf8(`${r.name} = ${confValue(r.value)}\t\t${whyComment(r)}${mainEdit.eol}`));
    placed.push({ name: r.name, where: `${main.displayPath} (pgvet tune block)` });
  }

  if (append.length) {
    const start = mainEdit.lines.findIndex((l) => l.startsWith(BLOCK_START));
    const end = start < 0 ? -1 : mainEdit.lines.findIndex((l, i) => i > start && l.trimEnd() === BLOCK_END);
    if (start >= 0 && end > start) {
      editOf(mainEdit, start).replace = utf8(`${header}${mainEdit.eol}`);
      // before the end marker: after the line above it
      editOf(mainEdit, end - 1).insertAfter.push(...append);
    } else {
      const last = mainEdit.lines.length - 1;
      const block = [`${mainEdit.eol}`, utf8(`${header}${mainEdit.eol}`), ...append, `${BLOCK_END}${mainEdit.eol}`];
      if (last < 0) {
        mainEdit.lines.push('');
        editOf(mainEdit, 0).insertAfter.push(...block.slice(1));
      } else {
        const e = editOf(mainEdit, last);
        const lastText = e.replace ?? mainEdit.lines[last]!;
        if (!lastText.endsWith('\n')) e.replace = lastText + mainEdit.eol;
        e.insertAfter.push(...block);
      }
    }
  }
  const files = [...all.values()].filter((f) => f.edits.size > 0);
  return { files, skipped, placed };
}

/** The first line of the main file that is a commented-out `name = value` (or `name value`). */
function findCommentedDefault(fe: FileEdit, name: string): number | undefined {
  const re = new RegExp(`^[ \\t]*#[ \\t]*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*(=|[ \\t])`, 'i');
  const i = fe.lines.findIndex((l) => re.test(l));
  return i < 0 ? undefined : i;
}

/** The new content of one file (latin1 lines). */
export function newLines(fe: FileEdit): string[] {
  const out: string[] = [];
  fe.lines.forEach((l, i) => {
    const e = fe.edits.get(i);
    if (e?.insertBefore) out.push(...e.insertBefore);
    out.push(e?.replace ?? l);
    if (e) out.push(...e.insertAfter);
  });
  return out;
}

export function newBytes(fe: FileEdit): Buffer {
  return Buffer.from(newLines(fe).join(''), 'latin1');
}

/** A unified diff (3 lines of context) of every edited file, as `diff -u` writes it: a latin1 string of the files' bytes (write it with Buffer.from(diff, 'latin1')). */
export function unifiedDiff(plan: WritePlan, label: (f: SourceFile) => string = (f) => f.displayPath): string {
  let out = '';
  for (const fe of plan.files) {
    type Row = { kind: ' ' | '-' | '+'; text: string };
    const rows: Row[] = [];
    fe.lines.forEach((l, i) => {
      const e = fe.edits.get(i);
      for (const ins of e?.insertBefore ?? []) rows.push({ kind: '+', text: ins });
      if (e?.replace !== undefined && e.replace !== l) {
        rows.push({ kind: '-', text: l }, { kind: '+', text: e.replace });
      } else rows.push({ kind: ' ', text: l });
      for (const ins of e?.insertAfter ?? []) rows.push({ kind: '+', text: ins });
    });
    const changed = rows.map((r, i) => (r.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
    if (!changed.length) continue;
    const name = label(fe.file);
    out += `--- a/${name}\n+++ b/${name}\n`;
    // group changes that are within 6 rows of each other
    let g = 0;
    while (g < changed.length) {
      let h = g;
      while (h + 1 < changed.length && changed[h + 1]! - changed[h]! <= 7) h++;
      const from = Math.max(0, changed[g]! - 3);
      const to = Math.min(rows.length - 1, changed[h]! + 3);
      let oldStart = 0;
      let newStart = 0;
      for (let i = 0; i < from; i++) {
        if (rows[i]!.kind !== '+') oldStart++;
        if (rows[i]!.kind !== '-') newStart++;
      }
      const hunk = rows.slice(from, to + 1);
      const oldLen = hunk.filter((r) => r.kind !== '+').length;
      const newLen = hunk.filter((r) => r.kind !== '-').length;
      out += `@@ -${oldLen ? oldStart + 1 : oldStart},${oldLen} +${newLen ? newStart + 1 : newStart},${newLen} @@\n`;
      for (const r of hunk) {
        out += r.kind + r.text;
        if (!r.text.endsWith('\n')) out += '\n\\ No newline at end of file\n';
      }
      g = h + 1;
    }
  }
  return out;
}

/** The edited files' new bytes, by absolute path. */
export function plannedBytes(plan: WritePlan): Map<string, Uint8Array> {
  return new Map(plan.files.map((fe) => [fe.file.path, newBytes(fe)]));
}

/**
 * Write the plan through src/io/write.ts: every edited file or none, each with a fresh backup
 * (FILE.bak, else FILE.bak.1 …), under FILE.pgvet-lock, and only if no file changed since it was
 * read. Throws WriteError (one line naming the file) with every file as it was.
 */
export function applyWrite(plan: WritePlan, fsLayer?: WriteFs): WriteResult {
  return writeFiles(
    plan.files.map((fe) => ({ path: fe.file.path, display: fe.file.displayPath, expected: fe.file.parsed.bytes, content: newBytes(fe) })),
    { backup: true, lock: true, ...(fsLayer ? { fs: fsLayer } : {}) },
  );
}
