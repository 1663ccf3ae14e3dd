/**
 * The simulator without servers: the shared-memory model against every recorded measurement
 * (shmem-measurements.csv: 650 exact sizes from real servers 13–18), the process and private
 * memory models, and `pgvet simulate`'s output (JSON validated by its schema, text, exit codes).
 * The live calibration against started servers is test/calibration/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadCatalog } from '../src/catalog/catalog.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { runSimulate, type SimulateArgs } from '../src/cli/simulate.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { loadConfig } from '../src/resolve/load.js';
import { resolveSettings } from '../src/resolve/settings.js';
import { simulate, type Estimate } from '../src/simulate/index.js';
import { hashEstimateSize, maxBackendsOf, sharedMemory, type ShmemInputs } from '../src/simulate/shmem.js';
import type { Host } from '../src/host/types.js';

const GiB = 1024 ** 3;
const require = createRequire(import.meta.url);
const Ajv = require('ajv') as typeof import('ajv').default;

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
    expect(maxBackendsOf(d, 13)).toBe(122);
    expect(maxBackendsOf(d, 17)).toBe(123);
    expect(maxBackendsOf({ ...d, autovacuumSlots: 16 }, 18)).toBe(136);
    // num_os_semaphores at the defaults of 18 (postgres-facts.md §2.1)
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

  test('idle children of a default primary (postgres-facts.md §4)', () => {
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
      expect(e.memory.typical.shared).toBe(e.sharedMemory.bytes);
      expect(estimate(v, '').memory.headroom).toEqual({ typical: null, worstCase: null });
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
// pgvet simulate

function capture(args: SimulateArgs): { code: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = runSimulate(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}

describe('pgvet simulate', () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'src', 'report', 'schemas', 'simulate.schema.json'), 'utf8')) as object);
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
    const plain = capture({ file: sample(17), pgVersion: '17', ram: '16GB', cores: '4', color: false });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('postgres (postmaster)');
    expect(plain.stdout).toMatch(/├─ checkpointer/);
    expect(plain.stdout).toMatch(/└─ /);
    expect(plain.stdout).toMatch(/buffer pool \(shared_buffers\)\s+128MB/);
    expect(plain.stdout).toContain('Memory against 16GB RAM');
    expect(plain.stdout).toMatch(/worst case: shared \+ private/);
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = capture({ file: sample(17), pgVersion: '17', color: true });
    expect(coloured.stdout).toContain('\u001b[');
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
