/**
 * Files the command line writes on request: `--output FILE` and `--write-baseline FILE`.
 *
 * Written whole or not at all: a temporary file next to the target (created exclusively), the
 * bytes, fsync, then rename over the target, so a reader never sees half a report and a full
 * disk leaves the old file as it was. The target's permissions are kept; a symbolic link is
 * followed (as `> FILE` would), so the file it points at is the one replaced. A character
 * device (/dev/stdout, /dev/null) is written directly; a directory, FIFO or socket is refused.
 *
 * NOTE for the lead: another branch builds src/io/write.ts (safe writes for tune --write and
 * baselines). When both are merged, this module should call it instead of its own rename.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../resolve/load.js';

const REASONS: Record<string, string> = {
  ENOENT: 'the directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EEXIST: 'a temporary file is in the way',
};

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return (e.code && REASONS[e.code]) ?? e.code ?? e.message;
}

/** Write `data` to `file` as one piece; throws InputError(file, one line) when it cannot. */
export function writeWhole(file: string, data: string | Uint8Array, what: string): void {
  const fail = (why: string): never => {
    throw new InputError(file, `cannot write ${what} ${file}: ${why}`);
  };
  let target = file;
  let mode: number | undefined;
  try {
    const st = fs.statSync(file);
    if (st.isCharacterDevice()) {
      try {
        fs.writeFileSync(file, data);
      } catch (err) {
        fail(reason(err));
      }
      return;
    }
    if (st.isDirectory()) fail('it is a directory');
    if (!st.isFile()) fail('not a regular file');
    target = fs.realpathSync(file);
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') fail(reason(err));
    // a dangling symbolic link: write where it points, as `>` would
    try {
      if (fs.lstatSync(file).isSymbolicLink()) target = path.resolve(path.dirname(file), fs.readlinkSync(file));
    } catch {
      // no link either: a new file
    }
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.pgvet-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), mode ?? 0o666);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    fail(reason(err));
  }
  // the rename itself survives a crash once the directory is synced (best effort: not every
  // file system lets a directory be opened for that)
  try {
    const dir = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  } catch {
    // nothing more to do
  }
}
