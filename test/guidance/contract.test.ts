/**
 * The guidance's contract: judgements read only what was judged before them, every parameter the
 * policy names exists, every judgement cites sources that docs/sources.md lists, missing host facts
 * skip a judgement (never guessed), a file's deliberate settings above the policy stay, and the
 * generated docs are current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { PG_MAJORS, type PgMajor } from '../../src/catalog/types.js';
import { AREAS, guide, GuidanceError, policies, SOURCES, type GuidanceResult, type ParamPolicy } from '../../src/guidance/index.js';
import { runPolicies } from '../../src/guidance/policy.js';
import { STORAGE_KINDS, WORKLOADS } from '../../src/host/types.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { GENERATED } from '../../scripts/generate-guidance-docs.js';
import { applied, GB, hostOf, run, settingsOfConf, settingsWith, type HostCase } from './support.js';

/** A spread of hosts: every version, workload and storage, small to big. */
const HOSTS: HostCase[] = PG_MAJORS.flatMap((version, i) => [
  { ram: 1, cores: 1, workload: WORKLOADS[i % 5]!, storage: STORAGE_KINDS[i % 4]!, version },
  { ram: 64, cores: 16, workload: WORKLOADS[(i + 2) % 5]!, storage: STORAGE_KINDS[(i + 1) % 4]!, version, replicas: 2 },
  { ram: 512, cores: 96, workload: WORKLOADS[(i + 4) % 5]!, storage: STORAGE_KINDS[(i + 3) % 4]!, version, connections: 300 },
]);

function assertOrder(r: GuidanceResult): void {
  const at = new Map(r.params.map((g, i) => [g.name.toLowerCase(), i]));
  for (const [i, g] of r.params.entries()) {
    for (const read of g.reads) {
      const j = at.get(read);
      if (j !== undefined && j > i) throw new Error(`${g.name} reads ${read}, which is judged after it`);
    }
  }
}

describe('ordering: a judgement reads only what was judged before it', () => {
  test.each(HOSTS.map((h) => [`${h.ram}GB/${h.cores} ${h.workload} ${h.storage} ${h.version}`, h] as const))('%s', (_label, h) => {
    const r = run(h, { walVolumeBytes: 100 * GB });
    assertOrder(r);
    // and on a file with io_method, archiving and extensions that wake the conditional judgements
    const chosen: Record<string, string | number | boolean> = { archive_mode: 'on', shared_preload_libraries: 'pg_cron,timescaledb', listen_addresses: '*', synchronous_standby_names: 'ANY 1 (a, b)' };
    if (h.version >= 18) chosen.io_method = 'worker';
    assertOrder(guide({ version: h.version, host: hostOf(h), workload: h.workload, settings: settingsWith(h.version, chosen) }));
  });

  test('what each judgement reads is recorded (work_mem reads the connections and the sizes before it)', () => {
    const r = run({ ram: 16, cores: 4, workload: 'oltp', storage: 'ssd', version: 16 });
    const wm = r.byName.get('work_mem')!;
    expect(wm.reads).toEqual(expect.arrayContaining(['max_connections', 'shared_buffers', 'huge_pages', 'autovacuum_work_mem', 'maintenance_work_mem', 'hash_mem_multiplier']));
    expect(wm.reads).not.toContain('work_mem');
  });
});

