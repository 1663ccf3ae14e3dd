/**
 * `pgvet plan` output: a readable plan (like terraform plan) or JSON. What the file and the server
 * said (values, names, the version string, paths) is printed through escape.ts.
 */
import type { Finding } from '../engine/types.js';
import type { ChangeGroup, Plan, PlannedChange } from '../plan/plan.js';
import { linePath, printable, safeJson } from './escape.js';

export interface PlanReport {
  file: string;
  server: { description: string; version: string; pgVersion: number; standby: boolean; configFile: string };
  plan: Plan;
  findings: Finding[];
  /** True when the server would refuse the file (lint errors). */
  refused: boolean;
}

const TITLES: Record<ChangeGroup, string> = {
  restart: 'Needs a restart (context postmaster)',
  reload: 'Applies on reload (pg_reload_conf or SIGHUP)',
  session: 'Per session (the new default for sessions after a reload)',
};

export function renderPlanText(r: PlanReport, color: boolean): string {
  const paint = (code: number, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const p = printable;
  out.push(`pgvet plan: ${p(r.file)} → PostgreSQL ${p(r.server.version)} at ${p(r.server.description)}${r.server.standby ? ' (standby)' : ''}`);
  out.push(`  live configuration file: ${p(r.server.configFile)}`);
  const shm = r.plan.sharedMemory;
  out.push(`  shared memory: ${shm.nowMB !== null ? `${shm.nowMB}MB now (shared_memory_size) → ` : ''}${shm.withFileMB}MB with this file (pgvet's model; ALTER SYSTEM values not counted)`);
  out.push('');
  const line = (c: PlannedChange, mark: string): string =>
    `  ${mark} ${p(c.name)}: ${p(c.from)} → ${p(c.to)}${c.setBy !== 'default' ? `   (${p(c.setBy)})` : ''}${c.pendingRestart ? '   [already pending a restart]' : ''}`;
  for (const group of ['restart', 'reload', 'session'] as ChangeGroup[]) {
    const changes = r.plan.changes.filter((c) => c.group === group);
    if (changes.length === 0) continue;
    out.push(paint(group === 'restart' ? 33 : 36, `${TITLES[group]}: ${changes.length}`));
    for (const c of changes) out.push(line(c, paint(33, '~')));
    out.push('');
  }
  if (r.plan.toDefault.length) {
    out.push(paint(35, `Back to the default (set in a configuration file now, not in the new one): ${r.plan.toDefault.length}`));
    for (const c of r.plan.toDefault) out.push(`${line(c, paint(35, '-'))}   [${TITLES[c.group].split(' (')[0]!.toLowerCase()}]`);
    out.push('');
  }
  if (r.plan.overridden.length) {
    out.push(paint(31, `The file's value will not take effect: ${r.plan.overridden.length}`));
    for (const o of r.plan.overridden) out.push(`  ! ${p(o.name)}: the file says ${p(o.fileValue)}, but ${o.wins === '' ? "''" : p(o.wins)} wins: ${p(o.detail)}`);
    out.push('');
  }
  for (const h of r.plan.hotStandby) {
    out.push(paint(31, `  ✖ ${h.name} = ${h.standbyValue} is lower than on the primary (${h.primaryValue}): the standby would stop ("recovery aborted because of insufficient parameter settings")`));
  }
  for (const w of r.plan.warnings) out.push(paint(33, `  ⚠ ${p(w)}`));
  if (r.plan.hotStandby.length || r.plan.warnings.length) out.push('');
  if (r.findings.length) {
    out.push(`Lint (PostgreSQL ${r.server.pgVersion}):`);
    for (const f of r.findings) out.push(`  ${f.line > 0 ? `${linePath(f.file)}:${f.line}:${f.column}` : linePath(f.file)}  ${f.severity}  ${f.ruleId}  ${p(f.message)}`);
    out.push('');
  }
  const count = (g: ChangeGroup): number => r.plan.changes.filter((c) => c.group === g).length;
  out.push(
    `${r.refused ? paint(31, 'The server would refuse this file.') : paint(32, 'The server would accept this file.')} ` +
      (r.plan.hotStandby.length ? paint(31, 'As a standby of that primary it would stop. ') : '') +
      `Plan: ${count('restart')} to restart, ${count('reload')} on reload, ${count('session')} per session, ${r.plan.toDefault.length} back to default, ${r.plan.unchanged} unchanged.`,
  );
  return out.join('\n') + '\n';
}

export function renderPlanJson(r: PlanReport): string {
  return safeJson(JSON.stringify({ schemaVersion: 1, ...r }, null, 2)) + '\n';
}
