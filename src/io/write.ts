/**
 * Every file pgvet writes goes through here: `tune --write` (the edited files and their backups)
 * and `lint --write-baseline`. The contract is "never lose a byte": after any failure each file
 * holds its original bytes, after success its complete new bytes, and nothing else is left behind.
 *
 * How one write goes (writeFiles):
 *
 * 1. resolve: a symbolic link is followed to the file it names (the link itself is kept); the
 *    target must be a regular file with one link, writable by us, and (unless we are root) ours:
 *    replacing it by rename would otherwise change its owner. A FIFO, device or directory is
 *    refused with one line naming it.
 * 2. lock (tune): `FILE.pgvet-lock` is created beside each target with O_CREAT|O_EXCL and holds
 *    the pid, host and boot of the run. A second run finds it and refuses. A lock is stale only
 *    when its process is provably gone (same host, and a different boot or no such pid); it is
 *    then moved aside atomically (rename), checked to be the one judged stale, and removed. A
 *    lock of another host or of a live process is never removed: the message says how.
 * 3. stage: the new content goes to a temporary file in the target's directory (O_EXCL,
 *    O_NOFOLLOW), with the target's owner and mode, fsync'd. Backups (tune) are created the same
 *    way under a fresh name (FILE.bak, FILE.bak.1, …): an existing name (file, symbolic link,
 *    FIFO) is never opened, let alone overwritten.
 * 4. compare: each target is read again and must still hold the bytes the new content was
 *    computed from; otherwise another program (or pgvet run) changed it and nothing is written.
 * 5. commit: with several files, each original is first hard-linked to a staged name; then the
 *    temporary files are renamed over the targets one by one. If a rename fails, the targets
 *    already replaced get their original back (rename of the staged link), so the tree is as
 *    before: all files or none. Then the directories are fsync'd and the staged links removed.
 *
 * File-system calls go through a WriteFs (diskFs by default), so the tests can make any one of
 * them fail (test/fuzz/write.test.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The file-system calls a write makes, injectable for failure tests. Synchronous, like node:fs. */
export interface WriteFs {
  lstat(p: string): fs.Stats;
  realpath(p: string): string;
  access(p: string, mode: number): void;
  open(p: string, flags: number, mode?: number): number;
  /** May write fewer bytes than asked. */
  write(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  read(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fstat(fd: number): fs.Stats;
  fsync(fd: number): void;
  fchown(fd: number, uid: number, gid: number): void;
  fchmod(fd: number, mode: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  link(existing: string, newPath: string): void;
  unlink(p: string): void;
}

export const diskFs: WriteFs = {
  lstat: (p) => fs.lstatSync(p),
  realpath: (p) => fs.realpathSync(p),
  access: (p, mode) => fs.accessSync(p, mode),
  open: (p, flags, mode) => fs.openSync(p, flags, mode),
  write: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  read: (fd, buffer, offset, length) => fs.readSync(fd, buffer, offset, length, null),
  fstat: (fd) => fs.fstatSync(fd),
  fsync: (fd) => fs.fsyncSync(fd),
  fchown: (fd, uid, gid) => fs.fchownSync(fd, uid, gid),
  fchmod: (fd, mode) => fs.fchmodSync(fd, mode),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  link: (existing, newPath) => fs.linkSync(existing, newPath),
  unlink: (p) => fs.unlinkSync(p),
};

// A write that did not happen: one line naming the file, exit 2 (src/errors.ts).
export { WriteError } from '../errors.js';
import { WriteError } from '../errors.js';

const C = fs.constants;
const CREATE_NEW = C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW;
const READ_NOFOLLOW = C.O_RDONLY | C.O_NOFOLLOW | C.O_NONBLOCK;

export const LOCK_SUFFIX = '.pgvet-lock';
/** Backups: FILE.bak, then FILE.bak.1 … FILE.bak.99. */
const MAX_BACKUP_SUFFIX = 99;

const ERRNO_TEXT: Record<string, string> = {
  ENOSPC: 'No space left on device',
  EDQUOT: 'Disk quota exceeded',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  EIO: 'Input/output error',
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  EEXIST: 'File exists',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy',
  EMLINK: 'Too many links',
  ENAMETOOLONG: 'File name too long',
  EFBIG: 'File too large',
  ETXTBSY: 'Text file busy',
};

/** strerror-style text for a failed call, with its code: "No space left on device (ENOSPC)". */
export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && ERRNO_TEXT[code]) return `${ERRNO_TEXT[code]} (${code})`;
  return (err as Error)?.message ?? String(err);
}

const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException)?.code;

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export interface FileChange {
  /** The path as the user named it (may be a symbolic link). */
  path: string;
  /** How messages name it (default: path). */
  display?: string;
  /** The bytes the new content was computed from: the write is refused if the file no longer holds them. */
  expected?: Uint8Array;
  content: Uint8Array;
}

