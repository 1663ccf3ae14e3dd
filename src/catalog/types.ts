/** Parameter metadata for one major version, as generated from the server's pg_settings. */

export type PgMajor = 13 | 14 | 15 | 16 | 17 | 18;
export const PG_MAJORS: readonly PgMajor[] = [13, 14, 15, 16, 17, 18];
export const NEWEST_MAJOR: PgMajor = 18;

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

export interface HiddenParam {
  name: string;
  context: string;
  type?: string;
  /** Whether a postgresql.conf line setting it is accepted by the server (probed). */
  settableInFile?: boolean;
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
