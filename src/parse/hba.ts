/**
 * pg_hba.conf (--hba FILE), read and tokenized the way the server's hba.c does it for each major
 * version: records of fields, a field a comma-separated list of tokens, "double quotes" around
 * tokens with blanks, commas or '#' ("" is a quote inside), '#' comments, `@file` token lists,
 * continuation lines ending in a backslash (14+), and include / include_if_exists / include_dir
 * records (16+). The meaning of each record is src/parse/hba-line.ts; the facts per version are
 * src/catalog/hba.ts.
 *
 * Reading and tokenizing are apart: `readHba` reads the file and every file it may refer to
 * (once, bounded in number), so that tokenizing for a version is a pure function of what was read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HBA_FACTS, inVersions } from '../catalog/hba.js';
import type { PgMajor } from '../catalog/types.js';
import { InputError } from '../resolve/load.js';
import { readTextFile, ReadError, reasonOf } from '../io/read.js';

/** A file or directory a pg_hba.conf refers to, as it was found when it was read. */
export type HbaRef =
  | { kind: 'file'; text: string }
  | { kind: 'dir'; entries: Array<{ name: string; kind: 'file' | 'dir' | 'other' }> }
  | { kind: 'missing' }
  | { kind: 'unreadable'; message: string };

export interface HbaFile {
  /** The path as the user gave it (shown in findings). */
  path: string;
  /** Absolute path: includes and @files are relative to its directory. */
  absPath: string;
  text: string;
  /** What the files and directories it refers to held when it was read, by absolute path. */
  refs: ReadonlyMap<string, HbaRef>;
}

export interface HbaToken {
  text: string;
  /** A double quote before the first character: not a keyword, not an @file. */
  quoted: boolean;
}

/** One record (logical line) of a pg_hba.conf or of a file it includes, in the server's order. */
export interface TokenizedLine {
  /** The file as shown to the user, and its absolute path. */
  file: string;
  absFile: string;
  line: number;
  raw: string;
  fields: HbaToken[][];
  /** The server's message when the record cannot even be tokenized (or an include fails). */
  error?: string;
  /** An @file or include whose target depends on the server host (an absolute path pgvet could not read). */
  hostDependent?: string;
}

/** How many files a pg_hba.conf may pull in before pgvet stops reading (a loop of includes is bounded by depth anyway). */
const MAX_REFERENCED_FILES = 1000;

/** Read a text file; the only place pg_hba.conf bytes come from disk. */
function readText(file: string): string {
  // bounded (--max-file-size), regular files only: a FIFO or /dev/zero is refused before it is read
  return readTextFile(file);
}

function refOf(abs: string): HbaRef {
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) {
      const entries = fs.readdirSync(abs).map((name) => {
        try {
          const s = fs.statSync(path.join(abs, name));
          return { name, kind: s.isFile() ? ('file' as const) : s.isDirectory() ? ('dir' as const) : ('other' as const) };
        } catch {
          return { name, kind: 'other' as const };
        }
      });
      return { kind: 'dir', entries };
    }
    if (!st.isFile()) return { kind: 'unreadable', message: 'not a regular file' };
    return { kind: 'file', text: readText(abs) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    if (err instanceof ReadError) return { kind: 'unreadable', message: err.message };
    return { kind: 'unreadable', message: code === 'EACCES' ? 'Permission denied' : (err as Error).message };
  }
}

/** Read --hba FILE and what it refers to. A missing or unreadable main file is an input error (exit 2). */
export function readHba(file: string): HbaFile {
  let text: string;
  try {
    text = readText(file);
  } catch (err) {
    throw new InputError(file, `cannot read ${file}: ${reasonOf(err)}`);
  }
  return parseHba(text, file, { reader: refOf });
}

export interface ParseHbaOptions {
  /** Absolute path of the file (default: resolved from `displayPath`). */
  absPath?: string;
  /** Reads a referenced file or directory (default: nothing can be read, every target is missing). */
  reader?: (absPath: string) => HbaRef;
}

/** A pg_hba.conf from its text; the files it refers to are read with `options.reader`. */
export function parseHba(text: string, displayPath: string, options: ParseHbaOptions = {}): HbaFile {
  const absPath = options.absPath ?? path.resolve(displayPath);
  const reader = options.reader ?? ((): HbaRef => ({ kind: 'missing' }));
  const refs = new Map<string, HbaRef>();
  // Every version's reading of every file is scanned for targets: @tokens and include records.
  const queue: Array<{ abs: string; text: string; depth: number }> = [{ abs: absPath, text, depth: 0 }];
  while (queue.length > 0 && refs.size < MAX_REFERENCED_FILES) {
    const { abs, text: t, depth } = queue.shift()!;
    if (depth > HBA_FACTS.maxIncludeDepth) continue;
    for (const target of referencedPaths(t, abs)) {
      if (refs.has(target.abs)) continue;
      const ref = reader(target.abs);
      refs.set(target.abs, ref);
      if (ref.kind === 'file') queue.push({ abs: target.abs, text: ref.text, depth: depth + 1 });
      if (ref.kind === 'dir' && target.dir) {
        for (const e of confFiles(ref)) {
          const f = path.join(target.abs, e);
          if (refs.has(f)) continue;
          const r = reader(f);
          refs.set(f, r);
          if (r.kind === 'file') queue.push({ abs: f, text: r.text, depth: depth + 1 });
        }
      }
    }
  }
  return { path: displayPath, absPath, text, refs };
}

