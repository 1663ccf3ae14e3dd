/**
 * Bytes to text for display and matching. The server treats config files as bytes; pgvet
 * shows them as UTF-8 when they are valid UTF-8, and byte for byte (Latin-1) otherwise, so no
 * byte is ever lost or replaced.
 */
// ignoreBOM: keep a byte order mark as a character; the server reads it as part of a name
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeBytes(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  }
}

/** The buffer as a Buffer (no copy), for its fast ranged toString. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** decodeBytes(bytes.subarray(start, end)) without making a view (hot in the parser). */
export function decodeRange(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) return decodeBytes(buf.subarray(start, end));
  }
  return buf.toString('latin1', start, end);
}

/** Characters in bytes [start, end): the byte count for ASCII, else the decoded length. */
export function charLength(buf: Buffer, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) return decodeBytes(buf.subarray(start, end)).length;
  }
  return end - start;
}

/**
 * One string for each text seen again (names and values repeat: a million lines of
 * `work_mem = 4MB` need one "work_mem", not a million; so do messages). Bounded, so unique texts
 * cannot grow it. A string built from pieces is also stored flat once looked up.
 */
const interned = new Map<string, string>();
const INTERN_MAX_ENTRIES = 1 << 16;

export function intern(s: string, maxLength = 64): string {
  if (s.length > maxLength) return s;
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(s, s);
  return s;
}
