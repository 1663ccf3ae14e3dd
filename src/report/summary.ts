import { HOST_FIELD_FLAGS, type Finding, type HostField, type Severity } from '../engine/types.js';

export interface Summary {
  files: number;
  error: number;
  warning: number;
  info: number;
  /** Once per run: the host-aware rules that did not run, and the flags that would run them. */
  note?: string;
}

/** A rule skipped for want of host facts (src/engine/lint.ts SkippedRule). */
export interface Skipped {
  ruleId: string;
  missing: readonly HostField[];
}

export function summarize(findings: Finding[], files: number, skipped: readonly Skipped[] = []): Summary {
  const s: Summary = { files, error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity as Severity]++;
  const note = hostNote(skipped);
  if (note) s.note = note;
  return s;
}

/**
 * The note for the rules skipped in any linted file: which did not run (each once, by id) and the
 * flags that would run them; undefined when every rule ran.
 */
export function hostNote(skipped: readonly Skipped[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const rules = [...new Set(skipped.map((s) => s.ruleId))].sort();
  const fields = new Set<HostField>(skipped.flatMap((s) => s.missing));
  const flags = (Object.keys(HOST_FIELD_FLAGS) as HostField[]).filter((f) => fields.has(f)).map((f) => HOST_FIELD_FLAGS[f]).join(' ');
  return `${rules.length} host-aware rule${rules.length === 1 ? '' : 's'} did not run (${rules.join(', ')}): describe the server with ${flags}, or --host host.json / --host auto`;
}
