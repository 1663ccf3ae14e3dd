/** The arguments of `pgvet tune` (kept apart from tune.ts so that lint never loads the tuner; flags: options.ts). */
import type { HostArgs } from './simulate.js';

export interface TuneArgs extends HostArgs {
  file?: string;
  /** --keep, each value comma-separated */
  keep?: string[];
  format?: string;
  diff?: boolean;
  write?: boolean;
  yes?: boolean;
  explain?: boolean;
  /** --carrier: read the file as this carrier. */
  carrier?: string;
  pgVersion?: unknown;
  color?: boolean;
}
