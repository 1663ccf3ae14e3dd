/**
 * Reading a configuration with its includes, as the server's ParseConfigFile /
 * ParseConfigDirectory do (guc-file.l, conffiles.c in 16+):
 *
 * - paths are relative to the directory of the including file; absolute paths as they are;
 * - an all-blank name is an error ("empty configuration file name");
 * - nesting deeper than 10 below the main file is an error; a file including itself directly
 *   is "configuration file recursion"; indirect cycles hit the depth limit;
 * - include_if_exists skips a file that does not exist (ENOENT only);
 * - include_dir takes the entries ending in ".conf" (at least 6 bytes long, not starting with
 *   "."), skips directories, and sorts them bytewise (strcmp);
 * - the included settings take their place in the list at the position of the directive.
 *
 * Unlike the server, pgvet does not stop at the first problem: it reports them all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConf, type ConfEntry, type ParsedFile } from '../parse/parser.js';

export const MAX_INCLUDE_DEPTH = 10;

/**
 * The server reads its configuration before it knows how many files it may open, so fd.c allows
 * 16 allocated descriptors (files and directories) at once; measured on 13.23, 14.23 and 15.18,
 * where ParseConfigDirectory keeps each include_dir open while it parses the files inside. From
 * 16 the directory is listed and closed first (GetConfFilesInDir), and the nesting limit of 10
 * keeps the open files under 16.
 */
export const STARTUP_ALLOCATED_DESCS = 16;
export const LAST_VERSION_HOLDING_CONFIG_DIRS = 15;

export interface SourceFile {
  /** Absolute, normalised path (the server's canonical path). */
  path: string;
  /** The path shown to the user. */
  displayPath: string;
  parsed: ParsedFile;
  depth: number;
  includedFrom?: { file: SourceFile; line: number };
  /** Descriptors the server holds while it parses this file: it and every file and directory around it. */
  openDescs: number;
}

export type IncludeProblemKind =
  | 'missing-file'
  | 'missing-directory'
  | 'unreadable'
  | 'not-a-regular-file'
  | 'depth-exceeded'
  | 'recursion'
  | 'empty-name'
  | 'binary'
  | 'too-many-open';

export interface IncludeProblem {
  kind: IncludeProblemKind;
  /** The file and line of the directive. */
  file: SourceFile;
  line: number;
  column: number;
  /** The target as written and as resolved. */
  target: string;
  resolved: string;
  /** True when the target path was absolute: its existence depends on the server host. */
  absolute: boolean;
  detail: string;
}

export interface ConfigItem {
  entry: ConfEntry;
  file: SourceFile;
}

export interface LoadedConfig {
  main: SourceFile;
  files: SourceFile[];
  /** Setting lines in the server's order, includes expanded in place. */
  items: ConfigItem[];
  includeProblems: IncludeProblem[];
  /** include_if_exists targets that were missing (the server logs and continues). */
  skippedIncludes: Array<{ file: SourceFile; line: number; resolved: string }>;
}

/** File access, injectable (stdin, tests). */
export interface FileReader {
  readFile(p: string): Uint8Array;
  readDir(p: string): string[];
  /** 'file' | 'dir' | 'other' | null (missing) */
  kind(p: string): 'file' | 'dir' | 'other' | null;
}

export const diskReader: FileReader = {
  readFile: (p) => fs.readFileSync(p),
  readDir: (p) => fs.readdirSync(p),
  kind(p) {
    try {
      const st = fs.statSync(p);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
    } catch {
      return null;
    }
  },
};

/** An error about the main input, reported as a one-line message with exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': return 'Permission denied';
    case 'EISDIR': return 'Is a directory';
    case 'ENOTDIR': return 'Not a directory';
    case 'ELOOP': return 'Too many levels of symbolic links';
    default: return (err as Error).message;
  }
}

const BINARY_MAGIC: readonly number[][] = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x1f, 0x8b], // gzip
  [0x50, 0x4b, 0x03, 0x04], // zip
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0xfe, 0xed, 0xfa], // Mach-O
];

/**
 * A binary file, not a configuration with a stray control byte: a known binary signature, or more
 * than 10% NUL and other control bytes in the first 8kB. (The server reads a stray NUL as a
 * syntax error, or as part of a comment or string, and pgvet does the same.)
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_MAGIC.some((m) => m.every((b, i) => bytes[i] === b))) return true;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
  }
  return n > 0 && control > n / 10;
}

function displayFor(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export interface LoadOptions {
  reader?: FileReader;
  cwd?: string;
  /** Use these bytes for the main file instead of reading it (stdin). */
  mainBytes?: Uint8Array;
  /** The major version: 13–15 keep include_dir directories open (STARTUP_ALLOCATED_DESCS). */
  version?: number;
}

