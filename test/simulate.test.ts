/**
 * The simulator without servers: the shared-memory model against every recorded measurement
 * (shmem-measurements.csv: 650 exact sizes from real servers 13–18), the process and private
 * memory models, and `pgvet simulate`'s output (JSON validated by its schema, text, exit codes).
 * The live calibration against started servers is test/calibration/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../src/catalog/catalog.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { runSimulate, type SimulateArgs } from '../src/cli/simulate.js';
import { atTheEdge } from '../src/cli/main.js';
import { schemaValidator } from './support/kit.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { loadConfig } from '../src/resolve/load.js';
import { resolveSettings } from '../src/resolve/settings.js';
import { simulate, simulatedBounds, workMemForBudget, type Estimate, type MemoryScenario, type ScenarioId } from '../src/simulate/index.js';
import { processCosts } from '../src/simulate/private.js';
import { deadTupleMemory, glibcFacts, tidStoreCost } from '../src/simulate/terms.js';
import { WORKLOAD_PROFILES } from '../src/host/workloads.js';
import { hostAuto } from '../src/host/auto.js';
import { hostFromFile } from '../src/host/host.js';
import { maxBackends } from '../src/catalog/limits.js';
import { hashEstimateSize, sharedMemory, type ShmemInputs } from '../src/simulate/shmem.js';
import type { Host } from '../src/host/types.js';

const GiB = 1024 ** 3;

function estimate(version: PgMajor, text: string, host?: Host, role: 'primary' | 'standby' = 'primary'): Estimate {
  const config = loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from(text) });
  const resolution = resolveSettings(config.items, loadCatalog(version));
  return simulate({ settings: resolution.settings, version, ...(host ? { host } : {}), role });
}

function sample(version: PgMajor): string {
  return path.join(PACKAGE_ROOT, 'node_modules', `pg${version}`, 'native', 'share', 'postgresql', 'postgresql.conf.sample');
}

describe('shared memory: every recorded measurement, byte for byte', () => {
  const csv = fs.readFileSync(path.join(PACKAGE_ROOT, 'test', 'calibration', 'shmem-measurements.csv'), 'utf8').trim().split('\n');
  const header = csv[0]!.split(',');
  const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(',').map((x, i) => [header[i]!, x])));

  test.each(PG_MAJORS.map((v) => [v]))('PostgreSQL %i', (v) => {
    const mine = rows.filter((r) => Number(r.version) === v);
    expect(mine.length).toBeGreaterThanOrEqual(100);
    const wrong: string[] = [];
    for (const r of mine) {
      const n = (k: string): number => Number(r[k]);
      const inputs: ShmemInputs = {
        nBuffers: n('shared_buffers_8kB_pages'),
        maxConnections: n('max_connections'),
        autovacuumSlots: n('autovacuum_slots_setting'),
        autovacuumMaxWorkers: v === 18 ? 3 : n('autovacuum_slots_setting'),
        maxWorkerProcesses: n('max_worker_processes'),
        maxWalSenders: n('max_wal_senders'),
        maxPreparedXacts: n('max_prepared_transactions'),
        maxLocksPerXact: n('max_locks_per_transaction'),
        maxPredLocksPerXact: n('max_pred_locks_per_transaction'),
        walBuffersSetting: r.wal_buffers_setting === '-1' ? -1 : n('wal_buffers_effective_8kB_pages'),
        walSegmentSize: 16 * 1024 * 1024,
        trackActivityQuerySize: n('track_activity_query_size'),
        maxReplicationSlots: 10,
        maxReplicationOrigins: 10,
        maxLogicalReplicationWorkers: 4,
        hotStandby: true,
        oldSnapshotThreshold: -1,
        minDynamicSharedMemoryMB: 0,
        transactionBuffers: 0,
        subtransactionBuffers: 0,
        commitTimestampBuffers: 0,
        multixactOffsetBuffers: 16,
        multixactMemberBuffers: 32,
        notifyBuffers: 16,
        serializableBuffers: 32,
        ioMethod: 'worker',
        ioMaxConcurrency: -1,
        ioMaxCombineLimit: 16,
        hugePageSize: 2 * 1024 * 1024,
      };
      const m = sharedMemory(inputs, v);
      if (m.bytes !== n('exact_bytes')) wrong.push(`${r.experiment} ${JSON.stringify(r)}: model ${m.bytes}`);
      if (r.shared_memory_size_MB_reported && m.megabytes !== n('shared_memory_size_MB_reported')) wrong.push(`${r.experiment}: MB ${m.megabytes}`);
      if (r.shared_memory_size_in_huge_pages_reported && m.hugePages !== n('shared_memory_size_in_huge_pages_reported')) wrong.push(`${r.experiment}: huge pages ${m.hugePages}`);
      expect(m.derived.maxBackends).toBe(n('max_backends_derived'));
    }
    expect(wrong).toEqual([]);
  });

  test('dynahash estimate of the shared memory index (64 entries of 72 bytes)', () => {
    // header + 256 directory pointers + one segment of 256 buckets + elements of 16 + 72 bytes,
    // allocated in groups of 46 (choose_nelem_alloc: the most that fit in 4096 bytes): 2 groups
    expect(hashEstimateSize(64, 72, 848)).toBe(848 + 256 * 8 + 256 * 8 + 2 * 46 * 88);
  });

  test('dynahash estimate past 2^31 buckets (64-bit arithmetic, as the server has)', () => {
    // max_pred_locks_per_transaction = 2147483647 with 122 backends: 2^38 entries. A 32-bit
    // shift once made the directory loop run forever here.
    const entries = 2147483647 * 122;
    const size = hashEstimateSize(entries, 100, 848);
    expect(size).toBeGreaterThan(entries * (16 + 104));
    expect(size).toBeLessThan(entries * (16 + 104) * 1.1);
  });

  test('MaxBackends and semaphores at the defaults', () => {
    const d = { maxConnections: 100, autovacuumSlots: 3, maxWorkerProcesses: 8, maxWalSenders: 10 };
    expect(maxBackends(d, 13)).toBe(122);
    expect(maxBackends(d, 17)).toBe(123);
    expect(maxBackends({ ...d, autovacuumSlots: 16 }, 18)).toBe(136);
    // num_os_semaphores at the defaults of 18 (docs/reference/server-facts.md#maxbackends-and-semaphores)
    expect(estimate(18, '').sharedMemory.derived.semaphores).toBe(174);
  });

  test('parts add up to the total, with a formula for every term', () => {
    for (const v of PG_MAJORS) {
      const e = estimate(v, 'shared_buffers = 1GB\nmax_connections = 300\n');
      expect(e.sharedMemory.parts.reduce((a, p) => a + p.bytes, 0)).toBe(e.sharedMemory.bytes);
      expect(e.sharedMemory.bytes % 8192).toBe(0);
      for (const t of e.sharedMemory.terms) expect(t.formula.length).toBeGreaterThan(0);
      expect(e.sharedMemory.parts[0]!.id).toBe('buffer-pool');
    }
  });
});

describe('processes', () => {
  const idle = (e: Estimate): Record<string, number> =>
    Object.fromEntries(e.processes.processes.filter((p) => p.count > 0 && p.kind !== 'postmaster').map((p) => [p.kind, p.count]));

  test('idle children of a default primary (docs/reference/server-facts.md#process-model)', () => {
    expect(idle(estimate(13, ''))).toEqual({ checkpointer: 1, 'background writer': 1, walwriter: 1, 'stats collector': 1, 'autovacuum launcher': 1, 'logical replication launcher': 1 });
    expect(Object.values(idle(estimate(15, ''))).reduce((a, b) => a + b, 0)).toBe(5);
    expect(idle(estimate(18, ''))).toEqual({ checkpointer: 1, 'background writer': 1, walwriter: 1, 'autovacuum launcher': 1, 'logical replication launcher': 1, 'io worker': 3 });
  });

  test('a standby: no walwriter, no launchers; startup and walreceiver', () => {
    expect(idle(estimate(13, "primary_conninfo = 'host=primary'\n", undefined, 'standby'))).toEqual({
      checkpointer: 1,
      'background writer': 1,
      'stats collector': 1,
      startup: 1,
      walreceiver: 1,
    });
    expect(idle(estimate(18, "primary_conninfo = 'host=primary'\n", undefined, 'standby'))).toEqual({
      checkpointer: 1,
      'background writer': 1,
      'io worker': 3,
      startup: 1,
      walreceiver: 1,
    });
  });

  test('13–14: no stats collector while a standby accepts no connections (hot_standby = off)', () => {
    // measured by a red-team run on real 13 and 14 standbys: startup, checkpointer, background writer
    for (const v of [13, 14] as const) {
      expect(idle(estimate(v, 'hot_standby = off\n', undefined, 'standby'))).toEqual({ checkpointer: 1, 'background writer': 1, startup: 1 });
    }
  });

  test('track_counts = off: no autovacuum launcher (AutoVacuumingActive needs both)', () => {
    for (const v of PG_MAJORS) expect(idle(estimate(v, 'track_counts = off\n'))['autovacuum launcher']).toBeUndefined();
  });

  test('settings that add or remove processes', () => {
    expect(idle(estimate(18, "io_method = 'sync'\nautovacuum = off\nmax_logical_replication_workers = 0\n"))).toEqual({ checkpointer: 1, 'background writer': 1, walwriter: 1 });
    expect(idle(estimate(17, "summarize_wal = on\narchive_mode = on\nlogging_collector = on\n"))).toMatchObject({ walsummarizer: 1, archiver: 1, logger: 1 });
    // the logical replication launcher is a background worker: no slot, no launcher
    expect(idle(estimate(16, 'max_worker_processes = 0\n'))['logical replication launcher']).toBeUndefined();
  });

  test('the max_worker_processes pool is counted once', () => {
    const e = estimate(16, 'max_worker_processes = 16\nmax_parallel_workers = 4\nmax_connections = 50\n');
    const max = Object.fromEntries(e.processes.processes.map((p) => [p.kind, p.max]));
    expect(max['parallel worker']).toBe(4);
    expect(max['background worker']).toBe(15);
    // postmaster + checkpointer + bgwriter + walwriter + av launcher + 3 av workers + LR launcher + 15 pool + 50 clients + 10 walsenders
    expect(e.processes.total.max).toBe(1 + 1 + 1 + 1 + 1 + 3 + 1 + 15 + 50 + 10);
  });
});

describe('private memory', () => {
  const host: Host = { source: 'flags', ramBytes: 16 * GiB, cores: 4 };

  test('worst case ≥ typical; headroom against RAM; none without RAM', () => {
    for (const v of PG_MAJORS) {
      const e = estimate(v, 'shared_buffers = 4GB\nwork_mem = 16MB\n', host);
      expect(e.memory.worstCase.bytes).toBeGreaterThan(e.memory.typical.bytes);
      expect(e.memory.headroom.typical).toBe(16 * GiB - e.memory.typical.bytes);
      expect(e.memory.headroom.busyHour).toBe(16 * GiB - e.memory.busyHour.bytes);
      expect(e.memory.typical.shared).toBe(e.sharedMemory.bytes);
      expect(estimate(v, '').memory.headroom).toEqual({ typical: null, busyHour: null, pileUp: null, theoreticalMax: null, worstCase: null });
    }
  });

  test('autovacuum memory: 1GB per worker before 17, uncapped from 17', () => {
    const per = (v: PgMajor): unknown => estimate(v, 'maintenance_work_mem = 4GB\n', host).memory.worstCase.lines.find((l) => l.name === 'autovacuum workers')?.inputs.per_worker;
    expect(per(16)).toBe(GiB);
    expect(per(17)).toBe(4 * GiB);
  });

  test('logical decoding buffers only with wal_level = logical', () => {
    const senders = (text: string): number => estimate(17, text, host).memory.worstCase.lines.find((l) => l.name === 'WAL senders')!.bytes;
    expect(senders("wal_level = logical\nlogical_decoding_work_mem = 1GB\n") - senders('wal_level = replica\n')).toBe(10 * GiB);
  });

  test('work_mem × nodes × hash_mem_multiplier: more connections, more work_mem, more memory', () => {
    const worst = (text: string): number => estimate(15, text, host).memory.worstCase.bytes;
    expect(worst('work_mem = 64MB\n')).toBeGreaterThan(worst('work_mem = 4MB\n'));
    expect(worst('hash_mem_multiplier = 8\n')).toBeGreaterThan(worst('hash_mem_multiplier = 1\n'));
    expect(worst('max_connections = 1000\n')).toBeGreaterThan(worst('max_connections = 100\n'));
  });

  test('--connections drives the typical load', () => {
    const line = (e: Estimate): unknown => e.memory.typical.lines.find((l) => l.name === 'work_mem of running queries')?.inputs['running queries'];
    expect(line(estimate(16, '', { ...host, connections: 37 }))).toBe(37);
  });

  test('queries running at once are bounded by 2 × cores (PostgreSQL wiki), unless --connections says', () => {
    const line = (e: Estimate): unknown => e.memory.typical.lines.find((l) => l.name === 'work_mem of running queries')?.inputs['running queries'];
    const oltp = { ...host, workload: 'oltp' as const };
    expect(line(estimate(16, '', { ...oltp, cores: 1 }))).toBe(2);
    expect(line(estimate(16, '', { ...oltp, cores: 1.5 }))).toBe(3);
    expect(line(estimate(16, '', { ...oltp, cores: 64 }))).toBe(50); // 100 connections × 0.5 active
    expect(line(estimate(16, '', { ...oltp, cores: 1, connections: 40 }))).toBe(40);
  });
});

// ---------------------------------------------------------------------------------------------
// Memory model v2: typical, busy hour, pile-up, theoretical maximum

describe('memory scenarios', () => {
  const MiB = 1024 ** 2;
  const host: Host = { source: 'flags', ramBytes: 16 * GiB, cores: 4 };
  const oltp: Host = { ...host, workload: 'oltp' };
  const lineOf = (s: MemoryScenario, name: string): MemoryScenario['lines'][number] | undefined => s.lines.find((l) => l.name === name);
  const SCENARIOS: ScenarioId[] = ['typical', 'busyHour', 'pileUp', 'theoreticalMax'];

  test('typical ≤ busy hour ≤ theoretical maximum and pile-up ≤ theoretical maximum, for every workload, host and version', () => {
    const configs = ['', 'work_mem = 64kB\n', 'work_mem = 256MB\nmax_connections = 400\n', 'shared_buffers = 8GB\nhuge_pages = off\nmax_parallel_workers_per_gather = 4\n'];
    const hosts: Host[] = [{ source: 'flags' }, { source: 'flags', ramBytes: GiB, cores: 1 }, host, { source: 'flags', ramBytes: 256 * GiB, cores: 64, replicas: 2 }, { ...host, connections: 40 }];
    for (const v of PG_MAJORS) {
      for (const workload of ['web', 'oltp', 'dw', 'mixed', 'desktop'] as const) {
        for (const c of configs) {
          for (const h of hosts) {
            const m = estimate(v, c, { ...h, workload }).memory;
            const where = `${v} ${workload} ${JSON.stringify(c)} ${JSON.stringify(h)}`;
            if (m.typical.bytes > m.busyHour.bytes) throw new Error(`typical > busy hour: ${where}`);
            if (m.busyHour.bytes > m.theoreticalMax.bytes) throw new Error(`busy hour > maximum: ${where}`);
            if (m.pileUp.bytes > m.theoreticalMax.bytes) throw new Error(`pile-up > maximum: ${where}`);
            for (const id of SCENARIOS) {
              const s = m[id];
              expect(s.bytes).toBe(s.shared + s.private + s.pageTables);
              expect(s.private).toBe(s.lines.filter((l) => l.kind === 'process').reduce((a, l) => a + l.bytes, 0));
              for (const l of s.lines) expect(l.formula.length).toBeGreaterThan(0);
            }
          }
        }
      }
    }
  });

  test('every total is linear in work_mem: perWorkMem is its slope, workMemForBudget solves it', () => {
    for (const v of [13, 15, 18] as const) {
      for (const workload of ['oltp', 'dw', 'mixed'] as const) {
        const h = { ...host, workload };
        const a = estimate(v, 'work_mem = 4MB\n', h).memory;
        const b = estimate(v, 'work_mem = 36MB\n', h).memory;
        for (const id of [...SCENARIOS, 'worstCase'] as const) {
          expect(a[id].perWorkMem).toBeGreaterThan(0);
          expect(b[id].perWorkMem).toBe(a[id].perWorkMem);
          // each line is rounded to a byte
          expect(Math.abs(b[id].bytes - a[id].bytes - a[id].perWorkMem * 32 * MiB)).toBeLessThanOrEqual(a[id].lines.length);
        }
        const budget = 0.8 * 16 * GiB;
        const w = workMemForBudget(a.busyHour, 4 * MiB, budget);
        const at = estimate(v, `work_mem = ${Math.floor(w / 1024)}kB\n`, h).memory.busyHour;
        expect(at.bytes).toBeLessThanOrEqual(budget);
        expect(budget - at.bytes).toBeLessThan(at.perWorkMem * 1024 + at.lines.length);
      }
    }
    // nothing in it depends on work_mem: no limit
    expect(workMemForBudget({ ...estimate(17, '', host).memory.busyHour, perWorkMem: 0 }, 4 * MiB, GiB)).toBe(Infinity);
  });

  test('simulatedBounds: the busy hour and pile-up as functions of the settings, for a solver', () => {
    const b = simulatedBounds(16, oltp, 'oltp');
    const settingsOf = (text: string): ReturnType<typeof resolveSettings>['settings'] =>
      resolveSettings(loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from(text) }).items, loadCatalog(16)).settings;
    const at = (wm: number): number => b.busyHour(settingsOf(`work_mem = ${wm}MB\n`));
    expect(at(4)).toBe(estimate(16, 'work_mem = 4MB\n', oltp).memory.busyHour.bytes);
    expect(b.pileUp(settingsOf('work_mem = 4MB\n'))).toBe(estimate(16, 'work_mem = 4MB\n', oltp).memory.pileUp.bytes);
    // linear: equal steps in work_mem, equal steps in bytes (to the byte rounding of each line)
    expect(Math.abs(at(12) - at(8) - (at(8) - at(4)))).toBeLessThanOrEqual(10);
    expect(b.describe).toMatch(/calibrated/);
  });

  test('busy hour: running queries = --connections, else min(max_connections, k × cores) with k from the workload', () => {
    const running = (text: string, h: Host): unknown => lineOf(estimate(16, text, h).memory.busyHour, 'work_mem of running queries')?.inputs['running queries'];
    expect(running('', oltp)).toBe(12); // 3 × 4 cores
    expect(running('', { ...oltp, cores: 1.5 })).toBe(5); // ceil(4.5)
    expect(running('', { ...host, workload: 'mixed' })).toBe(8); // 2 × 4
    expect(running('', { ...host, workload: 'dw', cores: 16 })).toBe(16); // 1 × 16
    expect(running('max_connections = 10\n', { ...oltp, cores: 64 })).toBe(10);
    expect(running('', { ...oltp, connections: 37 })).toBe(37);
    // no cores: the typical share of the workload's sessions (min(100, 300) × 0.5)
    expect(running('', { source: 'flags', ramBytes: 16 * GiB, workload: 'oltp' })).toBe(50);
    // p95 nodes × work_mem × (1 + hash share × (hash_mem_multiplier − 1)): 12 × 2 × 4MB × 1.5 on 16
    const l = lineOf(estimate(16, '', oltp).memory.busyHour, 'work_mem of running queries')!;
    expect(l.bytes).toBe(12 * 2 * 4 * MiB * 1.5);
    expect(l.perWorkMem).toBe(12 * 2 * 1.5);
    // hash_mem_multiplier is 1.0 on 13–14: the factor is 1
    expect(lineOf(estimate(13, '', oltp).memory.busyHour, 'work_mem of running queries')!.bytes).toBe(12 * 2 * 4 * MiB);
  });

  test('busy hour: every open session at the application session memory (the measured one when larger)', () => {
    expect(lineOf(estimate(17, '', oltp).memory.busyHour, 'open sessions')!.bytes).toBe(100 * 5 * MiB);
    expect(lineOf(estimate(17, 'max_connections = 300\n', { ...host, workload: 'dw' }).memory.busyHour, 'open sessions')!.bytes).toBe(300 * 8 * MiB);
    const measured = processCosts(17).backend;
    const profile = { ...WORKLOAD_PROFILES.oltp, sessionMemory: { value: 0, source: 'test' } };
    const config = loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from('') });
    const e = simulate({ settings: resolveSettings(config.items, loadCatalog(17)).settings, version: 17, host: oltp, profile });
    expect(lineOf(e.memory.busyHour, 'open sessions')!.bytes).toBe(Math.round(100 * measured));
  });

  test('busy hour: WAL senders for the replicas there are, temp_buffers for the temp-table share, parallel workers for the parallel share', () => {
    const busy = (text: string, h: Host): MemoryScenario => estimate(17, text, h).memory.busyHour;
    expect(lineOf(busy('', oltp), 'WAL senders')).toBeUndefined();
    expect(lineOf(busy('', { ...oltp, replicas: 2 }), 'WAL senders')!.bytes).toBe(Math.round(2 * processCosts(17).backend));
    // the ceiling still counts every max_wal_senders slot
    expect(lineOf(estimate(17, '', oltp).memory.theoreticalMax, 'WAL senders')!.inputs['max_wal_senders']).toBe(10);
    // 100 × 5% × 8MB (oltp), 100 × 25% (dw); every session in the ceiling
    expect(lineOf(busy('', oltp), 'temp_buffers')!.bytes).toBe(5 * 8 * MiB);
    expect(lineOf(busy('', { ...host, workload: 'dw' }), 'temp_buffers')!.bytes).toBe(25 * 8 * MiB);
    expect(lineOf(estimate(17, '', oltp).memory.theoreticalMax, 'temp_buffers')!.bytes).toBe(100 * 8 * MiB);
    // oltp never goes parallel; mixed: 8 running × 0.25 × 2 per gather = 4; dw: 16 × 1 × 2, at most
    // the 7 worker slots max_worker_processes = 8 leaves beside the logical replication launcher
    expect(lineOf(busy('', oltp), 'parallel workers')).toBeUndefined();
    expect(lineOf(busy('', { ...host, workload: 'mixed' }), 'parallel workers')!.inputs['workers']).toBe(4);
    expect(lineOf(busy('', { ...host, workload: 'dw', cores: 16 }), 'parallel workers')!.inputs['workers']).toBe(7);
    // maintenance operations: 1 (oltp), 2 (dw) × maintenance_work_mem
    expect(lineOf(busy('maintenance_work_mem = 1GB\n', oltp), 'maintenance operations')!.bytes).toBe(GiB);
    expect(lineOf(busy('maintenance_work_mem = 1GB\n', { ...host, workload: 'dw' }), 'maintenance operations')!.bytes).toBe(2 * GiB);
  });

  test('autovacuum memory as it really grows: dead tuples × 6 B up to the 1GB-capped limit before 17, the TID store from 17', () => {
    const perWorker = (v: PgMajor, text: string, h: Host): number => Number(lineOf(estimate(v, text, h).memory.busyHour, 'autovacuum workers')!.inputs['per_worker']);
    const small: Host = { ...oltp, ramBytes: GiB };
    // a 1GB table: 131072 pages × 80 rows; 50 + 0.2 × rows dead tuples
    const dead = Math.round(50 + 0.2 * 131072 * 80);
    expect(perWorker(16, '', small)).toBe(dead * 6);
    const tid = tidStoreCost(17);
    expect(perWorker(17, '', small)).toBe(Math.round(tid.base + 131072 * tid.densePerPage));
    expect(perWorker(17, '', small)).toBeLessThan(dead * 6); // ~60 B per page of 16 dead tuples, not 96
    // the limit binds on a RAM-sized table of 16GB at the default 64MB
    expect(perWorker(16, '', oltp)).toBe(64 * MiB);
    expect(perWorker(17, '', oltp)).toBe(64 * MiB);
    // 256GB: before 17 the array stops at 1GB whatever the setting; from 17 the store grows past it
    const big: Host = { ...oltp, ramBytes: 256 * GiB };
    expect(perWorker(16, 'autovacuum_work_mem = 4GB\n', big)).toBe(GiB);
    expect(perWorker(17, 'autovacuum_work_mem = 4GB\n', big)).toBe(Math.round(tid.base + 256 * 131072 * tid.densePerPage));
    // a lower scale factor triggers earlier: fewer dead tuples
    expect(perWorker(16, 'autovacuum_vacuum_scale_factor = 0.02\n', small)).toBe(Math.round(50 + 0.02 * 131072 * 80) * 6);
    // every autovacuum worker in the busy hour, one typically, none with autovacuum off
    expect(lineOf(estimate(16, '', small).memory.busyHour, 'autovacuum workers')!.inputs['workers']).toBe(3);
    expect(lineOf(estimate(16, '', small).memory.typical, 'autovacuum workers')!.inputs['workers']).toBe(1);
    expect(lineOf(estimate(16, 'autovacuum = off\n', small).memory.busyHour, 'autovacuum workers')).toBeUndefined();
    // no RAM: the whole limit
    expect(perWorker(16, '', { source: 'flags', cores: 4 })).toBe(64 * MiB);
  });

  test('autovacuum_vacuum_max_threshold (18) caps the dead tuples a worker collects', () => {
    const dead = (v: PgMajor): number => {
      const config = loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from('autovacuum_work_mem = 8GB\n') });
      const e = simulate({ settings: resolveSettings(config.items, loadCatalog(v)).settings, version: v, host: oltp, vacuumTable: { bytes: 1024 * GiB, source: 'test' } });
      return Number(lineOf(e.memory.busyHour, 'autovacuum workers')!.inputs['dead_tuples']);
    };
    expect(dead(17)).toBe(Math.round(50 + 0.2 * 1024 * 131072 * 80));
    expect(dead(18)).toBe(100_000_000);
    // fewer dead tuples than pages: only those pages, at the sparse cost
    const m = deadTupleMemory(18, 8 * GiB, 1000, 1_000_000);
    expect(m.bytes).toBe(Math.round(tidStoreCost(18).base + 1000 * tidStoreCost(18).sparsePerPage));
    expect(deadTupleMemory(16, 8 * GiB, 1000, 1_000_000).bytes).toBe(6000);
  });

  test('page tables: 8 bytes per 4kB page of shared memory per process, unless huge pages back it', () => {
    const text = 'shared_buffers = 8GB\n';
    const e = estimate(17, text, oltp);
    const shm = e.sharedMemory.bytes;
    expect(e.memory.pageTables).toMatchObject({ smallPages: 'unknown', perProcess: Math.round(shm / 512) });
    // max_connections + checkpointer + background writer
    expect(lineOf(e.memory.busyHour, 'page tables')!).toMatchObject({ bytes: 102 * Math.round(shm / 512), kind: 'kernel' });
    expect(e.memory.busyHour.pageTables).toBe(102 * Math.round(shm / 512));
    expect(lineOf(e.memory.typical, 'page tables')).toBeUndefined(); // not known: the everyday figure does not guess
    // 18 runs 3 I/O workers that fill the pool too
    expect(lineOf(estimate(18, text, oltp).memory.busyHour, 'page tables')!.inputs['processes']).toBe(105);
    // huge_pages = off: counted everywhere, the typical load included
    const off = estimate(17, text + 'huge_pages = off\n', oltp).memory;
    expect(off.pageTables.smallPages).toBe(true);
    expect(lineOf(off.typical, 'page tables')!.inputs['processes']).toBe(100 + 2);
    // huge pages: none
    for (const [t, h] of [[text + 'huge_pages = on\n', { ...oltp, hugePages: false }], [text, { ...oltp, hugePages: true }], [text, { ...oltp, hugePages: e.sharedMemory.hugePages }]] as Array<[string, Host]>) {
      const m = estimate(17, t, h).memory;
      expect(m.pageTables.smallPages).toBe(false);
      for (const id of SCENARIOS) expect(m[id].pageTables).toBe(0);
    }
    // one page short of the reservation: try falls back to 4kB pages
    const short = estimate(17, text, { ...oltp, hugePages: e.sharedMemory.hugePages - 1 }).memory;
    expect(short.pageTables.smallPages).toBe(true);
    expect(short.pageTables.reason).toMatch(/reserved/);
    expect(short.typical.pageTables).toBeGreaterThan(0);
    // a 64GB pool (65.5GB of shared memory with its descriptors and the rest): 131MB per process
    expect(estimate(17, 'shared_buffers = 64GB\n', oltp).memory.pageTables.perProcess / MiB).toBeCloseTo(131, 0);
  });

  test('pile-up: every connection holding one sort/hash node and its session', () => {
    const m = estimate(16, 'work_mem = 16MB\n', oltp).memory;
    const l = lineOf(m.pileUp, 'sessions with one node each')!;
    expect(l.bytes).toBe(100 * (5 * MiB + 16 * MiB * 1.5));
    expect(l.perWorkMem).toBe(150);
    expect(m.pileUp.perWorkMem).toBe(150);
    expect(lineOf(m.pileUp, 'maintenance operation')!.bytes).toBe(64 * MiB);
  });

  test('glibc: a range beside each total, never in it', () => {
    const g = glibcFacts();
    expect(g.overshoot).toBeGreaterThan(0.1);
    expect(g.overshoot).toBeLessThan(1);
    expect(g.keptShare).toBeGreaterThan(0);
    expect(g.keptShare).toBeLessThanOrEqual(1);
    const m = estimate(16, 'work_mem = 16MB\n', oltp).memory;
    const node = 16 * MiB * 1.5;
    // 12 running × 2 nodes overshoot, 1 maintenance operation; the 88 idle sessions may keep their last node
    expect(m.busyHour.glibc).toMatchObject({ low: 0, high: Math.round(g.overshoot * (24 * node + 64 * MiB) + g.keptShare * 88 * node) });
    expect(m.pileUp.glibc.high).toBe(Math.round(g.overshoot * (100 * node + 64 * MiB)));
    expect(m.busyHour.bytes).toBe(m.busyHour.shared + m.busyHour.private + m.busyHour.pageTables);
  });

  test('the former worst case is kept byte for byte for its readers; the theoretical maximum adds application sessions and page tables', () => {
    const m = estimate(17, '', oltp).memory;
    const backend = processCosts(17).backend;
    expect(lineOf(m.worstCase, 'client backends')!.bytes).toBe(Math.round(100 * (backend + 3 * 4 * MiB * 1.5)));
    expect(lineOf(m.worstCase, 'page tables')).toBeUndefined();
    expect(m.theoreticalMax.bytes - m.worstCase.bytes).toBe(lineOf(m.theoreticalMax, 'client backends')!.bytes - lineOf(m.worstCase, 'client backends')!.bytes + m.theoreticalMax.pageTables);
    expect(m.theoreticalMax.label).toBe('theoretical maximum');
  });
});

describe('huge pages on the host', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-hp-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string): string => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  test('--host auto reads HugePages_Total, Hugepagesize and the transparent huge page modes', () => {
    write('a/proc/meminfo', 'MemTotal:       16384000 kB\nHugePages_Total:    4200\nHugePages_Free:     4200\nHugepagesize:       2048 kB\n');
    write('a/sys/kernel/mm/transparent_hugepage/enabled', 'always [madvise] never\n');
    write('a/sys/kernel/mm/transparent_hugepage/shmem_enabled', 'always within_size advise [never] deny force\n');
    const h = hostAuto({ procRoot: path.join(dir, 'a/proc'), cgroupRoot: path.join(dir, 'a/nowhere'), sysRoot: path.join(dir, 'a/sys') });
    expect(h).toMatchObject({ hugePages: 4200, hugePageSize: 2 * 1024 * 1024, transparentHugePages: { enabled: 'madvise', shmem: 'never' } });
    expect(h.notes?.join('\n')).toMatch(/HugePages_Total 4200/);
    // no reservation: 0, which the simulator reads as "none"
    write('b/proc/meminfo', 'MemTotal: 1024 kB\nHugePages_Total:       0\nHugepagesize:       2048 kB\n');
    const none = hostAuto({ procRoot: path.join(dir, 'b/proc'), cgroupRoot: path.join(dir, 'b/nowhere') });
    expect(none.hugePages).toBe(0);
    expect(none.transparentHugePages).toBeUndefined(); // a fake /proc alone: /sys is not read
    const config = loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from('') });
    const e = simulate({ settings: resolveSettings(config.items, loadCatalog(17)).settings, version: 17, host: { ...none, ramBytes: 16 * GiB } });
    expect(e.memory.pageTables.smallPages).toBe(true);
  });

  test('a host file may say hugePages and transparentHugePages; anything else is a one-line error', () => {
    expect(hostFromFile(write('h1.json', JSON.stringify({ ram: '64GB', hugePages: true, transparentHugePages: 'never' })))).toMatchObject({ hugePages: true, transparentHugePages: { enabled: 'never' } });
    expect(hostFromFile(write('h2.json', JSON.stringify({ hugePages: 8300 }))).hugePages).toBe(8300);
    expect(() => hostFromFile(write('h3.json', JSON.stringify({ hugePages: 'lots' })))).toThrow(/h3\.json:1:2: \$\.hugePages: must be a boolean or an integer \(got "lots"\)/);
    expect(() => hostFromFile(write('h4.json', JSON.stringify({ transparentHugePages: 'sometimes' })))).toThrow(/h4\.json:1:2: \$\.transparentHugePages: must be one of always, madvise, never \(got "sometimes"\)$/);
  });
});

// ---------------------------------------------------------------------------------------------
// pgvet simulate

function capture(args: SimulateArgs): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    let code: number;
    try {
      code = runSimulate(args);
    } catch (e) {
      // user errors reach the CLI's one catch (exit 2, one line)
      code = atTheEdge(e);
    }
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

describe('pgvet simulate', () => {
  const validate = schemaValidator('simulate');
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-sim-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const hosts: Array<Partial<SimulateArgs>> = [
    {},
    { ram: '4GB', cores: '2', workload: 'web' },
    { ram: '16GB', cores: '4', workload: 'oltp', connections: '50', replicas: '2' },
    { ram: '256GB', cores: '64', workload: 'dw', storage: 'nvme' },
  ];

  test.each(PG_MAJORS.map((v) => [v]))('JSON of the stock sample of %i validates against the schema, on every host and role', (v) => {
    for (const h of hosts) {
      for (const role of ['primary', 'standby']) {
        const r = capture({ file: sample(v), pgVersion: String(v), format: 'json', role, ...h });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const doc = JSON.parse(r.stdout) as Record<string, unknown>;
        if (!validate(doc)) throw new Error(JSON.stringify(validate.errors, null, 2));
        expect(doc.pgVersion).toBe(v);
        const mem = doc.memory as Record<string, { label: string; bytes: number; headroom: number | null }>;
        expect(Object.keys(mem)).toEqual(['ram', 'typical', 'busyHour', 'pileUp', 'theoreticalMax', 'pageTables', 'assumptions']);
        expect([mem.typical!.label, mem.busyHour!.label, mem.pileUp!.label, mem.theoreticalMax!.label]).toEqual(['typical', 'busy hour', 'pile-up', 'theoretical maximum']);
        if (h.ram) expect(mem.busyHour!.headroom).toBe(Number(doc.memory && (doc.memory as { ram: number }).ram) - mem.busyHour!.bytes);
        expect(doc.serverWouldStart).toBe(true);
      }
    }
  });

  test('JSON of corpus files validates too', () => {
    const corpus = path.join(PACKAGE_ROOT, 'fixtures', 'corpus', 'postgresql');
    const files = fs.existsSync(corpus) ? fs.readdirSync(corpus).filter((f) => !f.startsWith('.')).slice(0, 20) : [];
    for (const f of files) {
      const r = capture({ file: path.join(corpus, f), pgVersion: '16', format: 'json', ram: '8GB' });
      expect([0, 1]).toContain(r.code);
      const doc = JSON.parse(r.stdout) as object;
      if (!validate(doc)) throw new Error(`${f}: ${JSON.stringify(validate.errors)}`);
    }
  });

  test('text: a process tree and bars against RAM, colour only when asked', () => {
    const plain = capture({ file: sample(17), pgVersion: '17', ram: '16GB', cores: '4', workload: 'oltp', color: false });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('postgres (postmaster)');
    expect(plain.stdout).toMatch(/├─ checkpointer/);
    expect(plain.stdout).toMatch(/└─ /);
    expect(plain.stdout).toMatch(/buffer pool \(shared_buffers\)\s+128MB/);
    expect(plain.stdout).toContain('Memory against 16GB RAM');
    for (const name of ['typical', 'busy hour', 'pile-up', 'theoretical maximum']) expect(plain.stdout).toMatch(new RegExp(`^  ${name}: total `, 'm'));
    expect(plain.stdout).toContain('a ceiling no server reaches');
    expect(plain.stdout).toMatch(/^    page tables +\S+ .* 102 × /m);
    expect(plain.stdout).toMatch(/glibc malloc and hash-table growth may add 0–\S+ on top: 24 running nodes up to \+\d+%/);
    expect(plain.stdout).not.toMatch(/worst case/);
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = capture({ file: sample(17), pgVersion: '17', color: true });
    expect(coloured.stdout).toContain('\u001b[');
  });

  test('text under a container limit says so', () => {
    const hostFile = path.join(dir, 'container.json');
    fs.writeFileSync(hostFile, JSON.stringify({ ram: '2GB', cores: 2, containerLimited: true }));
    const r = capture({ file: sample(16), pgVersion: '16', host: hostFile, color: false });
    expect(r.stdout).toContain('Memory against 2GB container limit');
  });

  test('a file PostgreSQL would refuse: simulated anyway, exit 1, serverWouldStart false', () => {
    const p = path.join(dir, 'minimal.conf');
    fs.writeFileSync(p, 'wal_level = minimal\nshared_buffers = 1GB\n');
    const r = capture({ file: p, pgVersion: '16', format: 'json' });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { serverWouldStart: boolean; refusals: unknown[]; sharedMemory: { megabytes: number } };
    expect(doc.serverWouldStart).toBe(false);
    expect(doc.refusals.length).toBeGreaterThan(0);
    expect(doc.sharedMemory.megabytes).toBeGreaterThan(1024);
    const text = capture({ file: p, pgVersion: '16' });
    expect(text.stdout).toContain('PostgreSQL would refuse to start with this file');
  });

  test.each([
    [{ file: 'nope.conf' }, 'nope.conf'],
    [{ ram: '16 bananas' }, 'invalid size'],
    [{ cores: 'lots' }, 'invalid core count'],
    [{ pgVersion: '12' }, '--pg-version'],
    [{ host: 'missing-host.json' }, 'missing-host.json'],
  ] as Array<[Partial<SimulateArgs>, string]>)('input errors: exit 2, one line (%j)', (args, mentions) => {
    const r = capture({ file: sample(18), ...args });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(mentions);
  });

  test('--host FILE with flags on top', () => {
    const hostFile = path.join(dir, 'host.json');
    fs.writeFileSync(hostFile, JSON.stringify({ ram: '8Gi', cores: 4, workload: 'web' }));
    const r = capture({ file: sample(18), host: hostFile, cores: '16', format: 'json' });
    const doc = JSON.parse(r.stdout) as { host: Record<string, unknown>; workload: string; memory: { ram: number } };
    expect(doc.host).toMatchObject({ source: 'file', ramBytes: 8 * GiB, cores: 16 });
    expect(doc.workload).toBe('web');
    expect(doc.memory.ram).toBe(8 * GiB);
  });
});
