/**
 * Reading what a user points pgvet at: configuration files and their includes, --host, --config
 * and .pgvetrc.json, --baseline, --hba, pg_service.conf, sslrootcert, and standard input.
 *
 * Every read is bounded, so no input can make pgvet block or grow without end:
 * - only regular files (and, where a caller allows it, devices such as /dev/null); a FIFO,
 *   socket or directory is refused before anything is read from it;
 * - files are opened with O_NONBLOCK, so a FIFO swapped in after the check (or a terminal)
 *   gives EAGAIN instead of waiting for a writer;
 * - at most `maxFileSize()` bytes (64MB unless `--max-file-size` says otherwise), checked on the
 *   size fstat reports before reading and again while reading (files in /proc report 0 and
 *   files can grow). PostgreSQL itself has no such limit: its configuration scanner reads files
 *   of any length (a 100MB postgresql.conf of comments passes `postgres -C`), so the limit is
 *   pgvet's, and the message says how to raise it.
 *
 * Errors are ReadError with the errno code and the reason in the words of the C library
 * (`Permission denied`, `Too many levels of symbolic links`), as the server prints them.
 */
import fs from 'node:fs';
import { formatBytes } from '../format.js';

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

let limit = DEFAULT_MAX_FILE_SIZE;

/** The most bytes pgvet reads from one file (and from one configuration with its includes). */
export function maxFileSize(): number {
  return limit;
}

/** Set by --max-file-size. */
export function setMaxFileSize(bytes: number): void {
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new RangeError(`max file size must be a positive whole number of bytes (got ${bytes})`);
  limit = bytes;
}

/** The option that raises the limit, for messages. */
export const LIMIT_HINT = 'raise the limit with --max-file-size';

export type FileType = 'regular file' | 'directory' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'unknown file type';

export function fileTypeOf(st: fs.Stats): FileType {
  if (st.isFile()) return 'regular file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  return 'unknown file type';
}

/** strerror() texts for the errors a read can meet (libuv's own words differ, e.g. for ELOOP). */
const STRERROR: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long',
  ENXIO: 'No such device or address',
  ENODEV: 'No such device',
  EIO: 'Input/output error',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  EAGAIN: 'Resource temporarily unavailable',
  EINVAL: 'Invalid argument',
  ENOMEM: 'Cannot allocate memory',
  EOVERFLOW: 'Value too large for defined data type',
};

/** What went wrong, in one line, for an error from fs or from this module. */
export function reasonOf(err: unknown): string {
  if (err instanceof ReadError) return err.message;
  const e = err as NodeJS.ErrnoException;
  const known = e?.code ? STRERROR[e.code] : undefined;
  if (known) return known;
  // "EFOO: some words, open '/path'" → "some words"
  return String(e?.message ?? err).replace(/^[A-Z0-9_]+: /, '').replace(/, \w+ '.*'$/s, '').split('\n')[0]!;
}

export type ReadErrorCode = string | 'ENOTREG' | 'ETOOBIG';

export class ReadError extends Error {
  constructor(
    /** errno (ENOENT, EACCES, ELOOP, ENXIO, EAGAIN…), ENOTREG (not a regular file) or ETOOBIG (over the limit). */
    readonly code: ReadErrorCode,
    message: string,
    /** What the path is, when pgvet looked. */
    readonly fileType?: FileType,
  ) {
    super(message);
  }
}

function fromErrno(err: unknown, fileType?: FileType): ReadError {
  if (err instanceof ReadError) return err;
  return new ReadError((err as NodeJS.ErrnoException).code ?? 'EIO', reasonOf(err), fileType);
}

function notRegular(type: FileType): ReadError {
  if (type === 'directory') return new ReadError('EISDIR', 'Is a directory', type);
  return new ReadError('ENOTREG', `not a regular file (it is a ${type})`, type);
}

function tooBig(maxBytes: number): ReadError {
  return new ReadError('ETOOBIG', `larger than ${formatBytes(maxBytes)}; ${LIMIT_HINT}`);
}

export interface ReadOptions {
  /** Default: maxFileSize(). */
  maxBytes?: number;
  /** Also read character and block devices (bounded like files): the server reads an include of /dev/null. */
  devices?: boolean;
}

