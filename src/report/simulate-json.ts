/**
 * `pgvet simulate --format json`: one object, stable key order (schema:
 * src/report/schemas/simulate.schema.json).
 */
import { safeJson } from './escape.js';
import type { Host } from '../host/types.js';
import type { Estimate, ScenarioId } from '../simulate/index.js';

/** 2: memory as four scenarios (typical, busy hour, pile-up, theoretical maximum), page tables and glibc. */
export const SIMULATE_SCHEMA_VERSION = 2;

export interface SimulateReport {
  file: string;
  /** 'document': the major version the simulated manifest (carrier) states. */
  pgVersionSource: 'flag' | 'config' | 'default' | 'document';
  host: Host | null;
  workloadSource: string;
  /** Errors PostgreSQL would refuse the file for (it would not start); the simulation shows what it would have had. */
  refusals: Array<{ ruleId: string; message: string; file: string; line: number }>;
  estimate: Estimate;
}

export function simulateJson(report: SimulateReport): object {
  const e = report.estimate;
  const shm = e.sharedMemory;
  const m = e.memory;
  const scenario = (id: ScenarioId): object => {
    const s = m[id];
    return {
      label: s.label,
      description: s.description,
      bytes: s.bytes,
      shared: s.shared,
      private: s.private,
      pageTables: s.pageTables,
      headroom: m.headroom[id],
      perWorkMem: s.perWorkMem,
      glibc: s.glibc,
      parts: s.lines.map((l) => ({ name: l.name, kind: l.kind, bytes: l.bytes, formula: l.formula, inputs: l.inputs, perWorkMem: l.perWorkMem })),
    };
  };
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
          ...(host.hugePages !== undefined ? { hugePages: host.hugePages } : {}),
          ...(host.transparentHugePages !== undefined ? { transparentHugePages: host.transparentHugePages.enabled } : {}),
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
      ram: m.ram,
      typical: scenario('typical'),
      busyHour: scenario('busyHour'),
      pileUp: scenario('pileUp'),
      theoreticalMax: scenario('theoreticalMax'),
      pageTables: m.pageTables,
      assumptions: m.assumptions,
    },
  };
}

export function renderSimulateJson(report: SimulateReport): string {
  return safeJson(JSON.stringify(simulateJson(report), null, 2)) + '\n';
}
