/**
 * Call the carrier readers. In the CLI they are a separate bundle (dist/pgvet-carriers.cjs) with
 * its own copy of InputError, so their input errors are recognised by shape (a message and the
 * file) and rethrown as this bundle's, for the one-line exit 2.
 */
import { InputError } from '../resolve/load.js';

export function viaCarriers<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof Error && !(err instanceof InputError) && typeof (err as { file?: unknown }).file === 'string') throw new InputError((err as InputError).file, err.message);
    throw err;
  }
}