/** stat() that follows symlinks: the type of what is at `file`; throws ReadError (ENOENT, ELOOP, EACCES, ENOTDIR…). */
export function statType(file: string): FileType {
  try {
    return fileTypeOf(fs.statSync(file));
  } catch (err) {
    throw fromErrno(err);
  }
}

/**
 * The bytes of a regular file (or a device, with `devices`), at most `maxBytes`. Throws ReadError;
 * never blocks and never reads more than maxBytes + 1 bytes.
 */
export function readFileBounded(file: string, options: ReadOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? limit;
  const allowed = (type: FileType): boolean =>
    type === 'regular file' || (options.devices === true && (type === 'character device' || type === 'block device'));
  // Look before opening: opening a FIFO or a device can have effects of its own.
  const before = statType(file);
  if (!allowed(before)) throw notRegular(before);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw fromErrno(err, before);
  }
  try {
    let st: fs.Stats;
    try {
      st = fs.fstatSync(fd);
    } catch (err) {
      throw fromErrno(err, before);
    }
    // the path may have been swapped between stat and open
    const type = fileTypeOf(st);
    if (!allowed(type)) throw notRegular(type);
    if (type === 'regular file' && st.size > maxBytes) throw tooBig(maxBytes);
    return readFd(fd, maxBytes, type === 'regular file' ? st.size : 0, type);
  } finally {
    fs.closeSync(fd);
  }
}

/** Sleep without spinning (Atomics.wait on a private buffer): for EAGAIN on standard input. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Read to end of file, at most maxBytes. `expected` sizes the first buffer (fstat's size; 0 when
 * unknown). `waitOnEagain`: standard input may be a non-blocking pipe that has nothing yet.
 */
function readFd(fd: number, maxBytes: number, expected: number, type: FileType, waitOnEagain = false): Buffer {
  // a regular file: its size and one byte to see the end (or growth); else start at 64kB and double
  let buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, type === 'regular file' ? Math.max(expected + 1, 4096) : 64 * 1024));
  let length = 0;
  for (;;) {
    if (length === buf.length) {
      if (length > maxBytes) break;
      const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buf.length * 2));
      buf.copy(bigger, 0, 0, length);
      buf = bigger;
    }
    let n: number;
    try {
      n = fs.readSync(fd, buf, length, buf.length - length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' && waitOnEagain) {
        pause(10);
        continue;
      }
      if (code === 'EOF') break; // Windows: end of a pipe
      throw fromErrno(err, type);
    }
    if (n === 0) break;
    length += n;
  }
  if (length > maxBytes) throw tooBig(maxBytes);
  // a buffer much larger than its content (a file that shrank, a short device) is copied to fit
  return length === buf.length || buf.length - length < 4096 ? buf.subarray(0, length) : Buffer.from(buf.subarray(0, length));
}

/** A regular file as UTF-8 text (JSON inputs, pg_hba.conf, pg_service.conf, certificates). */
export function readTextFile(file: string, options: ReadOptions = {}): string {
  return readFileBounded(file, options).toString('utf8');
}

/**
 * Standard input, at most maxBytes (a pipe, a file, a terminal or a device such as /dev/zero: the
 * limit stops it). A directory on standard input is refused. Synchronous, for `lint -`,
 * `simulate -` and `tune -`. Throws ReadError.
 */
export function readStdin(options: { maxBytes?: number } = {}): Buffer {
  const maxBytes = options.maxBytes ?? limit;
  let st: fs.Stats;
  try {
    st = fs.fstatSync(0);
  } catch (err) {
    // standard input is closed: nothing to read
    if ((err as NodeJS.ErrnoException).code === 'EBADF') return Buffer.alloc(0);
    throw fromErrno(err);
  }
  const type = fileTypeOf(st);
  if (type === 'directory') throw notRegular(type);
  if (type === 'regular file' && st.size > maxBytes) throw tooBig(maxBytes);
  try {
    return readFd(0, maxBytes, type === 'regular file' ? st.size : 0, type, true);
  } catch (err) {
    if (err instanceof ReadError && err.code === 'EBADF') return Buffer.alloc(0);
    throw err;
  }
}