describe('the policy data', () => {
  test('every parameter a policy names exists in some supported version, and every version judges most of them', () => {
    const all = new Map<string, number>();
    for (const v of PG_MAJORS) for (const p of policies(loadCatalog(v))) all.set(p.name, (all.get(p.name) ?? 0) + (loadCatalog(v).params.has(p.name) ? 1 : 0));
    const unknown = [...all].filter(([, n]) => n === 0).map(([name]) => name);
    expect(unknown).toEqual([]);
  });

  test('every area has its file and at least one judgement; every judgement has a reason, a formula and known sources', () => {
    const docs = fs.readFileSync(path.join(PACKAGE_ROOT, 'docs', 'sources.md'), 'utf8');
    for (const h of HOSTS) {
      const r = run(h);
      for (const g of r.params) {
        expect(g.reason).not.toBe('');
        expect(g.formula).not.toBe('');
        expect(g.sources.length).toBeGreaterThan(0);
        for (const s of g.sources) {
          expect(SOURCES[s]).toBeDefined();
          expect(docs).toContain(`<a id="${s}"></a>`);
        }
        const edges = g.band.kind === 'range' ? [...g.band.low, ...g.band.high] : [g.band];
        for (const e of edges) expect(e.why).not.toBe('');
      }
    }
    for (const a of AREAS) expect(fs.existsSync(path.join(PACKAGE_ROOT, 'src', 'guidance', `${a}.ts`))).toBe(true);
    const r = run({ ram: 64, cores: 16, workload: 'oltp', storage: 'nvme', version: 18, replicas: 1 });
    expect(new Set(r.params.map((g) => g.area))).toEqual(new Set(AREAS));
  });

  test('sources in the repository exist; the rest are public URLs', () => {
    for (const [id, s] of Object.entries(SOURCES)) {
      if (/^https:\/\//.test(s.where)) continue;
      expect([id, fs.existsSync(path.join(PACKAGE_ROOT, s.where))]).toEqual([id, true]);
      expect(s.where).not.toMatch(/\.\.\//);
    }
  });
});

describe('host facts', () => {
  test('without the storage, the storage judgements are skipped and listed; nothing is guessed', () => {
    const r = guide({ version: 17, host: { ramBytes: 16 * GB, cores: 4, source: 'flags' }, workload: 'oltp' });
    expect(r.byName.has('random_page_cost')).toBe(false);
    expect(r.skipped).toEqual(expect.arrayContaining([
      { name: 'random_page_cost', missing: ['storage'] },
      { name: 'effective_io_concurrency', missing: ['storage'] },
      { name: 'autovacuum_vacuum_cost_limit', missing: ['storage'] },
    ]));
    expect(r.byName.get('shared_buffers')!.recommended.text).toBe('4GB');
  });

  test('without RAM and cores only the host-free judgements run', () => {
    const r = guide({ version: 17, host: { source: 'flags' }, workload: 'oltp' });
    expect(r.byName.has('work_mem')).toBe(false);
    expect(r.skipped.find((s) => s.name === 'work_mem')).toEqual({ name: 'work_mem', missing: ['ramBytes', 'cores'] });
    expect(r.byName.get('fsync')!.recommended.text).toBe('on');
  });

  test('a judgement that reads a host fact it did not declare is a bug, not a guess', () => {
    const sneaky: ParamPolicy = { name: 'work_mem', area: 'memory', nature: 'budget', needs: ['ramBytes'], judge: (c) => ({ target: c.cores, band: { kind: 'range', low: [], high: [] }, reason: 'r', formula: 'f', inputs: {}, sources: ['pgvet'] }) };
    expect(() => runPolicies({ version: 17, host: hostOf({ ram: 16, cores: 4, workload: 'oltp', storage: 'ssd', version: 17 }), workload: 'oltp' }, () => [sneaky])).toThrow(GuidanceError);
  });
});

describe("a file's deliberate settings above the policy stay", () => {
  const host: HostCase = { ram: 64, cores: 32, workload: 'oltp', storage: 'nvme', version: 17, replicas: 2 };
  const conf = [
    "wal_level = logical          # logical replication to the warehouse",
    'max_wal_senders = 20',
    'max_replication_slots = 20',
    'autovacuum_max_workers = 10  # aggressive autovacuum',
    'autovacuum_vacuum_cost_limit = 4000',
    'autovacuum_vacuum_cost_delay = 1ms',
    'autovacuum_vacuum_scale_factor = 0.01',
    'max_wal_size = 128GB         # big WAL volume',
    'min_wal_size = 8GB',
    'checkpoint_timeout = 30min',
    'max_connections = 300',
    'work_mem = 32MB',
    'shared_buffers = 16GB',
    'huge_pages = on',
    '',
  ].join('\n');

  test('logical replication, aggressive autovacuum, large WAL, many connections: kept, and a second run changes nothing', () => {
    const settings = settingsOfConf(17, conf);
    const r = guide({ version: 17, host: hostOf(host), workload: 'oltp', settings });
    const kept = ['wal_level', 'max_wal_senders', 'max_replication_slots', 'autovacuum_max_workers', 'autovacuum_vacuum_cost_limit', 'autovacuum_vacuum_cost_delay', 'autovacuum_vacuum_scale_factor', 'max_wal_size', 'min_wal_size', 'checkpoint_timeout', 'max_connections', 'work_mem', 'shared_buffers', 'huge_pages'];
    for (const name of kept) expect([name, r.byName.get(name)!.kept]).toEqual([name, true]);
    expect(r.byName.get('wal_level')!.recommended.text).toBe('logical');
    expect(r.byName.get('autovacuum_vacuum_cost_limit')!.recommended.text).toBe('4000');
    expect(r.byName.get('max_wal_size')!.recommended.text).toBe('128GB');
    // 300 connections on 32 cores: lint advises a pooler, tune keeps the file's choice
    expect(r.byName.get('max_connections')!.verdict).toMatchObject({ inside: false, severity: 'info', action: 'advise' });
    // what the file left at the server default moves to the targets
    expect(r.byName.get('jit')!.recommended.text).toBe('off');
    const again = guide({ version: 17, host: hostOf(host), workload: 'oltp', settings: applied(17, settings, r) });
    for (const g of again.params) expect([g.name, g.recommended.value]).toEqual([g.name, r.byName.get(g.name.toLowerCase())!.recommended.value]);
  });

  test('values in the bad band move: below the floor, or beyond a hazard', () => {
    const bad = settingsOfConf(17, 'wal_level = minimal\nmax_wal_senders = 0\nautovacuum_max_workers = 40\nautovacuum_vacuum_cost_limit = 100\nwork_mem = 1MB\nmax_wal_size = 512MB\nrandom_page_cost = 4\n');
    const r = guide({ version: 17, host: hostOf(host), workload: 'oltp', settings: bad });
    expect(r.byName.get('wal_level')!.recommended.text).toBe('replica');
    expect(r.byName.get('max_wal_senders')!.recommended.text).toBe('10');
    expect(r.byName.get('autovacuum_max_workers')!.recommended.text).toBe('6');
    expect(r.byName.get('autovacuum_max_workers')!.verdict).toMatchObject({ side: 'above', severity: 'warning' });
    expect(r.byName.get('autovacuum_vacuum_cost_limit')!.recommended.text).toBe('2000');
    expect(r.byName.get('work_mem')!.verdict).toMatchObject({ side: 'below', severity: 'info', action: 'move' });
    expect(r.byName.get('max_wal_size')!.verdict).toMatchObject({ side: 'below', severity: 'warning' });
    expect(r.byName.get('random_page_cost')!.verdict).toMatchObject({ side: 'above', severity: 'warning' });
    expect(r.byName.get('random_page_cost')!.recommended.text).toBe('1.1');
  });

  test('autovacuum_work_mem = -1 is judged by what it means: maintenance_work_mem, capped at 1GB before 17', () => {
    const h: HostCase = { ram: 64, cores: 16, workload: 'oltp', storage: 'ssd', version: 16 };
    const conf = 'maintenance_work_mem = 3GB\nautovacuum_work_mem = -1\n';
    const r16 = run(h, { settings: settingsOfConf(16, conf) });
    expect(r16.byName.get('maintenance_work_mem')!.kept).toBe(true);
    expect(r16.byName.get('autovacuum_work_mem')!.current).toMatchObject({ text: '-1', chosen: true, effective: 1024 * 1024 });
    expect(r16.byName.get('autovacuum_work_mem')!.kept).toBe(true);
    const r17 = run({ ...h, version: 17 }, { settings: settingsOfConf(17, conf) });
    expect(r17.byName.get('autovacuum_work_mem')!.current.effective).toBe(3 * 1024 * 1024);
    // 5 workers × 3GB = 15GB is within 25% of 64GB: still fine; with 8 workers it is not
    expect(r17.byName.get('autovacuum_work_mem')!.kept).toBe(true);
    const r17b = run({ ...h, version: 17 }, { settings: settingsOfConf(17, `${conf}autovacuum_max_workers = 8\n`) });
    expect(r17b.byName.get('autovacuum_work_mem')!.verdict).toMatchObject({ side: 'above', severity: 'warning', action: 'move' });
    expect(r17b.byName.get('autovacuum_work_mem')!.recommended.text).toBe('1GB');
  });
});

describe('checks with no value to recommend', () => {
  const h: HostCase = { ram: 16, cores: 4, workload: 'oltp', storage: 'ssd', version: 15, replicas: 2 };
  const verdict = (conf: string, name: string, version: PgMajor = 15): unknown => run({ ...h, version }, { settings: settingsOfConf(version, conf) }).byName.get(name)?.verdict;

  test('archiving: nothing archives, both command and library on 15, a plain cp', () => {
    expect(verdict('archive_mode = on\n', 'archive_command')).toMatchObject({ inside: false, severity: 'warning', action: 'advise' });
    expect(verdict("archive_mode = on\narchive_command = 'pgbackrest archive-push %p'\narchive_library = 'basic_archive'\n", 'archive_command')).toMatchObject({ severity: 'warning', why: expect.stringMatching(/library wins/) });
    expect(verdict("archive_mode = on\narchive_command = 'cp %p /mnt/archive/%f'\n", 'archive_command')).toMatchObject({ severity: 'info', why: expect.stringMatching(/fsync/) });
    expect(verdict("archive_mode = on\narchive_command = 'pgbackrest archive-push %p'\n", 'archive_command')).toEqual({ inside: true });
    expect(verdict('archive_mode = off\n', 'archive_mode')).toMatchObject({ severity: 'info', action: 'advise' });
  });

  test('synchronous standbys against the replicas', () => {
    expect(verdict("synchronous_standby_names = 'ANY 3 (a, b, c)'\n", 'synchronous_standby_names')).toMatchObject({ severity: 'warning', why: expect.stringMatching(/every write hangs/) });
    expect(verdict("synchronous_standby_names = 'FIRST 2 (a, b)'\n", 'synchronous_standby_names')).toMatchObject({ severity: 'warning', why: expect.stringMatching(/any standby outage/) });
    expect(verdict("synchronous_standby_names = 'a'\n", 'synchronous_standby_names')).toMatchObject({ severity: 'info' });
    expect(verdict("synchronous_standby_names = 'ANY 3 (a, b, c)'\nsynchronous_commit = local\n", 'synchronous_standby_names')).toBeUndefined();
  });

  test('wal_level = minimal: a warning on a server, info on a desktop', () => {
    expect(verdict('wal_level = minimal\nmax_wal_senders = 0\n', 'wal_level')).toMatchObject({ severity: 'warning' });
    const desktop = run({ ...h, workload: 'desktop', replicas: 0 }, { settings: settingsOfConf(15, 'wal_level = minimal\nmax_wal_senders = 0\n') });
    expect(desktop.byName.get('wal_level')!.verdict).toMatchObject({ severity: 'info' });
  });
});

describe('docs generated from the policy are current', () => {
  test.each(GENERATED.map((g) => [g.file, g] as const))('%s', (file, g) => {
    const committed = fs.readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
    // on failure: npm run build && node dist/scripts/generate-guidance-docs.js
    expect(committed).toBe(g.render());
  });
});

describe('no guidance constant outside src/guidance (issue 14)', () => {
  /** The old copies: shares of the RAM and per-core counts that rules and tune used to compute themselves. */
  const COPIES: Array<[RegExp, string]> = [
    [/\bram\w*\s*\/\s*(4|8|16|32)\b/i, 'a share of the RAM (ram / 4 …)'],
    [/\bram\w*\s*\*\s*0?\.\d+/i, 'a share of the RAM (ram * 0.75 …)'],
    [/\b0?\.\d+\s*\*\s*ram\w*/i, 'a share of the RAM (0.4 * ram …)'],
    [/\bcores\s*\*\s*\d+|\b\d+\s*\*\s*cores\b/i, 'a per-core count (4 × cores …)'],
    [/\b(EIC|WAL_SIZES)\s*[:=]/, 'a per-storage or per-workload table'],
  ];
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return e.name.endsWith('.ts') && e.name !== 'cases.ts' ? [p] : [];
  });
  const roots = ['rules', 'src/tune', 'src/engine'].map((d) => path.join(PACKAGE_ROOT, d));
  test.each(roots.flatMap(files).map((f) => [path.relative(PACKAGE_ROOT, f), f] as const))('%s', (_rel, file) => {
    const code = fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l));
    const found = code.flatMap((l, i) => COPIES.filter(([re]) => re.test(l)).map(([, what]) => `${i + 1}: ${what}: ${l.trim()}`));
    expect(found).toEqual([]);
  });
});
