/**
 * Reading a configuration with its includes, as the server's ParseConfigFile /
 * ParseConfigDirectory do (guc-file.l, conffiles.c in 16+):
 *
 * - paths are relative to the directory of the including file; absolute paths as they are;
 * - an all-blank name is an error ("empty configuration file name");
 * - nesting deeper than 10 below the main file is an error; a file including itself directly
 *   is "configuration file recursion"; indirect cycles hit the depth limit;
 * - include_if_exists skips a file it cannot open, whatever the reason (ENOENT, EACCES, ELOOP,
 *   ENXIO for a socket: all measured); a directory or a FIFO is opened, so it is no excuse;
 * - a FIFO hangs the server in open(), a directory fails in the scanner, a device is read like a
 *   file (/dev/null is empty; /dev/zero never ends);
 * - include_dir takes the entries ending in ".conf" (at least 6 bytes long, not starting with
 *   "."), stat()s each (a failure ends the directive), skips directories, sorts them bytewise
 *   (strcmp), and parses them in turn until one fails (a syntax error or a failed include in it,
 *   at any depth): the files after it are never read;
 * - the included settings take their place in the list at the position of the directive.
 *
 * Within a file pgvet does not stop at the first problem, and neither does the server: every
 * line is read and every failed include reported. Reads are bounded (src/io/read.ts), and so is
 * the configuration as a whole: at most --max-file-size bytes with its includes (each inclusion
 * counted) and MAX_INCLUSIONS include directives followed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConf, type ConfEntry, type ParsedFile } from '../parse/parser.js';
import { formatBytes } from '../format.js';
import { LIMIT_HINT, maxFileSize, readFileBounded, readStdin, reasonOf, statType, type FileType, type ReadError } from '../io/read.js';

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

/** What stat() says is at a path (symlinks followed). */
export type FileKind = 'file' | 'dir' | 'fifo' | 'socket' | 'device' | 'other';

/** File access, injectable (stdin, tests). Errors carry an errno `code` (ENOENT, EACCES, ELOOP…). */
export interface FileReader {
  /**
   * The bytes of a file, at most maxBytes (else an error with code ETOOBIG). `devices`: the path
   * is a device and may be read like a file (the server reads an include of /dev/null).
   */
  readFile(p: string, options?: { maxBytes?: number; devices?: boolean }): Uint8Array;
  readDir(p: string): string[];
  /** What is at p: null when nothing is (ENOENT); throws (with its errno `code`) when stat fails otherwise. */
  kind(p: string): FileKind | null;
}

const KIND_OF: Record<FileType, FileKind> = {
  'regular file': 'file',
  directory: 'dir',
  FIFO: 'fifo',
  socket: 'socket',
  'character device': 'device',
  'block device': 'device',
  'unknown file type': 'other',
};

/** The disk, read through src/io/read.ts: regular files (and devices when asked), bounded, never blocking. */
export const diskReader: FileReader = {
  readFile: (p, options = {}) => readFileBounded(p, options),
  readDir: (p) => fs.readdirSync(p),
  kind(p) {
    try {
      return KIND_OF[statType(p)];
    } catch (err) {
      if ((err as ReadError).code === 'ENOENT') return null;
      throw err;
    }
  },
};

// An error about an input file: one line, exit 2 (src/errors.ts).
export { InputError } from '../errors.js';
import { InputError } from '../errors.js';

const errnoText = reasonOf;

/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';

/**
 * Standard input as a configuration file (`lint -`, `simulate -`, `tune -`): bounded like a file
 * (a stream of /dev/zero stops at the limit); a directory is refused. Throws InputError.
 */
export function readStdinConfig(): Uint8Array {
  try {
    return readStdin();
  } catch (err) {
    throw new InputError(STDIN_NAME, `cannot read ${STDIN_NAME}: ${reasonOf(err)}`);
  }
}

const codeOf = (err: unknown): string => String((err as { code?: unknown })?.code ?? '');

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
  /** The most bytes read for the configuration, includes counted each time (default: maxFileSize(), --max-file-size). */
  maxBytes?: number;
}

