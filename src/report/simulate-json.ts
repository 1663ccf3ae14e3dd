/**
 * `pgvet simulate --format json`: one object, stable key order (schema:
 * src/report/schemas/simulate.schema.json).
 */
import { safeJson } from './escape.js';
import type { Host } from '../host/types.js';
import type { Estimate } from '../simulate/index.js';

export const SIMULATE_SCHEMA_VERSION = 1;

export interface SimulateReport {
  file: string;
  pgVersionSource: 'flag' | 'config' | 'default';
  host: Host | null;
  workloadSource: string;
  /** Errors PostgreSQL would refuse the file for (it would not start); the simulation shows what it would have had. */
  refusals: Array<{ ruleId: string; message: string; file: string; line: number }>;
  estimate: Estimate;
}

export function simulateJson(report: SimulateReport): object {
  const e = report.estimate;
  const shm = e.sharedMemory;
  const scenario = (s: Estimate['memory']['typical']): object => ({
    bytes: s.bytes,
    shared: s.shared,
    private: s.private,
    parts: s.lines.map((l) => ({ name: l.name, bytes: l.bytes, formula: l.formula, inputs: l.inputs })),
  });
  const host = report.host;
  return {
    schemaVersion: SIMULATE_SCHEMA_VERSION,
    pgVersion: e.pgVersion,
    pgVersionSource: report.pgVersionSource,
    file: report.file,
    role: e.role,
    workload: e.workload,
    workloadSource: report.workloadSource,
    host: host
      ? {
          source: host.source,
          ...(host.ramBytes !== undefined ? { ramBytes: host.ramBytes } : {}),
          ...(host.cores !== undefined ? { cores: host.cores } : {}),
          ...(host.storage !== undefined ? { storage: host.storage } : {}),
          ...(host.connections !== undefined ? { connections: host.connections } : {}),
          ...(host.replicas !== undefined ? { replicas: host.replicas } : {}),
          ...(host.containerLimited !== undefined ? { containerLimited: host.containerLimited } : {}),
        }
      : null,
    serverWouldStart: report.refusals.length === 0,
    refusals: report.refusals,
    processes: e.processes.processes.map((p) => ({ kind: p.kind, count: p.count, max: p.max, reason: p.reason })),
    processTotals: { count: e.processes.total.count, max: e.processes.total.max, maxWorkerProcesses: e.processes.workerPool.size },
    sharedMemory: {
      bytes: shm.bytes,
      megabytes: shm.megabytes,
      hugePages: shm.hugePages,
      hugePageSize: shm.hugePageSize,
      maxBackends: shm.derived.maxBackends,
      semaphores: shm.derived.semaphores,
      walBuffers: shm.derived.walBuffers,
      parts: shm.parts.map((p) => ({
        id: p.id,
        name: p.name,
        bytes: p.bytes,
        terms: p.terms.map((t) => ({ name: t.label, function: t.fn, bytes: t.bytes, formula: t.formula, inputs: t.inputs })),
      })),
    },
    memory: {
      typical: scenario(e.memory.typical),
      worstCase: scenario(e.memory.worstCase),
      ram: e.memory.ram,
      headroom: e.memory.headroom,
      assumptions: e.memory.assumptions,
    },
  };
}

export function renderSimulateJson(report: SimulateReport): string {
  return safeJson(JSON.stringify(simulateJson(report), null, 2)) + '\n';
}
