/** `pgvet tune --format json`: one object, each recommendation with its current and new value. */
import type { Host, Workload } from '../host/types.js';
import type { TuneResult } from '../tune/recommend.js';
import { safeJson } from './escape.js';

export interface TuneJsonInput {
  pgVersion: number;
  pgVersionSource: string;
  workload: Workload;
  workloadSource: string;
  host: Host;
  file: string | null;
  result: TuneResult;
}

export function renderTuneJson(input: TuneJsonInput): string {
  const { result } = input;
  const m = result.estimate.memory;
  return safeJson(JSON.stringify({
    schemaVersion: 1,
    pgVersion: input.pgVersion,
    pgVersionSource: input.pgVersionSource,
    file: input.file,
    host: { ramBytes: input.host.ramBytes, cores: input.host.cores, storage: input.host.storage ?? null, connections: input.host.connections ?? null, replicas: input.host.replicas ?? null, containerLimited: input.host.containerLimited ?? false },
    workload: input.workload,
    workloadSource: input.workloadSource,
    recommendations: result.recommendations.map((r) => ({
      name: r.name,
      group: r.group,
      current: r.current ?? null,
      currentFrom: r.currentFrom ?? null,
      new: r.value,
      changed: r.changed,
      kept: r.kept,
      reason: r.reason,
      formula: r.formula,
      inputs: r.inputs,
      source: r.source,
      apply: r.context,
    })),
    memory: { ramBytes: m.ram, worstCaseBytes: m.worstCase.bytes, typicalBytes: m.typical.bytes, sharedBytes: m.worstCase.shared },
    notes: result.notes,
  }, null, 2)) + '\n';
}