/** The files of an include_dir the server reads: names ending in ".conf", not starting with ".", regular files, in strcmp order (GetConfFilesInDir). */
export function confFiles(ref: Extract<HbaRef, { kind: 'dir' }>): string[] {
  return ref.entries
    .filter((e) => e.kind === 'file' && !e.name.startsWith('.') && e.name.length >= 6 && e.name.endsWith('.conf'))
    .map((e) => e.name)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** AbsoluteConfigLocation: absolute as is, else relative to the directory of the file that names it. */
export function resolveFrom(outerAbs: string, target: string): string {
  return path.isAbsolute(target) ? path.normalize(target) : path.join(path.dirname(outerAbs), target);
}

function referencedPaths(text: string, abs: string): Array<{ abs: string; dir: boolean }> {
  const out: Array<{ abs: string; dir: boolean }> = [];
  for (const continuation of [true, false]) {
    for (const { content } of logicalLines(text, continuation ? 16 : 13)) {
      const fields = plainFields(content);
      for (const f of fields) for (const t of f) if (!t.quoted && t.text.length > 1 && t.text.startsWith('@')) out.push({ abs: resolveFrom(abs, t.text.slice(1)), dir: false });
      if (fields.length === 2) {
        const [first, second] = [fields[0]![0]!.text, fields[1]![0]!.text];
        if (first === 'include' || first === 'include_if_exists') out.push({ abs: resolveFrom(abs, second), dir: false });
        if (first === 'include_dir') out.push({ abs: resolveFrom(abs, second), dir: true });
      }
    }
  }
  return out;
}

/* ---------- lines ---------- */

interface LogicalLine {
  line: number;
  /** Physical lines this record took beyond the first (continuations). */
  continuations: number;
  content: string;
  tooLong?: boolean;
}

function stripCrlf(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
  return s.slice(0, end);
}

/**
 * The records of a file for a version: 13 reads fixed-size chunks with fgets (a longer line is an
 * error, and its rest is read as the next line); 14+ reads whole lines and joins a line ending in
 * a backslash with the next (the backslash must lie after the last continuation point).
 */
function logicalLines(text: string, v: PgMajor): LogicalLine[] {
  const out: LogicalLine[] = [];
  if (inVersions(v, HBA_FACTS.lineLimit.versions)) {
    const bytes = Buffer.from(text, 'utf8');
    const limit = HBA_FACTS.lineLimit.bytes;
    let line = 1;
    for (let p = 0; p < bytes.length; ) {
      const nl = bytes.indexOf(0x0a, p);
      const end = Math.min(nl < 0 ? bytes.length : nl + 1, p + limit);
      const chunk = bytes.subarray(p, end);
      out.push({ line, continuations: 0, content: stripCrlf(chunk.toString('utf8')), ...(chunk.length === limit ? { tooLong: true } : {}) });
      line++;
      p = end;
    }
    return out;
  }
  const physical = text.split('\n');
  if (physical[physical.length - 1] === '') physical.pop();
  const continuation = inVersions(v, HBA_FACTS.continuationLines);
  let line = 1;
  for (let i = 0; i < physical.length; ) {
    let buf = '';
    let lastBackslash = 0;
    let continuations = 0;
    for (;;) {
      buf = stripCrlf(buf + physical[i]!);
      i++;
      if (continuation && buf.length > lastBackslash && buf.endsWith('\\') && i <= physical.length) {
        buf = buf.slice(0, -1);
        lastBackslash = buf.length;
        continuations++;
        if (i < physical.length) continue;
      }
      break;
    }
    out.push({ line, continuations, content: buf });
    line += continuations + 1;
  }
  return out;
}

/* ---------- tokens ---------- */

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';

interface NextToken {
  token: HbaToken | null;
  comma: boolean;
  end: number;
  tooLong?: boolean;
}

/** next_token: one token from position p; null when the line has no more. */
function nextToken(s: string, p: number, tokenLimit: number | null): NextToken {
  while (p < s.length && (isBlank(s[p]) || s[p] === ',')) p++;
  let text = '';
  let bytes = 0;
  let inQuote = false;
  let wasQuote = false;
  let sawQuote = false;
  let initialQuote = false;
  let comma = false;
  while (p < s.length && (!isBlank(s[p]) || inQuote)) {
    const c = s[p]!;
    if (c === '#' && !inQuote) {
      p = s.length;
      break;
    }
    if (tokenLimit !== null && bytes >= tokenLimit) return { token: null, comma: false, end: s.length, tooLong: true };
    if (c === ',' && !inQuote) {
      comma = true;
      break;
    }
    if (c !== '"' || wasQuote) {
      text += c;
      bytes += Buffer.byteLength(c);
    }
    wasQuote = inQuote && c === '"' ? !wasQuote : false;
    if (c === '"') {
      inQuote = !inQuote;
      sawQuote = true;
      if (text.length === 0) initialQuote = true;
    }
    p++;
  }
  return { token: sawQuote || text.length > 0 ? { text, quoted: initialQuote } : null, comma, end: p };
}

/** The fields of a line without @ expansion (for finding what a file refers to). */
function plainFields(content: string): HbaToken[][] {
  const fields: HbaToken[][] = [];
  let p = 0;
  while (p < content.length) {
    const field: HbaToken[] = [];
    for (;;) {
      const t = nextToken(content, p, null);
      p = t.end;
      if (!t.token) break;
      field.push(t.token);
      if (!t.comma) break;
    }
    if (field.length) fields.push(field);
    if (p >= content.length) break;
  }
  return fields;
}

/* ---------- files, @files and includes, for one version ---------- */

export interface HbaTokens {
  lines: TokenizedLine[];
}

interface Ctx {
  hba: HbaFile;
  v: PgMajor;
  display(abs: string): string;
}

function atFileError(ctx: Ctx, written: string, abs: string, why: string): string {
  const style = HBA_FACTS.atFileMessage.find((m) => inVersions(ctx.v, m.versions))!.style;
  return style === 'secondary' ? `could not open secondary authentication file "@${written}" as "${ctx.display(abs)}": ${why}` : `could not open file "${ctx.display(abs)}": ${why}`;
}

function refWhy(ref: HbaRef | undefined): string {
  return ref === undefined || ref.kind === 'missing' ? 'No such file or directory' : ref.kind === 'unreadable' ? ref.message : 'Is a directory';
}

/** The tokens an @file contributes (all its records' tokens), or its error. */
function expandAtFile(ctx: Ctx, outerAbs: string, written: string, depth: number): { tokens: HbaToken[]; error?: string; hostDependent?: string } {
  const abs = resolveFrom(outerAbs, written);
  // 16+ refuses deeper nesting; before 16 the server recursed without a limit (pgvet stops at the same depth)
  if (depth > HBA_FACTS.maxIncludeDepth) return { tokens: [], error: `could not open file "${ctx.display(abs)}": maximum nesting depth exceeded` };
  const ref = ctx.hba.refs.get(abs);
  if (ref?.kind !== 'file') {
    if (path.isAbsolute(written) && (ref === undefined || ref.kind === 'missing')) return { tokens: [], hostDependent: `the list file "${abs}" must exist on the server host` };
    return { tokens: [], error: atFileError(ctx, written, abs, refWhy(ref)) };
  }
  const lines: TokenizedLine[] = [];
  tokenizeFile(ctx, abs, ref.text, depth, lines);
  const tokens: HbaToken[] = [];
  for (const l of lines) {
    if (l.error) return { tokens, error: l.error };
    if (l.hostDependent) return { tokens, hostDependent: l.hostDependent };
    for (const f of l.fields) tokens.push(...f);
  }
  return { tokens };
}

function tokenizeFile(ctx: Ctx, abs: string, text: string, depth: number, out: TokenizedLine[]): void {
  const v = ctx.v;
  const tokenLimit = inVersions(v, HBA_FACTS.tokenLimit.versions) ? HBA_FACTS.tokenLimit.bytes : null;
  const includes = inVersions(v, HBA_FACTS.includes);
  const file = ctx.display(abs);
  for (const ll of logicalLines(text, v)) {
    const record: TokenizedLine = { file, absFile: abs, line: ll.line, raw: ll.content, fields: [] };
    if (ll.tooLong) {
      out.push({ ...record, error: 'authentication file line too long' });
      continue;
    }
    let error: string | undefined;
    let hostDependent: string | undefined;
    let p = 0;
    const s = ll.content;
    while (p < s.length && error === undefined && hostDependent === undefined) {
      const field: HbaToken[] = [];
      for (;;) {
        const t = nextToken(s, p, tokenLimit);
        p = t.end;
        if (t.tooLong) {
          error = 'authentication file token too long';
          break;
        }
        if (!t.token) break;
        if (!t.token.quoted && t.token.text.length > 1 && t.token.text.startsWith('@')) {
          const x = expandAtFile(ctx, abs, t.token.text.slice(1), depth + 1);
          field.push(...x.tokens);
          if (x.error) error = x.error;
          if (x.hostDependent) hostDependent = x.hostDependent;
        } else field.push(t.token);
        if (!t.comma || error !== undefined || hostDependent !== undefined) break;
      }
      if (field.length) record.fields.push(field);
    }
    if (record.fields.length === 0 && error === undefined && hostDependent === undefined) continue;
    if (error !== undefined) {
      out.push({ ...record, error });
      continue;
    }
    if (hostDependent !== undefined) {
      out.push({ ...record, hostDependent });
      continue;
    }
    if (includes && record.fields.length === 2) {
      const first = record.fields[0]![0]!.text;
      const second = record.fields[1]![0]!.text;
      if (first === 'include' || first === 'include_if_exists') {
        const problem = includeFile(ctx, abs, second, depth + 1, first === 'include_if_exists', out);
        if (problem?.error) out.push({ ...record, error: problem.error });
        if (problem?.hostDependent) out.push({ ...record, hostDependent: problem.hostDependent });
        continue;
      }
      if (first === 'include_dir') {
        const problem = includeDir(ctx, abs, second, depth + 1, out);
        if (problem?.error) out.push({ ...record, error: problem.error });
        if (problem?.hostDependent) out.push({ ...record, hostDependent: problem.hostDependent });
        continue;
      }
    }
    out.push(record);
  }
}

type IncludeProblem = { error?: string; hostDependent?: string } | null;

function includeFile(ctx: Ctx, outerAbs: string, written: string, depth: number, missingOk: boolean, out: TokenizedLine[]): IncludeProblem {
  const abs = resolveFrom(outerAbs, written);
  if (depth > HBA_FACTS.maxIncludeDepth) return { error: `could not open file "${ctx.display(abs)}": maximum nesting depth exceeded` };
  const ref = ctx.hba.refs.get(abs);
  if (ref?.kind === 'file') {
    tokenizeFile(ctx, abs, ref.text, depth, out);
    return null;
  }
  if (ref === undefined || ref.kind === 'missing') {
    if (missingOk) return null; // "skipping missing authentication file"
    if (path.isAbsolute(written)) return { hostDependent: `the included file "${abs}" must exist on the server host` };
  }
  return { error: ref?.kind === 'dir' ? `could not read file "${ctx.display(abs)}": Is a directory` : `could not open file "${ctx.display(abs)}": ${refWhy(ref)}` };
}

function includeDir(ctx: Ctx, outerAbs: string, written: string, depth: number, out: TokenizedLine[]): IncludeProblem {
  if (written.trim() === '') return { error: `empty configuration directory name: "${written}"` };
  const abs = resolveFrom(outerAbs, written);
  const ref = ctx.hba.refs.get(abs);
  if (ref?.kind !== 'dir') {
    if (path.isAbsolute(written) && (ref === undefined || ref.kind === 'missing')) return { hostDependent: `the included directory "${abs}" must exist on the server host` };
    return { error: `could not open directory "${ctx.display(abs)}"` };
  }
  const errors: string[] = [];
  for (const name of confFiles(ref)) {
    const problem = includeFile(ctx, abs, path.join(abs, name), depth, false, out);
    if (problem?.error) errors.push(problem.error);
  }
  return errors.length ? { error: errors.join('\n') } : null;
}

/** The records of the pg_hba.conf and of the files it includes, for one major version, in the server's order. */
export function tokenizeHba(hba: HbaFile, v: PgMajor): TokenizedLine[] {
  const base = path.dirname(hba.absPath);
  const shownBase = path.dirname(hba.path);
  const ctx: Ctx = {
    hba,
    v,
    // files beside the pg_hba.conf are shown the way its own path was given
    display: (abs) => (abs === hba.absPath ? hba.path : path.isAbsolute(hba.path) ? abs : path.join(shownBase, path.relative(base, abs))),
  };
  const out: TokenizedLine[] = [];
  tokenizeFile(ctx, hba.absPath, hba.text, 0, out);
  return out;
}

/**
 * Does a file given as a postgresql.conf look like a pg_hba.conf? At least half of its records
 * (include lines aside: both files have them) start with a connection type followed by more fields, and none has the
 * `name = value` shape of a setting.
 */
export function looksLikeHba(text: string): boolean {
  let hba = 0;
  let other = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    if (/^[A-Za-z_][\w.]*\s*=/.test(line)) return false;
    // include lines are written the same way in both files: they say nothing either way
    if (/^(include|include_if_exists|include_dir)\s+\S/.test(line)) continue;
    if (/^"?(local|host|hostssl|hostnossl|hostgssenc|hostnogssenc)"?\s+\S/.test(line)) hba++;
    else other++;
  }
  return hba > 0 && hba >= other;
}
