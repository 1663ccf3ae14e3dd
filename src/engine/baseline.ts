/**
 * Baselines for legacy fleets: `--write-baseline FILE` records today's findings, `--baseline
 * FILE` reports only new ones. Findings match by file, rule and parameter (not line numbers,
 * which move when a file is edited), as many times as the baseline recorded them.
 */
import { writeFileAtomic } from '../io/write.js';
import path from 'node:path';
import { InputError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';
import { readJsonFile, readPackageJson, type SchemaValidator } from '../io/json.js';
import { validate as validateBaseline } from './generated/baseline-validator.js';
import type { Finding } from './types.js';

const validate = validateBaseline as SchemaValidator;

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

/** Where the schema is, for naming allowed fields in an error (the validator is precompiled from it). */
export const BASELINE_SCHEMA_PATH = path.join(PACKAGE_ROOT, 'src', 'engine', 'baseline.schema.json');

/** The counts a baseline file records, by file, rule and parameter. Throws InputError (one line: file, line, JSONPath). */
export function loadBaseline(file: string): Map<string, number> {
  const json = readJsonFile<unknown>(file, { what: 'baseline' });
  const head = json.data as { baselineVersion?: unknown } | null;
  // anything that does not even say it is a baseline (another JSON file given by mistake)
  if (head === null || typeof head !== 'object' || Array.isArray(head) || head.baselineVersion !== BASELINE_VERSION) {
    throw new InputError(file, `${file}: not a pgvet baseline (write one with --write-baseline)`);
  }
  json.check(validate, () => readPackageJson<object>(BASELINE_SCHEMA_PATH));
  const counts = new Map<string, number>();
  for (const e of (json.data as { findings: Entry[] }).findings) counts.set(keyOf(e), (counts.get(keyOf(e)) ?? 0) + e.count);
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