/**
 * Includes can fan out: a file that includes another twice, which includes the first twice, makes
 * 2^10 paths before the depth limit stops them, and the server follows every one (3 × 3 includes
 * make 59,049 errors in 1.6 s on PostgreSQL 17). pgvet follows at most this many include
 * directives for one configuration and then stops with an input error: far above any real
 * configuration (10,000 files in one include_dir take under 10 s), far below a hang.
 */
export const MAX_INCLUSIONS = 100_000;

/**
 * How much a device given as an include may yield before pgvet calls it endless. The server reads
 * a device like a file: /dev/null is an empty file, /dev/zero a line that never ends (it spins on
 * it), /dev/urandom a syntax error.
 */
export const DEVICE_READ_LIMIT = 1024 * 1024;

const BLANK = /^[ \t\r\n]*$/;

export function loadConfig(mainPath: string, options: LoadOptions = {}): LoadedConfig {
  const reader = options.reader ?? diskReader;
  const cwd = options.cwd ?? process.cwd();
  const mainAbs = path.resolve(cwd, mainPath);
  const budget = options.maxBytes ?? maxFileSize();

  let mainBytes = options.mainBytes;
  if (!mainBytes) {
    let kind: FileKind | null;
    try {
      kind = reader.kind(mainAbs);
    } catch (err) {
      throw new InputError(mainPath, `cannot read ${mainPath}: ${errnoText(err)}`);
    }
    if (kind === null) throw new InputError(mainPath, `cannot read ${mainPath}: No such file or directory`);
    if (kind === 'dir') throw new InputError(mainPath, `cannot read ${mainPath}: Is a directory (give the postgresql.conf file)`);
    try {
      // a FIFO, socket or device is refused before it is opened (src/io/read.ts)
      mainBytes = reader.readFile(mainAbs, { maxBytes: budget });
    } catch (err) {
      const hint = codeOf(err) === 'ENOTREG' ? '; to read a pipe, give "-" and standard input' : '';
      throw new InputError(mainPath, `cannot read ${mainPath}: ${errnoText(err)}${hint}`);
    }
  } else if (mainBytes.length > budget) {
    throw new InputError(mainPath, `cannot read ${mainPath}: larger than ${formatBytes(budget)}; ${LIMIT_HINT}`);
  }
  if (looksBinary(mainBytes)) throw new InputError(mainPath, `cannot lint ${mainPath}: it is a binary file, not a configuration file`);

  const main: SourceFile = { path: mainAbs, displayPath: mainPath, parsed: parseConf(mainBytes), depth: 0, openDescs: 1 };
  const dirsHeld = (options.version ?? LAST_VERSION_HOLDING_CONFIG_DIRS + 1) <= LAST_VERSION_HOLDING_CONFIG_DIRS;
  const result: LoadedConfig = { main, files: [main], items: [], includeProblems: [], skippedIncludes: [] };
  let bytesRead = mainBytes.length;
  let inclusions = 0;
  // Each file is read and parsed once; including it again (fan-out) reuses it.
  const parsedFiles = new Map<string, ParsedFile>();
  const seenProblems = new Set<string>();

  /** Record a problem (once per directive and text: a fanned-out include fails the same way on every path). */
  const problem = (kind: IncludeProblemKind, file: SourceFile, entry: ConfEntry, resolved: string, detail: string): false => {
    const key = `${file.path}\u0000${entry.line}\u0000${kind}\u0000${detail}`;
    if (seenProblems.has(key)) return false;
    seenProblems.add(key);
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
    return false;
  };

  const where = (from: SourceFile, entry: ConfEntry): string => `${from.displayPath}:${entry.line}`;

  /** pgvet's limit, not the server's: an input error naming the file that went over it. */
  const overBudget = (abs: string, from: SourceFile, entry: ConfEntry): never => {
    throw new InputError(
      mainPath,
      `cannot read ${displayFor(abs, cwd)} (included from ${where(from, entry)}): ${mainPath} and its includes are larger than ${formatBytes(budget)} together; ${LIMIT_HINT}`,
    );
  };

  /** Read an included file within what is left of the budget (a device: at most DEVICE_READ_LIMIT). */
  const readIncluded = (abs: string, device: boolean, from: SourceFile, entry: ConfEntry): Uint8Array => {
    const left = budget - bytesRead;
    try {
      const bytes = reader.readFile(abs, device ? { maxBytes: Math.min(DEVICE_READ_LIMIT, left), devices: true } : { maxBytes: left });
      bytesRead += bytes.length;
      return bytes;
    } catch (err) {
      if (codeOf(err) === 'ETOOBIG' && !(device && left >= DEVICE_READ_LIMIT)) overBudget(abs, from, entry);
      throw err;
    }
  };

  /**
   * ParseConfigFile for one target. Returns false when the server's ParseConfigFile would (a
   * problem here or in anything it includes, or a syntax error): include_dir stops there.
   */
  const includeFile = (target: string, strict: boolean, from: SourceFile, entry: ConfEntry, depth: number, viaDir: boolean): boolean => {
    if (!viaDir && BLANK.test(target)) return problem('empty-name', from, entry, target, `empty configuration file name: "${target}"`);
    if (depth > MAX_INCLUDE_DEPTH) {
      return problem('depth-exceeded', from, entry, target, `could not open configuration file "${target}": maximum nesting depth exceeded`);
    }
    const abs = path.resolve(path.dirname(from.path), target);
    if (abs === from.path) return problem('recursion', from, entry, abs, `configuration file recursion in "${from.path}"`);
    // AllocateFile reserves a descriptor before it looks for the file; 13–15 still hold the include_dir
    const held = from.openDescs + (viaDir && dirsHeld ? 1 : 0);
    if (held + 1 > STARTUP_ALLOCATED_DESCS) return problem('too-many-open', from, entry, abs, `exceeded maxAllocatedDescs (${STARTUP_ALLOCATED_DESCS}) while trying to open file "${abs}"`);
    if (++inclusions > MAX_INCLUSIONS) {
      throw new InputError(mainPath, `${mainPath}: more than ${MAX_INCLUSIONS.toLocaleString('en-US')} includes (at ${where(from, entry)}: the include directives fan out); pgvet stops following them`);
    }

    // The server opens the file (fopen) and logs why when it cannot; include_if_exists then skips
    // it whatever the reason (measured: ENOENT, EACCES, ELOOP, ENOTDIR, and ENXIO for a socket).
    const cannotOpen = (err: unknown): boolean => {
      if (!strict) {
        result.skippedIncludes.push({ file: from, line: entry.line, resolved: abs });
        return true;
      }
      const code = codeOf(err);
      const kind: IncludeProblemKind = code === 'ENOENT' || code === 'ENOTDIR' ? 'missing-file' : 'unreadable';
      return problem(kind, from, entry, abs, `could not open configuration file "${abs}": ${errnoText(err)}`);
    };

    let parsed = parsedFiles.get(abs);
    if (!parsed) {
      let kind: FileKind | null;
      try {
        kind = reader.kind(abs);
      } catch (err) {
        return cannotOpen(err);
      }
      if (kind === null) return cannotOpen(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
      if (kind === 'dir') {
        // fopen() of a directory succeeds when it may be read (else EACCES, skipped by
        // include_if_exists), and the scanner then fails to read it
        try {
          reader.readDir(abs);
        } catch (err) {
          return cannotOpen(err);
        }
        return problem('not-a-regular-file', from, entry, abs, `input in flex scanner failed at file "${abs}" line 1`);
      }
      // opening a FIFO waits for a writer: the server hangs at startup (include_if_exists too)
      if (kind === 'fifo') return problem('not-a-regular-file', from, entry, abs, `"${abs}" is a FIFO: the server would wait for a writer forever when it opens it`);
      // open() of a socket fails with ENXIO
      if (kind === 'socket') return cannotOpen(Object.assign(new Error('ENXIO'), { code: 'ENXIO' }));
      const device = kind === 'device' || kind === 'other';
      let bytes: Uint8Array;
      try {
        bytes = readIncluded(abs, device, from, entry);
      } catch (err) {
        if (err instanceof InputError) throw err;
        const code = codeOf(err);
        if (code === 'ETOOBIG') return problem('not-a-regular-file', from, entry, abs, `"${abs}" is a device that does not end (more than ${formatBytes(DEVICE_READ_LIMIT)}): the server would read it without end`);
        // the open succeeded and the read would wait (a terminal)
        if (code === 'EAGAIN') return problem('not-a-regular-file', from, entry, abs, `"${abs}" is a device with nothing to read yet: the server would wait on it forever`);
        return cannotOpen(err);
      }
      if (looksBinary(bytes)) return problem('binary', from, entry, abs, `"${abs}" is a binary file, not a configuration file`);
      parsed = parseConf(bytes);
      parsedFiles.set(abs, parsed);
    } else {
      // read once; counted again against the budget, like the server reading it again
      bytesRead += parsed.bytes.length;
      if (bytesRead > budget) overBudget(abs, from, entry);
    }
    const file: SourceFile = { path: abs, displayPath: displayFor(abs, cwd), parsed, depth, includedFrom: { file: from, line: entry.line }, openDescs: held + 1 };
    result.files.push(file);
    const ok = walk(file);
    return ok && parsed.syntaxErrors.length === 0;
  };

  /** ParseConfigDirectory: list, stat and sort the .conf files, then parse them until one fails. */
  const includeDir = (target: string, from: SourceFile, entry: ConfEntry, depth: number): boolean => {
    if (BLANK.test(target)) return problem('empty-name', from, entry, target, `empty configuration directory name: "${target}"`);
    const dir = path.resolve(path.dirname(from.path), target);
    if (dirsHeld && from.openDescs + 1 > STARTUP_ALLOCATED_DESCS) return problem('too-many-open', from, entry, dir, `exceeded maxAllocatedDescs (${STARTUP_ALLOCATED_DESCS}) while trying to open directory "${dir}"`);
    let names: string[];
    try {
      const kind = reader.kind(dir);
      if (kind !== 'dir') throw Object.assign(new Error('not a directory'), { code: kind === null ? 'ENOENT' : 'ENOTDIR' });
      names = reader.readDir(dir);
    } catch (err) {
      return problem('missing-directory', from, entry, dir, `could not open configuration directory "${dir}": ${errnoText(err)}`);
    }
    const files: string[] = [];
    for (const name of names) {
      if (Buffer.byteLength(name) < 6 || name.startsWith('.') || !name.endsWith('.conf')) continue;
      const p = path.join(dir, name);
      // every entry is stat()ed while listing, before any is parsed; a failure ends the directive
      let kind: FileKind | null;
      try {
        kind = reader.kind(p);
        if (kind === null) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      } catch (err) {
        return problem('unreadable', from, entry, p, `could not stat file "${p}": ${errnoText(err)}`);
      }
      if (kind !== 'dir') files.push(p);
    }
    files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const f of files) {
      if (!includeFile(f, true, from, entry, depth, true)) return false;
    }
    return true;
  };

  /** ParseConfigFp: every line, whatever fails; false when something did. */
  const walk = (file: SourceFile): boolean => {
    let ok = true;
    for (const entry of file.parsed.entries) {
      switch (entry.kind) {
        case 'setting':
          result.items.push({ entry, file });
          break;
        case 'include':
          if (!includeFile(entry.value, true, file, entry, file.depth + 1, false)) ok = false;
          break;
        case 'include_if_exists':
          if (!includeFile(entry.value, false, file, entry, file.depth + 1, false)) ok = false;
          break;
        case 'include_dir':
          if (!includeDir(entry.value, file, entry, file.depth + 1)) ok = false;
          break;
      }
    }
    return ok;
  };
  walk(main);
  return result;
}
