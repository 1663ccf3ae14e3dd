/**
 * The deploy plan: what putting a new postgresql.conf in place of the live server's does,
 * parameter by parameter, grouped by what it takes to apply (pg_settings.context):
 * postmaster → needs a restart; sighup → applies on reload; user/superuser/backend → per
 * session (the new default for sessions after a reload). Pure: file lint + live state in, plan out.
 */
import { formatValue } from '../format.js';
import type { Catalog } from '../catalog/catalog.js';
import type { ParamInfo } from '../catalog/types.js';
import { parseValue } from '../catalog/values.js';
import type { Analysis as FileLint } from '../analyze.js';
import type { LiveServer } from './live.js';
import { simulate } from '../simulate/index.js';

export type ChangeGroup = 'restart' | 'reload' | 'session';

export interface PlannedChange {
  name: string;
  group: ChangeGroup;
  from: string;
  to: string;
  /** Where the new value is set (file:line) or 'default'. */
  setBy: string;
  /** Already waiting for a restart on the live server. */
  pendingRestart?: boolean;
}

export interface Override {
  name: string;
  fileValue: string;
  wins: string;
  by: 'alter-system' | 'command-line' | 'other';
  detail: string;
}

export interface HotStandbyProblem {
  name: string;
  standbyValue: number;
  primaryValue: number;
}

export interface Plan {
  changes: PlannedChange[];
  /** Set in a configuration file today, absent from the new one: back to the default. */
  toDefault: PlannedChange[];
  /** The file sets them, but something stronger decides. */
  overridden: Override[];
  unchanged: number;
  warnings: string[];
  hotStandby: HotStandbyProblem[];
  /** Shared memory now (SHOW shared_memory_size, 15+) and with the file (pgvet's model), in MB. */
  sharedMemory: { nowMB: number | null; withFileMB: number };
}

function groupOf(context: string): ChangeGroup | null {
  if (context === 'postmaster') return 'restart';
  if (context === 'sighup') return 'reload';
  if (context === 'internal') return null;
  return 'session';
}

/** Show a typed value the way PostgreSQL writes it (4GB, 30s, on). */
export function show(param: ParamInfo, value: number | string | boolean): string {
  return value === '' ? "''" : formatValue(param, value);
}

function same(a: number | string | boolean, b: number | string | boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** The hot-standby parameters a standby must not set below its primary (xlog.c CheckRequiredParameterValues). */
export const HOT_STANDBY_PARAMS = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];

export function makePlan(file: FileLint, catalog: Catalog, live: LiveServer, primary?: LiveServer): Plan {
  const withFile = simulate({ settings: file.resolution.settings, version: catalog.version }).sharedMemory.megabytes;
  const plan: Plan = { changes: [], toDefault: [], overridden: [], unchanged: 0, warnings: [], hotStandby: [], sharedMemory: { nowMB: live.sharedMemoryMB, withFileMB: withFile } };
  const res = file.resolution;
  for (const [key, row] of live.settings) {
    const param = catalog.params.get(key);
    if (!param) continue;
    const group = groupOf(row.context);
    if (!group) continue;
    const liveParsed = parseValue(param, row.setting, catalog.version);
    if (!liveParsed.ok) continue;
    const setting = res.settings.get(key);
    const inFile = setting?.source !== undefined;
    const alter = live.alterSystem.get(key);
    const fromCommandLine = row.source === 'command line' || row.source === 'environment variable' || row.source === 'override';
    const fileValue = inFile ? setting.value : undefined;
    if (inFile && alter) {
      plan.overridden.push({ name: param.name, fileValue: show(param, fileValue!), wins: alter.value, by: 'alter-system', detail: `ALTER SYSTEM set it in postgresql.auto.conf${alter.line ? ` line ${alter.line}` : ''}, which is read after the file` });
    } else if (inFile && fromCommandLine) {
      // pg_settings.setting is in the base unit without it (30 for 30s): written like the file's value
      plan.overridden.push({ name: param.name, fileValue: show(param, fileValue!), wins: show(param, liveParsed.value), by: 'command-line', detail: `set by the server's ${row.source}, which beats the file` });
    }
    // The value after the deploy: ALTER SYSTEM and the command line still win.
    let next: number | string | boolean;
    let setBy: string;
    if (alter || fromCommandLine) {
      plan.unchanged++;
      continue;
    } else if (inFile) {
      next = fileValue!;
      setBy = `${setting.source!.file.displayPath}:${setting.source!.entry.line}`;
    } else if (row.source === 'configuration file') {
      const boot = parseValue(param, param.default ?? '', catalog.version);
      if (!boot.ok) continue;
      next = boot.value;
      setBy = 'default';
    } else {
      plan.unchanged++;
      continue;
    }
    if (same(next, liveParsed.value)) {
      plan.unchanged++;
      continue;
    }
    const change: PlannedChange = { name: param.name, group, from: show(param, liveParsed.value), to: show(param, next), setBy, ...(row.pendingRestart ? { pendingRestart: true } : {}) };
    (setBy === 'default' ? plan.toDefault : plan.changes).push(change);
  }
  plan.changes.sort((a, b) => (a.name < b.name ? -1 : 1));
  plan.toDefault.sort((a, b) => (a.name < b.name ? -1 : 1));
  plan.overridden.sort((a, b) => (a.name < b.name ? -1 : 1));

  const newMax = Number(res.settings.get('max_connections')?.value);
  if (Number.isFinite(newMax) && newMax < live.clientBackends) {
    plan.warnings.push(`max_connections becomes ${newMax}, but ${live.clientBackends} client connections are open right now`);
  }
  if (primary) {
    for (const name of HOT_STANDBY_PARAMS) {
      const mine = Number(res.settings.get(name)?.value);
      const theirs = Number(primary.settings.get(name)?.setting);
      if (Number.isFinite(mine) && Number.isFinite(theirs) && mine < theirs) plan.hotStandby.push({ name, standbyValue: mine, primaryValue: theirs });
    }
  }
  return plan;
}
