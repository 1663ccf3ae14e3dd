/**
 * Baselines for legacy fleets: `--write-baseline FILE` records today's findings, `--baseline
 * FILE` reports only new ones. Findings match by file, rule and parameter (not line numbers,
 * which move when a file is edited), as many times as the baseline recorded them.
 */
import { writeFileAtomic } from '../io/write.js';
import { InputError } from '../resolve/load.js';
import { readTextFile, reasonOf } from '../io/read.js';
import type { Finding } from './types.js';

export const BASELINE_VERSION = 1;

interface Entry {
  file: string;
  ruleId: string;
  parameter?: string;
  count: number;
}

const keyOf = (f: { file: string; ruleId: string; parameter?: string }): string => `${f.file}\u0000${f.ruleId}\u0000${f.parameter ?? ''}`;

export function renderBaseline(findings: readonly Finding[]): string {
  const counts = new Map<string, Entry>();
  for (const f of findings) {
    const k = keyOf(f);
    const e = counts.get(k);
    if (e) e.count++;
    else counts.set(k, { file: f.file, ruleId: f.ruleId, ...(f.parameter ? { parameter: f.parameter } : {}), count: 1 });
  }
  const entries = [...counts.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  return JSON.stringify({ baselineVersion: BASELINE_VERSION, findings: entries }, null, 2) + '\n';
}

/**
 * Write the baseline through src/io/write.ts: a temporary file beside it, fsync'd and renamed
 * over it, so a full disk or a crash leaves the previous baseline whole. Throws WriteError (one
 * line naming the file) for a missing directory, a directory, a device, a read-only file, ….
 */
export function writeBaseline(file: string, findings: readonly Finding[]): void {
  writeFileAtomic(file, renderBaseline(findings), { what: 'baseline' });
}

export function loadBaseline(file: string): Map<string, number> {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    throw new InputError(file, `cannot read baseline ${file}: ${reasonOf(err)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `cannot read baseline ${file}: ${(err as Error).message}`);
  }
  const data = raw as { baselineVersion?: number; findings?: Entry[] };
  if (data?.baselineVersion !== BASELINE_VERSION || !Array.isArray(data.findings)) {
    throw new InputError(file, `${file}: not a pgvet baseline (write one with --write-baseline)`);
  }
  const counts = new Map<string, number>();
  data.findings.forEach((e, i) => {
    if (typeof e?.file !== 'string' || typeof e.ruleId !== 'string' || !Number.isInteger(e.count)) {
      throw new InputError(file, `${file}: $.findings[${i}] needs file, ruleId and count`);
    }
    counts.set(keyOf(e), (counts.get(keyOf(e)) ?? 0) + e.count);
  });
  return counts;
}

/** The findings the baseline does not cover. */
export function applyBaseline(findings: readonly Finding[], baseline: Map<string, number>): Finding[] {
  const left = new Map(baseline);
  return findings.filter((f) => {
    const k = keyOf(f);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      return false;
    }
    return true;
  });
}