export interface WriteOptions {
  /** Keep a backup of each original (FILE.bak, or a fresh FILE.bak.N). */
  backup?: boolean;
  /** Hold FILE.pgvet-lock beside each target while writing. */
  lock?: boolean;
  /** The file may not exist yet (it is created). */
  create?: boolean;
  /** What the file is, for messages ("baseline"). */
  what?: string;
  fs?: WriteFs;
}

export interface Written {
  path: string;
  display: string;
  /** The file really written (a symbolic link's target). */
  target: string;
  backup?: string;
}

export interface WriteResult {
  files: Written[];
  /** Things to tell the user that did not stop the write (a leftover that could not be removed). */
  warnings: string[];
}

interface Target {
  change: FileChange;
  display: string;
  /** The regular file to replace. */
  target: string;
  dir: string;
  /** Its stat; undefined when it is created. */
  st?: fs.Stats;
}

function euid(): number | undefined {
  return process.geteuid?.();
}

/**
 * Where a write of `p` would go and whether it may: follows a symbolic link, refuses what is not
 * a regular file, a file we may not write, a file with several hard links, and (not root) a file
 * of another owner. Throws WriteError naming the file.
 */
function resolveTarget(f: WriteFs, change: FileChange, create: boolean, what: string): Target {
  const display = change.display ?? change.path;
  const refuse = (why: string): never => {
    throw new WriteError(display, `cannot write ${what}${display}: ${why}`, false, why);
  };
  let target = path.resolve(change.path);
  let st: fs.Stats | undefined;
  try {
    st = f.lstat(target);
  } catch (err) {
    if (codeOf(err) !== 'ENOENT' || !create) refuse(errnoText(err));
  }
  if (st?.isSymbolicLink()) {
    try {
      target = f.realpath(target);
      st = f.lstat(target);
    } catch (err) {
      if (codeOf(err) === 'ENOENT') refuse('it is a symbolic link to a file that does not exist');
      refuse(errnoText(err));
    }
  }
  if (!st) {
    // a new file: its directory must exist
    const named = path.dirname(target);
    let dir = named;
    try {
      dir = f.realpath(named);
      if (!f.lstat(dir).isDirectory()) refuse(`${named} is not a directory`);
    } catch (err) {
      if (err instanceof WriteError) throw err;
      refuse(codeOf(err) === 'ENOENT' ? `directory ${named} does not exist` : `${named}: ${errnoText(err)}`);
    }
    return { change, display, target: path.join(dir, path.basename(target)), dir };
  }
  const dir = path.dirname(target);
  if (!st.isFile()) refuse(`it is ${kindOf(st)}, not a regular file`);
  if (st.nlink > 1) refuse(`it has ${st.nlink} hard links, and replacing it would separate them (edit it through one name and link the others again)`);
  try {
    f.access(target, C.W_OK);
  } catch (err) {
    refuse(errnoText(err));
  }
  const me = euid();
  if (me !== undefined && me !== 0 && st.uid !== me) {
    refuse(`it belongs to uid ${st.uid}; pgvet writes a new file and renames it over the old one, which would make it yours (uid ${me}): run as its owner or as root`);
  }
  return { change, display, target, dir, st };
}

