import type { Finding, Severity } from '../engine/types.js';

export interface Summary {
  files: number;
  error: number;
  warning: number;
  info: number;
}

export function summarize(findings: Finding[], files: number): Summary {
  const s: Summary = { files, error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity as Severity]++;
  return s;
}
