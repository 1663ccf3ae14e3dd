/**
 * tune respects a file's intent (issue 14 item 4): settings a DBA chose above the policy's floor
 * stay (logical replication, an aggressive autovacuum, a large WAL), only values in the bad band
 * move, every changed line says why and what it was, and --write twice gives identical bytes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PgMajor } from '../src/catalog/types.js';
import { lintFile } from './support/lint-helpers.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { recommend, type Recommendation } from '../src/tune/recommend.js';

const RUN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const GB = 1024 ** 3;
const HOST = ['--ram', '64GB', '--cores', '16', '--storage', 'ssd', '--workload', 'oltp'];
const host = { ramBytes: 64 * GB, cores: 16, storage: 'ssd' as const, workload: 'oltp' as const };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-tune-intent-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function tune(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [RUN, 'tune', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function recsFor(conf: string, version: PgMajor, name: string): Map<string, Recommendation> {
  const file = path.join(scratch, `${name}-${version}.conf`);
  fs.writeFileSync(file, conf);
  const lint = lintFile(file, { version, host });
  const result = recommend({ version, host: { ...host, source: 'flags' }, workload: 'oltp', current: lint.resolution });
  return new Map(result.recommendations.map((r) => [r.name, r]));
}

/** Deliberate production configs a DBA would sign, each with choices above pgvet's policy. */
const CONFIGS = {
  'logical replication': {
    conf: 'shared_buffers = 16GB\nwal_level = logical\nmax_wal_senders = 20\nmax_replication_slots = 20\nmax_logical_replication_workers = 8\n',
    kept: { wal_level: 'logical', max_wal_senders: '20', max_replication_slots: '20' },
  },
  'aggressive autovacuum': {
    conf: 'shared_buffers = 16GB\nautovacuum_max_workers = 10\nautovacuum_vacuum_cost_limit = 4000\nautovacuum_vacuum_cost_delay = 1ms\nautovacuum_vacuum_scale_factor = 0.01\nautovacuum_naptime = 15s\n',
    kept: { autovacuum_max_workers: '10', autovacuum_vacuum_cost_limit: '4000', autovacuum_vacuum_cost_delay: '1ms', autovacuum_vacuum_scale_factor: '0.01' },
  },
  'large WAL': {
    conf: 'shared_buffers = 16GB\nmax_wal_size = 100GB\nmin_wal_size = 16GB\ncheckpoint_timeout = 30min\nwal_keep_size = 20GB\n',
    kept: { max_wal_size: '100GB', min_wal_size: '16GB', checkpoint_timeout: '30min' },
  },
} as const;

describe.each(Object.entries(CONFIGS))('%s', (name, c) => {
  test.each([13, 16, 18] as const)('PostgreSQL %i: tune keeps the deliberate settings', (v) => {
    const recs = recsFor(c.conf, v, name.replace(/ /g, '-'));
    for (const [param, value] of Object.entries(c.kept)) {
      const r = recs.get(param);
      // either not written at all, or written as the file has it and not changed
      if (r) expect({ param, value: r.value, changed: r.changed }).toEqual({ param, value, changed: false });
    }
  });

  test('--write twice gives identical bytes; the first run says why for each line it changed', () => {
    const file = path.join(scratch, `${name.replace(/ /g, '-')}-write.conf`);
    fs.writeFileSync(file, c.conf);
    const args = [file, ...HOST, '--pg-version', '17', '--write', '--yes'];
    expect(tune(args).code).toBe(0);
    const first = fs.readFileSync(file);
    const text = first.toString('utf8');
    for (const [param, value] of Object.entries(c.kept)) expect(text).toMatch(new RegExp(`^${param} = ${value}$`, 'm'));
    // every line tune added or changed carries its reason and the old value
    const tuned = text.split('\n').filter((l) => /^\w+ = .*# pgvet tune: /.test(l));
    expect(tuned.length).toBeGreaterThan(0);
    for (const l of tuned) expect(l).toMatch(/\(was [^)]+\)$/);
    const second = tune(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change');
    expect(fs.readFileSync(file).equals(first)).toBe(true);
  });
});

test('a value in the bad band moves, with its reason and the old value on the line above', () => {
  const file = path.join(scratch, 'bad-band.conf');
  fs.writeFileSync(file, 'shared_buffers = 512MB\nwal_level = logical\nrandom_page_cost = 4\n');
  expect(tune([file, ...HOST, '--pg-version', '16', '--write', '--yes']).code).toBe(0);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain("# pgvet tune: far below PostgreSQL's guidance of 25% of the RAM (16GB) (was 512MB)\nshared_buffers = 16GB\n");
  expect(text).toContain('wal_level = logical\n');
  expect(text).toMatch(/# pgvet tune: ssd: [^\n]+ \(was 4\)\nrandom_page_cost = 1\.1\n/);
});

test('work_mem is a fixed point: tune on its own output changes nothing', () => {
  for (const v of [13, 15, 18] as const) {
    const file = path.join(scratch, `fixed-${v}.conf`);
    fs.writeFileSync(file, 'max_connections = 120\n');
    const args = [file, '--ram', '16GB', '--cores', '4', '--storage', 'nvme', '--workload', 'mixed', '--pg-version', String(v), '--write', '--yes'];
    expect(tune(args).code).toBe(0);
    const first = fs.readFileSync(file);
    expect(first.toString('utf8')).toMatch(/^work_mem = \d+MB/m);
    expect(tune(args).stdout).toContain('nothing to change');
    expect(fs.readFileSync(file).equals(first)).toBe(true);
  }
});