/** Why `p` cannot be written (one phrase), or null when it can. */
export function whyNotWritable(p: string, f: WriteFs = diskFs): string | null {
  try {
    resolveTarget(f, { path: p, content: new Uint8Array() }, false, '');
    return null;
  } catch (err) {
    if (err instanceof WriteError) return err.reason ?? err.message;
    throw err;
  }
}

/** Throws WriteError when `p` cannot be written (one line naming it). */
export function checkWritable(p: string, display = p, f: WriteFs = diskFs): void {
  resolveTarget(f, { path: p, display, content: new Uint8Array() }, false, '');
}

function writeAll(f: WriteFs, fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    const n = f.write(fd, bytes, off, bytes.length - off);
    if (!(n > 0)) throw Object.assign(new Error(`short write (${off} of ${bytes.length} bytes)`), { code: 'EIO' });
    off += n;
  }
}

/** Close, reporting a failure only when nothing failed before (`failed`). */
function closeFd(f: WriteFs, fd: number, failed: boolean): void {
  try {
    f.close(fd);
  } catch (err) {
    if (!failed) throw err;
  }
}

/** The bytes of a regular file, read without following a link; at most `limit` bytes (more means "different"). */
function readBack(f: WriteFs, p: string, limit: number): Uint8Array | null {
  const fd = f.open(p, READ_NOFOLLOW);
  let failed = true;
  try {
    const st = f.fstat(fd);
    if (!st.isFile() || st.size > limit) {
      failed = false;
      return null;
    }
    const buf = new Uint8Array(limit + 1);
    let off = 0;
    for (;;) {
      const n = f.read(fd, buf, off, buf.length - off);
      if (n <= 0) break;
      off += n;
      if (off > limit) break;
    }
    failed = false;
    return off > limit ? null : buf.subarray(0, off);
  } finally {
    closeFd(f, fd, failed);
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

// ---------------------------------------------------------------- locks

interface LockInfo {
  pid: number;
  host: string;
  boot?: string;
  since: string;
}

let bootIdCache: string | null | undefined;
/** This boot's id (Linux), so a lock left before a reboot is known to be stale. */
function bootId(): string | undefined {
  if (bootIdCache === undefined) {
    try {
      bootIdCache = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdCache = null;
    }
  }
  return bootIdCache ?? undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM'; // it exists, as another user
  }
}

/** A lock provably left by a process that is gone: this host, and another boot or no such process (or this very process). */
function isStale(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return false;
  const boot = bootId();
  if (boot && info.boot && info.boot !== boot) return true;
  return info.pid === process.pid || !processAlive(info.pid);
}

function parseLock(bytes: Uint8Array | null): LockInfo | null {
  if (!bytes) return null;
  try {
    const v = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<LockInfo>;
    if (Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.since === 'string') return v as LockInfo;
  } catch {
    // not a pgvet lock, or one being written this very moment
  }
  return null;
}

function lockText(): Uint8Array {
  const boot = bootId();
  const info: LockInfo = { pid: process.pid, host: os.hostname(), ...(boot ? { boot } : {}), since: new Date().toISOString() };
  return Buffer.from(`${JSON.stringify(info)}\n`);
}

const randomTag = (): string => `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

/** Create the lock file; false when it exists. Throws on any other failure. */
function tryCreateLock(f: WriteFs, lock: string): boolean {
  let fd: number;
  try {
    fd = f.open(lock, CREATE_NEW, 0o644);
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    try {
      writeAll(f, fd, lockText());
    } catch (err) {
      closeFd(f, fd, true);
      throw err;
    }
    f.close(fd);
  } catch (err) {
    try {
      f.unlink(lock);
    } catch {
      // the failure above is what gets reported
    }
    throw err;
  }
  return true;
}

/** Take `lock`, or throw WriteError saying who holds it. */
function acquireLock(f: WriteFs, lock: string, display: string): void {
  const locked = (info: LockInfo | null, extra = ''): never => {
    const who = info ? `another pgvet run (pid ${info.pid} on ${info.host}, since ${info.since})` : 'another program';
    throw new WriteError(display, `cannot write ${display}: ${who} is writing it (lock ${lock})${extra}; try again when it has finished, or remove the lock if no pgvet is running`);
  };
  if (tryCreateLock(f, lock)) return;
  let seen: Uint8Array | null;
  try {
    seen = readBack(f, lock, 4096);
  } catch (err) {
    if (codeOf(err) === 'ENOENT' && tryCreateLock(f, lock)) return; // released meanwhile
    if (codeOf(err) === 'ELOOP') throw new WriteError(display, `cannot write ${display}: the lock ${lock} is a symbolic link; remove it`);
    throw err;
  }
  const info = parseLock(seen);
  if (!info || !isStale(info)) locked(info);
  // Stale: move it aside (atomic: of two runs doing this, one wins), check that what moved is
  // the lock judged stale (not a fresh one taken meanwhile), then remove it and take our own.
  const aside = `${lock}.stale-${randomTag()}`;
  try {
    f.rename(lock, aside);
  } catch (err) {
    if (codeOf(err) === 'ENOENT' && tryCreateLock(f, lock)) return;
    locked(info);
  }
  let moved: Uint8Array | null = null;
  try {
    moved = readBack(f, aside, 4096);
  } catch {
    // judged below
  }
  if (moved && seen && sameBytes(moved, seen)) {
    f.unlink(aside);
    if (tryCreateLock(f, lock)) return;
    locked(parseLock(safeRead(f, lock)));
  }
  // We moved a live lock: put it back (unless yet another run holds the name now) and give way.
  try {
    f.link(aside, lock);
  } catch {
    // someone holds the lock name again: theirs stands
  }
  try {
    f.unlink(aside);
  } catch {
    // best effort
  }
  locked(parseLock(moved));
}

function safeRead(f: WriteFs, p: string): Uint8Array | null {
  try {
    return readBack(f, p, 4096);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- writing

/** Create `file` (it must not exist), write `bytes`, give it `like`'s owner and mode, fsync. */
function createFile(f: WriteFs, file: string, bytes: Uint8Array, like: fs.Stats | undefined, created: string[]): void {
  const fd = f.open(file, CREATE_NEW, like ? 0o600 : 0o666);
  created.push(file);
  let failed = true;
  try {
    writeAll(f, fd, bytes);
    if (like) {
      const own = f.fstat(fd);
      if (own.uid !== like.uid || own.gid !== like.gid) f.fchown(fd, like.uid, like.gid);
      f.fchmod(fd, like.mode & 0o7777);
    }
    f.fsync(fd);
    failed = false;
  } finally {
    closeFd(f, fd, failed);
  }
}

/** A fresh backup name beside `p` (FILE.bak, FILE.bak.1 …), created with O_EXCL|O_NOFOLLOW: an existing entry of any kind is skipped, never opened. */
function createBackup(f: WriteFs, p: string, bytes: Uint8Array, like: fs.Stats, created: string[]): string {
  for (let i = 0; i <= MAX_BACKUP_SUFFIX; i++) {
    const name = i === 0 ? `${p}.bak` : `${p}.bak.${i}`;
    try {
      createFile(f, name, bytes, like, created);
      return name;
    } catch (err) {
      if (codeOf(err) === 'EEXIST' && created[created.length - 1] !== name) continue;
      (err as { backupName?: string }).backupName = name;
      throw err;
    }
  }
  throw Object.assign(new Error(`${p}.bak and ${p}.bak.1 … ${p}.bak.${MAX_BACKUP_SUFFIX} all exist: remove old backups`), { code: 'EEXIST', backupName: `${p}.bak.${MAX_BACKUP_SUFFIX}` });
}

function fsyncDir(f: WriteFs, dir: string): void {
  const fd = f.open(dir, C.O_RDONLY | C.O_DIRECTORY);
  let failed = true;
  try {
    try {
      f.fsync(fd);
    } catch (err) {
      // some file systems cannot fsync a directory; that is not a failed write
      if (codeOf(err) !== 'EINVAL' && codeOf(err) !== 'ENOTSUP') throw err;
    }
    failed = false;
  } finally {
    closeFd(f, fd, failed);
  }
}

/** Remove files, collecting what could not be removed. */
function removeAll(f: WriteFs, files: readonly string[], leftovers: string[]): void {
  for (const file of files) {
    try {
      f.unlink(file);
    } catch (err) {
      if (codeOf(err) !== 'ENOENT') leftovers.push(`${file} (${errnoText(err)})`);
    }
  }
}

const leftoverNote = (leftovers: readonly string[]): string => (leftovers.length ? `; could not remove ${leftovers.join(', ')}` : '');

/**
 * Write every change or none (see the file comment). Returns what was written and the backups;
 * throws WriteError (one line naming the file that failed) with every file as it was.
 */
export function writeFiles(changes: readonly FileChange[], options: WriteOptions = {}): WriteResult {
  const f = options.fs ?? diskFs;
  const what = options.what ? `${options.what} ` : '';
  const targets = changes.map((c) => resolveTarget(f, c, options.create === true, what));
  const seen = new Map<string, Target>();
  for (const t of targets) {
    const other = seen.get(t.target);
    if (other) throw new WriteError(t.display, `cannot write ${t.display}: it is the same file as ${other.display}`);
    seen.set(t.target, t);
  }
  const warnings: string[] = [];
  const locks: string[] = [];
  const temps: string[] = []; // staged new content, then (multi-file) staged originals
  const backups: string[] = [];
  const originals = new Map<Target, string>();
  const backupOf = new Map<Target, string>();
  const tempOf = new Map<Target, string>();
  /** The target a failure is about, and the step. */
  let current: Target | undefined;
  let step = '';

  const releaseLocks = (leftovers: string[]): void => removeAll(f, locks.splice(0), leftovers);
  const fail = (err: unknown): never => {
    const leftovers: string[] = [];
    removeAll(f, [...temps, ...backups], leftovers);
    releaseLocks(leftovers);
    if (err instanceof WriteError) throw new WriteError(err.file, err.message + leftoverNote(leftovers));
    const t = current ?? targets[0]!;
    const several = targets.length > 1 ? 'nothing was written' : `${t.display} is unchanged`;
    throw new WriteError(t.display, `cannot write ${what}${t.display}: ${step}: ${errnoText(err)}; ${several}${leftoverNote(leftovers)}`);
  };

  try {
    if (options.lock) {
      for (const t of [...targets].sort((a, b) => (a.target < b.target ? -1 : 1))) {
        current = t;
        step = 'creating its lock';
        const lock = `${t.target}${LOCK_SUFFIX}`;
        acquireLock(f, lock, t.display);
        locks.push(lock);
      }
    }
    for (const t of targets) {
      current = t;
      const temp = path.join(t.dir, `.${path.basename(t.target)}.pgvet-tmp-${randomTag()}`);
      step = `writing the temporary file ${temp}`;
      createFile(f, temp, t.change.content, t.st, temps);
      tempOf.set(t, temp);
    }
    if (options.backup) {
      for (const t of targets) {
        if (!t.st) continue;
        current = t;
        step = 'writing its backup';
        try {
          const original = t.change.expected ?? readBack(f, t.target, t.st.size);
          if (!original) throw new WriteError(t.display, `cannot write ${what}${t.display}: it changed while pgvet read it; it is left as it is now`);
          const name = createBackup(f, path.resolve(t.change.path), original, t.st, backups);
          backupOf.set(t, name);
        } catch (err) {
          const name = (err as { backupName?: string }).backupName;
          if (name) step = `writing its backup ${name}`;
          throw err;
        }
      }
    }
    for (const t of targets) {
      if (!t.st || !t.change.expected) continue;
      current = t;
      step = 'reading it again';
      const now = readBack(f, t.target, t.change.expected.length);
      if (!now || !sameBytes(now, t.change.expected)) {
        throw new WriteError(t.display, `cannot write ${t.display}: it changed on disk since pgvet read it (another editor, or another pgvet run); ${targets.length > 1 ? 'nothing was written' : 'it is left as it is now'}: run pgvet again`);
      }
    }
    if (targets.length > 1) {
      for (const t of targets) {
        if (!t.st) continue;
        current = t;
        const staged = path.join(t.dir, `.${path.basename(t.target)}.pgvet-orig-${randomTag()}`);
        step = `keeping its original as ${staged}`;
        f.link(t.target, staged);
        temps.push(staged);
        originals.set(t, staged);
      }
    }
  } catch (err) {
    fail(err);
  }

  // Commit: rename each staged file over its target; on a failure put back the ones done.
  const done: Target[] = [];
  for (const t of targets) {
    try {
      f.rename(tempOf.get(t)!, t.target);
      temps.splice(temps.indexOf(tempOf.get(t)!), 1);
      done.push(t);
    } catch (err) {
      const unrestored: string[] = [];
      for (const d of done.reverse()) {
        const orig = originals.get(d);
        try {
          if (!orig) throw new Error('no staged original');
          f.rename(orig, d.target);
          temps.splice(temps.indexOf(orig), 1);
        } catch (e) {
          unrestored.push(d.display);
          // its backup is the way back: keep it
          const b = backupOf.get(d);
          if (b) backups.splice(backups.indexOf(b), 1);
          warnings.push(`${d.display} could not be restored (${errnoText(e)}): its original is in ${b ?? orig ?? '(nowhere)'}`);
        }
      }
      const leftovers: string[] = [];
      removeAll(f, [...temps, ...backups], leftovers);
      releaseLocks(leftovers);
      const state = unrestored.length
        ? `; ${warnings.join('; ')}`
        : targets.length > 1 ? '; nothing was written (the files already replaced were restored)' : `; ${t.display} is unchanged`;
      throw new WriteError(t.display, `cannot write ${what}${t.display}: renaming the new content into place: ${errnoText(err)}${state}${leftoverNote(leftovers)}`);
    }
  }

  // Durable: the renames (and the backups) are directory entries.
  const dirs = new Set<string>(targets.map((t) => t.dir));
  for (const b of backupOf.values()) dirs.add(path.dirname(b));
  const leftovers: string[] = [];
  let flushError: WriteError | undefined;
  for (const dir of dirs) {
    try {
      fsyncDir(f, dir);
    } catch (err) {
      const t = targets.find((x) => x.dir === dir) ?? targets[0]!;
      const backupsNote = backupOf.size ? `; backup${backupOf.size > 1 ? 's' : ''}: ${[...backupOf.values()].join(', ')}` : '';
      flushError ??= new WriteError(t.display, `wrote ${what}${t.display}, but flushing the directory ${dir} failed: ${errnoText(err)}; the change may not survive a crash${backupsNote}`, true);
    }
  }
  removeAll(f, temps.splice(0), leftovers);
  releaseLocks(leftovers);
  if (flushError) throw new WriteError(flushError.file, flushError.message + leftoverNote(leftovers), true);
  for (const l of leftovers) warnings.push(`could not remove ${l}`);
  return {
    files: targets.map((t) => ({ path: t.change.path, display: t.display, target: t.target, ...(backupOf.has(t) ? { backup: backupOf.get(t)! } : {}) })),
    warnings,
  };
}

/** One file, created when missing, no backup and no lock (lint --write-baseline). */
export function writeFileAtomic(p: string, content: Uint8Array | string, options: Omit<WriteOptions, 'create'> & { display?: string } = {}): WriteResult {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return writeFiles([{ path: p, display: options.display ?? p, content: bytes }], { ...options, create: true });
}
