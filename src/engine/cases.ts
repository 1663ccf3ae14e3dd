/** The shape of a rule's cases.ts: data run by the shared rule tester (test/rules.test.ts). */
import type { Host } from '../host/types.js';
import type { PgMajor } from '../catalog/types.js';

export interface RuleCase {
  /** What the case shows. */
  name: string;
  /** The main postgresql.conf. */
  conf: string;
  /** Other files beside it (relative paths), for includes. Directories are implied by the paths. */
  files?: Record<string, string>;
  /** Versions the case holds for; default every version the rule applies to. */
  versions?: PgMajor[];
  /** For invalid cases: the lines (1-based, 0 = file level) of this rule's findings, in order. */
  lines?: number[];
  /** For invalid cases: text every finding's message contains. */
  messageIncludes?: string;
  /** For invalid cases: the message id of each of this rule's findings, in order (checked against meta.messages). */
  messageIds?: string[];
  /** For invalid cases: the message data of each finding, in order (each object a subset of the finding's data). */
  data?: Array<Record<string, string | number>>;
  /** The host the file is linted for (host-aware rules). */
  host?: Partial<Host>;
  /** A pg_hba.conf given with --hba (the case's `files` are what it may include). */
  hba?: string;
  /** Today's date for the case (YYYY-MM-DD); default the clock. */
  today?: string;
  /** server_version of a live server (`plan`). */
  serverVersion?: string;
}

export interface RuleCases {
  valid: RuleCase[];
  invalid: RuleCase[];
}
