/**
 * Files the command line writes on request: `--output FILE` and `--write-baseline FILE`.
 *
 * Written whole or not at all through src/io/write.ts (a temporary file beside the target, fsync,
 * rename), so a reader never sees half a report and a full disk leaves the old file as it was. A
 * symbolic link is followed (as `> FILE` would); a character device (/dev/stdout, /dev/null) is
 * written directly; a directory, FIFO or socket is refused.
 */
import fs from 'node:fs';
import { InputError } from '../resolve/load.js';
import { errnoText, writeFileAtomic, WriteError } from '../io/write.js';

/** Write `data` to `file` as one piece; throws InputError(file, one line) when it cannot. */
export function writeWhole(file: string, data: string | Uint8Array, what: string): void {
  let device = false;
  try {
    device = fs.statSync(file).isCharacterDevice();
  } catch {
    // not there yet (or unreadable): writeFileAtomic says why, if it matters
  }
  try {
    if (device) fs.writeFileSync(file, data);
    else writeFileAtomic(file, data, { what });
  } catch (err) {
    if (err instanceof WriteError) throw new InputError(file, err.message);
    throw new InputError(file, `cannot write ${what} ${file}: ${errnoText(err)}`);
  }
}
