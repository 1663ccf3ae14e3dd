/**
 * Reading a carrier file (a manifest, a values file, a compose file, Terraform, Ansible vars):
 * bounded, regular files only, and a line index that turns offsets into the 1-based line and
 * column pgvet reports.
 *
 * The limits are pgvet's own, not the formats': real carriers are small (Bitnami's complete
 * values.yaml is 92 kB; `helm template` of an operator chart with its CRDs a few MB, and only the
 * documents of a known kind are parsed). The YAML parser takes about 2 µs a byte on a busy
 * machine, so a document over MAX_DOCUMENT_BYTES is refused rather than parsed for seconds.
 */
import fs from 'node:fs';
import { InputError } from '../resolve/load.js';
import { decodeBytes } from '../parse/text.js';

/** The most a carrier file (or standard input) may hold. */
export const MAX_CARRIER_BYTES = 16 * 1024 * 1024;
/** The most one YAML document of a known kind (or an HCL file) may hold. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

export interface CarrierSource {
  /** Absolute path, or null for standard input. */
  path: string | null;
  /** The path shown to the user. */
  displayPath: string;
  text: string;
  lines: LineIndex;
}

/** Offsets → 1-based line and column (in UTF-16 code units of the decoded text, plus one). */
export interface LineIndex {
  /** Offset of the start of each line. */
  starts: number[];
  pos(offset: number): { line: number; column: number };
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    starts,
    pos(offset) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - starts[lo]! + 1 };
    },
  };
}

export function sourceFromText(text: string, displayPath: string, path: string | null = null): CarrierSource {
  return { path, displayPath, text, lines: lineIndex(text) };
}

/**
 * Read a regular file, at most `max` bytes, never blocking on a FIFO or a device: the file is
 * opened non-blocking and checked with fstat before anything is read.
 */
export function readBounded(file: string, displayPath: string, max = MAX_CARRIER_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(displayPath, `cannot read ${displayPath}: ${errnoText(err)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) throw new InputError(displayPath, `cannot read ${displayPath}: Is a directory`);
    if (!st.isFile()) throw new InputError(displayPath, `cannot read ${displayPath}: not a regular file`);
    if (st.size > max) throw new InputError(displayPath, `cannot read ${displayPath}: ${st.size} bytes, more than the ${max}-byte limit for a configuration file`);
    return readAll(fd, displayPath, max);
  } finally {
    fs.closeSync(fd);
  }
}

/** Standard input, at most `max` bytes. */
export function readStdinBounded(max = MAX_CARRIER_BYTES): Uint8Array {
  return readAll(0, '<stdin>', max);
}

function readAll(fd: number, displayPath: string, max: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') throw new InputError(displayPath, `cannot read ${displayPath}: no data ready (a terminal or pipe with nothing written to it)`);
      if (code === 'EOF') break;
      throw new InputError(displayPath, `cannot read ${displayPath}: ${errnoText(err)}`);
    }
    if (n === 0) break;
    total += n;
    if (total > max) throw new InputError(displayPath, `cannot read ${displayPath}: more than the ${max}-byte limit for a configuration file`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function decodeCarrier(bytes: Uint8Array): string {
  const text = decodeBytes(bytes);
  // a byte order mark is not part of a YAML or HCL document
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function errnoText(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EACCES': return 'Permission denied';
    case 'EISDIR': return 'Is a directory';
    case 'ENOTDIR': return 'Not a directory';
    case 'ELOOP': return 'Too many levels of symbolic links';
    case 'ENXIO': return 'not a regular file';
    default: return (err as Error).message;
  }
}
