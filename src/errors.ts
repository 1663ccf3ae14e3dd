/**
 * Every error pgvet reports to the user: one base class, one line, exit 2. The one catch is at the
 * CLI's edge (src/cli/main.ts runCli); anything else is a bug (exit 3, with the stack).
 *
 * The CLI is several bundles (main, tune, plan, carriers: scripts/bundle.mjs), each with its own
 * copy of these classes, so `instanceof` cannot tell one bundle's error from another's: the
 * edge recognises them by a brand registered once per process (Symbol.for).
 */
const BRAND = Symbol.for('pgvet.error');

/**
 * A bug in pgvet itself, not in what the user gave it: deliberately not a PgvetError, so the edge
 * reports it as an internal error (exit 3, with the stack).
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mistake in what the user gave pgvet (arguments, files, hosts): one line, exit 2. */
export class PgvetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any PgvetError, whichever bundle threw it. */
export function isPgvetError(err: unknown): err is PgvetError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

/** A mistake on the command line or in the library's options. */
export class UsageError extends PgvetError {}

/** A file that cannot be read or used (a configuration, .pgvetrc.json, host file, baseline, pg_hba.conf), named in the message. */
export class InputError extends PgvetError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** A bad host description (flags, host file). */
export class HostError extends PgvetError {}

/** A bad --keep name, or a host tune cannot size for. */
export class TuneError extends PgvetError {}

/** A guidance input pgvet cannot work with (src/guidance). */
export class GuidanceError extends PgvetError {}

/**
 * A write that did not happen (or, with `committed`, happened but could not be made durable).
 * The message is one line and names the file.
 */
export class WriteError extends PgvetError {
  constructor(
    readonly file: string,
    message: string,
    /** True when the new content is in place (only a flush after the renames failed). */
    readonly committed = false,
    /** Why, without the file's name (for lists such as tune's "not written: …"). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/**
 * A data file pgvet ships (the catalog, the carriers' facts, the measurements) that cannot be read
 * or parsed: the installation is broken. Not a PgvetError, so the edge treats it as a bug (exit 3,
 * with the stack), which is what it is; thrown by src/io/json.ts readPackageJson.
 */
export class PackageDataError extends InternalError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`pgvet's installation is broken (reinstall it): ${message}`);
  }
}
