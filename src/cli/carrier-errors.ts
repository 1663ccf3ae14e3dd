/**
 * Call the carrier readers. In the CLI they are a separate bundle (dist/pgvet-carriers.cjs) with
 * its own copies of module state: the --max-file-size limit is handed over before each use, and
 * their input errors (their own InputError class) are recognised by shape (a message and the
 * file) and rethrown as this bundle's, for the one-line exit 2.
 */
import { maxFileSize } from '../io/read.js';
import { InputError } from '../resolve/load.js';
import { carriers } from './carriers-link.js';

export function useCarriers<T>(f: (c: ReturnType<typeof carriers>) => T): T {
  try {
    const c = carriers();
    c.setMaxFileSize(maxFileSize());
    return f(c);
  } catch (err) {
    if (err instanceof Error && !(err instanceof InputError) && typeof (err as { file?: unknown }).file === 'string') throw new InputError((err as InputError).file, err.message);
    throw err;
  }
}