export function loadConfig(mainPath: string, options: LoadOptions = {}): LoadedConfig {
  const reader = options.reader ?? diskReader;
  const cwd = options.cwd ?? process.cwd();
  const mainAbs = path.resolve(cwd, mainPath);

  let mainBytes = options.mainBytes;
  if (!mainBytes) {
    const kind = reader.kind(mainAbs);
    if (kind === null) throw new InputError(mainPath, `cannot read ${mainPath}: No such file or directory`);
    if (kind === 'dir') throw new InputError(mainPath, `cannot read ${mainPath}: Is a directory (give the postgresql.conf file)`);
    try {
      mainBytes = reader.readFile(mainAbs);
    } catch (err) {
      throw new InputError(mainPath, `cannot read ${mainPath}: ${errnoText(err)}`);
    }
  }
  if (looksBinary(mainBytes)) throw new InputError(mainPath, `cannot lint ${mainPath}: it is a binary file, not a configuration file`);

  const main: SourceFile = { path: mainAbs, displayPath: mainPath, parsed: parseConf(mainBytes), depth: 0, openDescs: 1 };
  const dirsHeld = (options.version ?? LAST_VERSION_HOLDING_CONFIG_DIRS + 1) <= LAST_VERSION_HOLDING_CONFIG_DIRS;
  const result: LoadedConfig = { main, files: [main], items: [], includeProblems: [], skippedIncludes: [] };

  const problem = (kind: IncludeProblemKind, file: SourceFile, entry: ConfEntry, resolved: string, detail: string): void => {
    result.includeProblems.push({
      kind,
      file,
      line: entry.line,
      column: entry.column,
      target: entry.value,
      resolved,
      absolute: path.isAbsolute(entry.value),
      detail,
    });
  };

  /** ParseConfigFile for one target; returns the SourceFile when it was read. */
  const includeFile = (target: string, strict: boolean, from: SourceFile, entry: ConfEntry, depth: number, viaDir: boolean): void => {
    if (!viaDir && /^[ \t\r\n]*$/.test(target)) return problem('empty-name', from, entry, target, `empty configuration file name: "${target}"`);
    if (depth > MAX_INCLUDE_DEPTH) {
      return problem('depth-exceeded', from, entry, target, `could not open configuration file "${target}": maximum nesting depth exceeded`);
    }
    const abs = path.resolve(path.dirname(from.path), target);
    if (abs === from.path) return problem('recursion', from, entry, abs, `configuration file recursion in "${from.path}"`);
    // AllocateFile reserves a descriptor before it looks for the file; 13–15 still hold the include_dir
    const held = from.openDescs + (viaDir && dirsHeld ? 1 : 0);
    if (held + 1 > STARTUP_ALLOCATED_DESCS) return problem('too-many-open', from, entry, abs, `exceeded maxAllocatedDescs (${STARTUP_ALLOCATED_DESCS}) while trying to open file "${abs}"`);
    const kind = reader.kind(abs);
    if (kind === null) {
      if (!strict) {
        result.skippedIncludes.push({ file: from, line: entry.line, resolved: abs });
        return;
      }
      return problem('missing-file', from, entry, abs, `could not open configuration file "${abs}": No such file or directory`);
    }
    if (kind === 'dir') {
      // fopen() of a directory succeeds and the scanner then fails to read it
      return problem('not-a-regular-file', from, entry, abs, `input in flex scanner failed at file "${abs}" line 1`);
    }
    // other non-regular files (e.g. /dev/null) are read like files
    let bytes: Uint8Array;
    try {
      bytes = reader.readFile(abs);
    } catch (err) {
      return problem('unreadable', from, entry, abs, `could not open configuration file "${abs}": ${errnoText(err)}`);
    }
    if (looksBinary(bytes)) return problem('binary', from, entry, abs, `"${abs}" is a binary file, not a configuration file`);
    const file: SourceFile = { path: abs, displayPath: displayFor(abs, cwd), parsed: parseConf(bytes), depth, includedFrom: { file: from, line: entry.line }, openDescs: held + 1 };
    result.files.push(file);
    walk(file);
  };

  const includeDir = (target: string, from: SourceFile, entry: ConfEntry, depth: number): void => {
    if (/^[ \t\r\n]*$/.test(target)) return problem('empty-name', from, entry, target, `empty configuration directory name: "${target}"`);
    const dir = path.resolve(path.dirname(from.path), target);
    if (dirsHeld && from.openDescs + 1 > STARTUP_ALLOCATED_DESCS) return problem('too-many-open', from, entry, dir, `exceeded maxAllocatedDescs (${STARTUP_ALLOCATED_DESCS}) while trying to open directory "${dir}"`);
    let names: string[];
    try {
      if (reader.kind(dir) !== 'dir') throw Object.assign(new Error('not a directory'), { code: reader.kind(dir) === null ? 'ENOENT' : 'ENOTDIR' });
      names = reader.readDir(dir);
    } catch (err) {
      return problem('missing-directory', from, entry, dir, `could not open configuration directory "${dir}": ${errnoText(err)}`);
    }
    const files = names
      .filter((n) => Buffer.byteLength(n) >= 6 && !n.startsWith('.') && n.endsWith('.conf'))
      .map((n) => path.join(dir, n))
      .filter((p) => reader.kind(p) !== 'dir')
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const f of files) includeFile(f, true, from, entry, depth, true);
  };

  const walk = (file: SourceFile): void => {
    for (const entry of file.parsed.entries) {
      switch (entry.kind) {
        case 'setting':
          result.items.push({ entry, file });
          break;
        case 'include':
          includeFile(entry.value, true, file, entry, file.depth + 1, false);
          break;
        case 'include_if_exists':
          includeFile(entry.value, false, file, entry, file.depth + 1, false);
          break;
        case 'include_dir':
          includeDir(entry.value, file, entry, file.depth + 1);
          break;
      }
    }
  };
  walk(main);
  return result;
}
