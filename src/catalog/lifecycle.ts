/**
 * PostgreSQL majors' lifecycle: release and end-of-life dates, and the newest minor of each, read
 * from the hand-kept src/catalog/data/lifecycle.json (each table with its source and the date it
 * was checked). "Today" is injectable: SOURCE_DATE_EPOCH fixes it for reproducible CI.
 */
import path from 'node:path';
import { CATALOG_DATA_DIR } from '../paths.js';
import type { PgMajor } from './types.js';
import { readPackageJson } from '../io/json.js';

export interface MajorLifecycle {
  firstRelease: string;
  /** The date of the last minor release; the major is end-of-life after it. */
  finalRelease: string;
}

export interface LifecycleData {
  majors: { source: string; checkedOn: string; versions: Record<string, MajorLifecycle> };
  latestMinors: { source: string; checkedOn: string; versions: Record<string, string> };
}

let cached: LifecycleData | undefined;

export function lifecycle(): LifecycleData {
  return (cached ??= readPackageJson<LifecycleData>(path.join(CATALOG_DATA_DIR, 'lifecycle.json')));
}

export function majorLifecycle(v: PgMajor): MajorLifecycle {
  const m = lifecycle().majors.versions[String(v)];
  if (!m) throw new Error(`lifecycle.json has no dates for PostgreSQL ${v}`);
  return m;
}

/** An ISO date (YYYY-MM-DD) as a UTC day number, for comparisons. */
export function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** The date `months` calendar months before an ISO date (clamped to the month's last day). */
export function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Today's UTC date: from SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
 * convention) when set, else the clock. Null (with the reason) for a malformed SOURCE_DATE_EPOCH.
 */
export function today(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now): string | { error: string } {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) return { error: `SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, not "${epoch}"` };
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  return new Date(now()).toISOString().slice(0, 10);
}

/** A server_version string's major and minor ("17.4", "17.4 (Debian 17.4-1.pgdg120+2)", "18beta1"). */
export function parseServerVersion(version: string): { major: number; minor: number | null; prerelease: string | null } | null {
  const m = /^(\d+)(?:\.(\d+))?(devel|beta\d*|rc\d*)?/.exec(version.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: m[2] !== undefined ? Number(m[2]) : null, prerelease: m[3] ?? null };
}
