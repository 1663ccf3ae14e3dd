/**
 * The shape of a platform rule's cases.ts (PGV050–PGV060): carrier documents, run by the shared
 * rule tester (test/rules.test.ts) through the carrier reader and the platform checks, as
 * `pgvet lint` runs them. Beside RuleCases (src/engine/cases.ts), which holds postgresql.conf text.
 */
import type { PgMajor } from '../catalog/types.js';
import type { Host } from '../host/types.js';
import type { CarrierId } from './model.js';

export interface CarrierCase {
  /** What the case shows. */
  name: string;
  /** The carrier document, read as standard input. */
  text: string;
  /** --carrier (default: detected). */
  carrier?: CarrierId;
  /** --pg-version (default: the document's major). */
  version?: PgMajor;
  /** Host flags (--ram, --cores, --replicas). */
  host?: Partial<Host>;
  /** For invalid cases: this rule's findings, in order, as "line:column messageId". */
  findings?: string[];
  /** For invalid cases: values the first finding's data holds. */
  data?: Record<string, string | number>;
}

export interface CarrierCases {
  carrier: true;
  valid: CarrierCase[];
  invalid: CarrierCase[];
}
