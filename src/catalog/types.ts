/** Parameter metadata for one major version, as generated from the server's pg_settings. */

import type { PgMajor } from './versions.js';
// the majors are generated from the catalog files (scripts/generate-versions.ts)
export { NEWEST_MAJOR, PG_MAJORS, type PgMajor } from './versions.js';

export type ParamType = 'bool' | 'integer' | 'real' | 'string' | 'enum';

export interface ParamInfo {
  /** Spelled as pg_settings spells it (e.g. "DateStyle"). */
  name: string;
  type: ParamType;
  /** pg_settings.unit: "8kB", "kB", "MB", "B", "ms", "s", "min" or null. */
  unit: string | null;
  min: number | null;
  max: number | null;
  enumValues: string[] | null;
  /** Spellings the server accepts that pg_settings.enumvals does not list (probed on a real server). */
  hiddenEnumValues?: string[];
  /** pg_settings.boot_val */
  default: string | null;
  context: string;
  category: string;
  description: string;
}

/** A parameter the server has but pg_settings does not show (GUC_NO_SHOW_ALL), probed on a real server. */
export interface HiddenParam {
  name: string;
  context: string;
  type: ParamType;
  /** The value SHOW prints. */
  shown: string;
  fileProbes?: Array<{ value: string; accepted: boolean; message: string | null }>;
}

export interface CatalogFile {
  pgVersion: number;
  serverVersion: string;
  generatedBy: string;
  params: Record<string, ParamInfo>;
  hiddenParams: Record<string, HiddenParam>;
  timezones: string[];
  timezoneSets: string[];
  encodings: string[];
}
