/**
 * The carrier readers, loaded on first use. In the CLI bundle this module is replaced by a lazy
 * require of dist/pgvet-carriers.cjs (scripts/bundle.mjs), so a plain `pgvet lint postgresql.conf`
 * never loads the YAML parser; in the library and the tests it is a plain import.
 */
import * as cli from '../carriers/cli.js';

export function carriers(): typeof cli {
  return cli;
}

