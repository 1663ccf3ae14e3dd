/** `pgvet tune` as a postgresql.conf block (`--format conf`) or as ALTER SYSTEM statements. */
import { confValue } from '../tune/write.js';
import type { Recommendation, TuneResult } from '../tune/recommend.js';
import { printable } from './escape.js';

export interface TuneHeader {
  /** "PostgreSQL 18, 16GB RAM, 4 cores, ssd, workload web" */
  summary: string;
  /** Lines about assumptions (version or workload defaulted). */
  assumed: string[];
}

function explainLines(r: Recommendation, prefix: string): string[] {
  const inputs = Object.entries(r.inputs).map(([k, v]) => `${k}=${v}`).join(', ');
  return [`${prefix}  formula: ${r.formula}${inputs ? `  [${inputs}]` : ''}`, `${prefix}  source: ${r.source}`];
}

function restartNote(recs: readonly Recommendation[], prefix: string): string[] {
  const restart = recs.filter((r) => r.changed && r.context === 'restart').map((r) => r.name);
  return restart.length ? [`${prefix} needs a restart: ${restart.join(', ')}; the rest takes effect on reload`] : [`${prefix} a reload applies all of these`];
}

export function renderTuneConf(result: TuneResult, header: TuneHeader, opts: { explain?: boolean } = {}): string {
  const out: string[] = [`# pgvet tune: ${printable(header.summary)}`, ...header.assumed.map((a) => `# ${printable(a)}`), ...result.notes.map((n) => `# note: ${printable(n)}`), ...restartNote(result.recommendations, '#')];
  let group = '';
  for (const r of result.recommendations) {
    if (r.group !== group) {
      group = r.group;
      out.push('', `# ${group}`);
    }
    const was = r.current !== undefined && r.changed ? ` (was ${printable(r.current)})` : '';
    out.push(`${r.name} = ${confValue(r.value)}\t# ${printable(r.reason)}${was}${r.context === 'restart' ? ' [restart]' : ''}`);
    if (opts.explain) out.push(...explainLines(r, '#'));
  }
  return out.join('\n') + '\n';
}

export function renderTuneAlterSystem(result: TuneResult, header: TuneHeader, opts: { explain?: boolean } = {}): string {
  const out: string[] = [`-- pgvet tune: ${printable(header.summary)}`, ...header.assumed.map((a) => `-- ${printable(a)}`), ...result.notes.map((n) => `-- note: ${printable(n)}`)];
  for (const r of result.recommendations) {
    if (r.kept) continue;
    out.push(`ALTER SYSTEM SET ${r.name} = '${r.value.replace(/'/g, "''")}'; -- ${printable(r.reason)}${r.context === 'restart' ? ' [restart]' : ''}`);
    if (opts.explain) out.push(...explainLines(r, '--'));
  }
  out.push('SELECT pg_reload_conf();', ...restartNote(result.recommendations, '--'));
  return out.join('\n') + '\n';
}
