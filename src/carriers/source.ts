/**
 * Reading a carrier file (a manifest, a values file, a compose file, Terraform, Ansible vars):
 * bounded, regular files only, and a line index that turns offsets into the 1-based line and
 * column pgvet reports.
 *
 * Files are read through src/io/read.ts (at most --max-file-size bytes, 64MB by default; FIFOs,
 * sockets and devices refused before anything is read). Real carriers are small (Bitnami's
 * complete values.yaml is 92 kB; `helm template` of an operator chart with its CRDs a few MB, and
 * only the documents of a known kind are parsed). The YAML parser takes about 2 µs a byte on a
 * busy machine, so a document over MAX_DOCUMENT_BYTES is refused rather than parsed for seconds.
 */
import { readFileBounded, readStdin, reasonOf } from '../io/read.js';
import { InputError } from '../resolve/load.js';
import { decodeBytes } from '../parse/text.js';

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
 * Read a regular file through src/io/read.ts: at most --max-file-size bytes (64MB unless
 * raised), never blocking on a FIFO or a device (refused before anything is read).
 */
export function readBounded(file: string, displayPath: string, max?: number): Uint8Array {
  try {
    return readFileBounded(file, max === undefined ? {} : { maxBytes: max });
  } catch (err) {
    throw new InputError(displayPath, `cannot read ${displayPath}: ${reasonOf(err)}`);
  }
}

/** Standard input through src/io/read.ts, at most --max-file-size bytes. */
export function readStdinBounded(max?: number): Uint8Array {
  try {
    return readStdin(max === undefined ? {} : { maxBytes: max });
  } catch (err) {
    throw new InputError('<stdin>', `cannot read <stdin>: ${reasonOf(err)}`);
  }
}

export function decodeCarrier(bytes: Uint8Array): string {
  const text = decodeBytes(bytes);
  // a byte order mark is not part of a YAML or HCL document
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** An error's reason in the C library's words (src/io/read.ts). */
export const errnoText = reasonOf;
