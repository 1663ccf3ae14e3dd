/**
 * Acceptance for the host-aware rules (issue 3): balanced configurations draw nothing on the six
 * named parameters, every finding names its parameter, the stock samples 13–18 get the report a
 * DBA expects on small, medium and large hosts, and without host facts the rules are skipped
 * and the run's note (summary.note) names them.
 *
 * The "reported disagreements" were found by reviewing the rules as a DBA would; they were
 * written as failing tests first and the rules fixed to pass them.
 */
import type { Host } from '../src/host/types.js';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import type { RuleCases } from '../src/engine/cases.js';
import { ruleApplies } from '../src/engine/lint.js';
import type { Finding } from '../src/engine/types.js';
import { lintText } from './support/lint-helpers.js';
import { hostNote } from '../src/report/summary.js';
import { FIXTURES_DIR } from './support/paths.js';

const GB = 1024 ** 3;

/** The rules of issue 3. */
const HOST_RULE_IDS = [
  'PGV101', 'PGV102', 'PGV103', 'PGV104', 'PGV105', 'PGV106',
  'PGV201', 'PGV202', 'PGV203', 'PGV204', 'PGV301', 'PGV401', 'PGV402',
  'PGV501', 'PGV601', 'PGV602', 'PGV603', 'PGV604',
];
/** The rules that read the simulator's estimate (issue 4), host-aware too. */
const ESTIMATE_RULE_IDS = ['PGV109', 'PGV108', 'PGV205'];
/** Findings about a pg_hba.conf line or about the run itself name no parameter. */
const WITHOUT_PARAMETER = new Set(['PGV603']);
/** The parameters the issue names for "a balanced config draws no finding". */
const SIX = ['max_connections', 'shared_buffers', 'max_worker_processes', 'autovacuum_max_workers', 'max_wal_senders', 'listen_addresses'];

const hostRules = RULES.filter((r) => HOST_RULE_IDS.includes(r.meta.id));
const folderOf = (id: string): string => {
  const r = RULES.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return `${r.meta.id}-${r.meta.name}`;
};
const own = (findings: Finding[], ids: readonly string[] = HOST_RULE_IDS): Finding[] => findings.filter((f) => ids.includes(f.ruleId));
/** What a failed expectation shows: enough to see which finding it was. */
const brief = (findings: Finding[]): string[] => findings.map((f) => `${f.ruleId} L${f.line} [${f.parameter ?? ''}] ${f.message}`);

test('the 18 host-aware rules are registered', () => {
  expect(hostRules.map((r) => r.meta.id)).toEqual(HOST_RULE_IDS);
});

// ---------------------------------------------------------------------------------------------
// (a) A balanced configuration for its host draws no finding on the six named parameters.
// ---------------------------------------------------------------------------------------------

/** pg_hba.conf for the balanced hosts: sockets by peer, the network by SCRAM over TLS. */
const BALANCED_HBA = 'local   all  all                peer\nhostssl all  all  10.0.0.0/8     scram-sha-256\n';

interface Balanced {
  name: string;
  host: Partial<Host>;
  conf: string;
}

/**
 * PGTune-style values for each host, adjusted where pgvet's rules say PGTune is short:
 * shared_buffers 25% of RAM, effective_cache_size 75%, max_connections max(100, 4 × cores),
 * max_worker_processes above max_parallel_workers + the logical replication launcher,
 * max_wal_senders ≥ replicas + 1, autovacuum_work_mem set apart from maintenance_work_mem on the
 * large host, listen_addresses on a private address (small) or '*' with ssl = on (medium, large),
 * and scram-sha-256 (13's default is md5).
 */
const BALANCED: Balanced[] = [
  {
    name: '4GB/2-core web',
    host: { ramBytes: 4 * GB, cores: 2, storage: 'ssd', workload: 'web', connections: 40, replicas: 1 },
    conf: `listen_addresses = 'localhost, 10.0.0.5'
password_encryption = 'scram-sha-256'
max_connections = 100
shared_buffers = 1GB
effective_cache_size = 3GB
work_mem = 8MB
maintenance_work_mem = 256MB
max_worker_processes = 8
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
autovacuum_max_workers = 3
autovacuum_vacuum_cost_limit = 1000
random_page_cost = 1.1
effective_io_concurrency = 200
maintenance_io_concurrency = 200
max_wal_size = 4GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
`,
  },
  {
    name: '16GB/4-core oltp',
    host: { ramBytes: 16 * GB, cores: 4, storage: 'nvme', workload: 'oltp', connections: 80, replicas: 2 },
    conf: `listen_addresses = '*'
ssl = on
password_encryption = 'scram-sha-256'
max_connections = 100
shared_buffers = 4GB
effective_cache_size = 12GB
work_mem = 12MB
maintenance_work_mem = 1GB
huge_pages = try
max_worker_processes = 8
max_parallel_workers = 4
max_parallel_workers_per_gather = 2
max_parallel_maintenance_workers = 2
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
autovacuum_max_workers = 3
autovacuum_vacuum_cost_limit = 2000
random_page_cost = 1.1
effective_io_concurrency = 1000
maintenance_io_concurrency = 256
max_wal_size = 8GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
`,
  },
  {
    name: '256GB/64-core mixed',
    host: { ramBytes: 256 * GB, cores: 64, storage: 'san', workload: 'mixed', connections: 200, replicas: 3 },
    conf: `listen_addresses = '*'
ssl = on
password_encryption = 'scram-sha-256'
max_connections = 256
shared_buffers = 64GB
effective_cache_size = 192GB
work_mem = 64MB
maintenance_work_mem = 2GB
autovacuum_work_mem = 1GB
huge_pages = on
max_worker_processes = 72
max_parallel_workers = 64
max_parallel_workers_per_gather = 4
max_parallel_maintenance_workers = 4
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
autovacuum_max_workers = 8
autovacuum_vacuum_cost_limit = 2000
random_page_cost = 1.1
effective_io_concurrency = 300
`,
  },
];

describe('(a) balanced configurations', () => {
  describe.each(BALANCED.map((b) => [b.name, b] as const))('%s', (_name, b) => {
    test.each([...PG_MAJORS])('no finding of the host-aware rules on %i', (v) => {
      const findings = lintText(b.conf, v, {}, { host: b.host, hba: BALANCED_HBA }).findings;
      expect(brief(own(findings))).toEqual([]);
      // the simulator's rules: no warning (PGV107's worst-case bound is info)
      expect(brief(own(findings, ESTIMATE_RULE_IDS).filter((f) => f.severity !== 'info'))).toEqual([]);
    });
  });

  const onSix = (b: Balanced, v: PgMajor): string[] =>
    brief(lintText(b.conf, v, {}, { host: b.host, hba: BALANCED_HBA }).findings.filter((f) => f.parameter !== undefined && SIX.includes(f.parameter)));

  test.each(BALANCED.map((b) => [b.name, b] as const))('%s: no finding of any rule on the six named parameters, 13-18', (_name, b) => {
    for (const v of PG_MAJORS) expect({ version: v, findings: onSix(b, v) }).toEqual({ version: v, findings: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Every finding of these rules names its parameter (except PGV603).
// ---------------------------------------------------------------------------------------------

describe('(b) findings name their parameter', () => {
  test('over every invalid case of the host-aware rules, on every version', async () => {
    const seen = new Map<string, number>();
    for (const rule of hostRules) {
      const cases = ((await import(`../rules/${folderOf(rule.meta.id)}/cases.js`)) as { default: RuleCases }).default;
      for (const c of cases.invalid) {
        for (const v of (c.versions ?? [...PG_MAJORS]).filter((x) => ruleApplies(rule, x))) {
          const findings = own(lintText(c.conf, v, c.files, { ...(c.host ? { host: c.host } : {}), ...(c.hba !== undefined ? { hba: c.hba } : {}) }).findings);
          for (const f of findings) {
            seen.set(f.ruleId, (seen.get(f.ruleId) ?? 0) + 1);
            const meta = RULES.find((r) => r.meta.id === f.ruleId)!.meta;
            if (WITHOUT_PARAMETER.has(f.ruleId)) {
              expect({ case: c.name, version: v, ruleId: f.ruleId, parameter: f.parameter }).toEqual({ case: c.name, version: v, ruleId: f.ruleId, parameter: undefined });
            } else {
              // set, and one of the parameters the rule declares it reads
              expect({ case: c.name, version: v, ruleId: f.ruleId, declared: f.parameter !== undefined && (meta.parameters ?? []).includes(f.parameter) }).toEqual({ case: c.name, version: v, ruleId: f.ruleId, declared: true });
            }
          }
        }
      }
    }
    // the sweep reached every rule, so the assertion above is not vacuous
    expect(HOST_RULE_IDS.filter((id) => !seen.has(id))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) The stock samples 13–18 on 4GB/2-core, 16GB/4-core and 256GB/64-core hosts.
// ---------------------------------------------------------------------------------------------

const sample = (v: PgMajor): string => fs.readFileSync(path.join(FIXTURES_DIR, 'corpus', 'postgresql', `postgres-sample-${v}.conf`), 'utf8');

/** What the stock file means on each host, and the shared_buffers pgvet should propose (25%). */
const STOCK_HOSTS = [
  { name: '4GB/2-core', host: { ramBytes: 4 * GB, cores: 2 }, target: '1GB' },
  { name: '16GB/4-core', host: { ramBytes: 16 * GB, cores: 4 }, target: '4GB' },
  { name: '256GB/64-core', host: { ramBytes: 256 * GB, cores: 64 }, target: '64GB' },
] as const;

/**
 * What a DBA expects of a file that sets nothing (every value is the compiled-in default):
 * - shared_buffers too small on every one of these hosts: the default (8MB on 13-14, 128MB from 15)
 *   is below RAM/8 from 1GB of RAM, so even the 4GB host is told to go to 1GB, as PGTune would;
 * - password_encryption = md5 on 13 only (scram-sha-256 is the default from 14);
 * - the run's note: --replicas, --storage and --hba were not given, so PGV301, PGV501, PGV603 did not run;
 * - nothing else: the stock 100 connections, 8 worker processes, 3 autovacuum workers, 10 WAL
 *   senders and localhost are sane on all three hosts, and the file is valid.
 */
function expectedStock(v: PgMajor, ramBytes: number, cores: number): string[] {
  // issue 14 (changed on purpose; was PGV101, PGV107 on 4GB from 15, PGV602, PGV900): the worst
  // case (PGV107) is gone; the stock checkpoints and WAL are small everywhere (PGV302, info below
  // 2GB of shared_buffers); from 16GB maintenance_work_mem and effective_cache_size are small
  // (PGV105, PGV106); on 256GB/64 cores also huge pages (PGV103), the worker slots for 64 parallel
  // workers (PGV203) and 3 autovacuum workers (PGV401)
  const big = ramBytes >= 256 * GB;
  const own = [
    'PGV101', ...(big ? ['PGV103'] : []), ...(ramBytes >= 16 * GB ? ['PGV105', 'PGV106'] : []), ...(big ? ['PGV203'] : []),
    'PGV302', ...(big ? ['PGV401'] : []), ...(v === 13 ? ['PGV602'] : []),
  ];
  // the peer checks of issue 15 (docs/reference/dba-review.md#big-hosts-left-at-the-defaults), all info: effective_cache_size for the RAM,
  // idle-in-transaction timeout, no PITR, the logging baseline, track_io_timing, pg_stat_statements;
  // wal_compression on ≥ 4 cores, io_workers on 18 (≥ 16 cores); a newer major than 13–15 at the
  // tests' date (2024-06-01, test/support/clock.ts). Checkpoints, maintenance_work_mem and the
  // autovacuum workers are the guided rules' (PGV302, PGV105, PGV401): the peer checks say them once.
  const peer = [
    'PGV111', 'PGV206', 'PGV305', 'PGV701', 'PGV703', 'PGV704',
    ...(cores >= 4 ? ['PGV310'] : []),
    ...(v === 18 && cores >= 16 ? ['PGV503'] : []), ...(v <= 15 ? ['PGV804'] : []),
  ];
  return [...own, ...peer].sort();
}

describe('(c) the stock samples', () => {
  describe.each(STOCK_HOSTS.map((h) => [h.name, h] as const))('on %s', (_name, h) => {
    test.each([...PG_MAJORS])('%i: the findings a DBA expects are there', (v) => {
      const findings = lintText(sample(v), v, {}, { host: h.host }).findings;
      const sb = findings.filter((f) => f.ruleId === 'PGV101');
      expect(sb).toHaveLength(1);
      expect(sb[0]).toMatchObject({ severity: 'warning', line: 0, parameter: 'shared_buffers', suggestion: { parameter: 'shared_buffers', value: h.target } });
      expect(sb[0]!.message).toContain(`shared_buffers is ${v <= 14 ? '8MB' : '128MB'}`);
      expect(sb[0]!.message).toContain(`far below PostgreSQL's guidance of 25% of the RAM (${h.target})`);

      const md5 = findings.filter((f) => f.ruleId === 'PGV602');
      expect(md5.map((f) => [f.line, f.parameter])).toEqual(v === 13 ? [[0, 'password_encryption']] : []);

      const result = lintText(sample(v), v, {}, { host: h.host });
      expect(result.skipped.map((s) => [s.ruleId, s.missing])).toEqual([['PGV301', ['replicas']], ['PGV501', ['storage']], ['PGV603', ['hba']]]);
      expect(hostNote(result.skipped)).toBe('3 host-aware rules did not run (PGV301, PGV501, PGV603): describe the server with --storage --replicas --hba, or --host host.json / --host auto');

      // no over-sizing, connection, parallelism, exposure or durability finding (the stock file is
      // small, never too big, on every host: issue 14's "nothing suggests a value below the default")
      const quiet = ['PGV102', 'PGV104', 'PGV109', 'PGV201', 'PGV202', 'PGV204', 'PGV402', 'PGV601', 'PGV604'];
      expect(brief(own(findings, quiet))).toEqual([]);
      // and nothing that would stop the server
      expect(brief(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    });

    // Reported: PGV203 warns on the stock max_worker_processes = 8 / max_parallel_workers = 8 on
    // every host because the logical replication launcher holds one slot ("parallel queries will
    // get fewer workers than planned", suggestion max_worker_processes = 9). True to the letter,
    // but it fires on every untouched install for a one-worker shortfall that only matters when 8
    // parallel workers run at once; a DBA would not ask for a restart over it.
    test.each([...PG_MAJORS])('%i: nothing else', (v) => {
      const findings = lintText(sample(v), v, {}, { host: h.host }).findings;
      expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual(expectedStock(v, h.host.ramBytes!, h.host.cores));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// (d) Without host facts the host rules are skipped, and the run's note names them and the flags.
// ---------------------------------------------------------------------------------------------

describe('(d) no host facts', () => {
  const needing = (v: PgMajor) => RULES.filter((r) => (r.meta.needs ?? []).length > 0 && ruleApplies(r, v));

  test.each([...PG_MAJORS])('%i: the rules that need the host are skipped, the note names them and the flags', (v) => {
    // a file that would draw a finding from every rule that needs --ram or --cores
    const conf = 'shared_buffers = 20GB\nwork_mem = 8GB\nmaintenance_work_mem = 8GB\neffective_cache_size = 64GB\nmax_connections = 5000\nmax_parallel_workers_per_gather = 64\nautovacuum_max_workers = 10\nrandom_page_cost = 4\n';
    const result = lintText(conf, v);
    const skipped = needing(v).map((r) => r.meta.id);
    expect(skipped.length).toBeGreaterThan(0);
    expect(brief(own(result.findings, skipped))).toEqual([]);
    expect(result.skipped.map((s) => s.ruleId)).toEqual(skipped);
    const note = hostNote(result.skipped)!;
    expect(note).toContain(`${skipped.length} host-aware rules did not run (${[...skipped].sort().join(', ')})`);
    for (const flag of ['--ram', '--cores', '--replicas', '--storage', '--hba']) expect(note).toContain(flag);
  });

  test.each([...PG_MAJORS])('%i: with only --ram, the RAM rules run and the note no longer asks for --ram', (v) => {
    const result = lintText('shared_buffers = 128MB\n', v, {}, { host: { ramBytes: 16 * GB } });
    expect(result.findings.filter((f) => f.ruleId === 'PGV101')).toHaveLength(1);
    const note = hostNote(result.skipped)!;
    expect(note).not.toContain('--ram');
    expect(note).toContain('describe the server with --cores --storage --replicas --hba');
  });

  test('with every fact and --hba, there is no note', () => {
    for (const v of PG_MAJORS) {
      const result = lintText('# nothing set\n', v, {}, { host: { ramBytes: 16 * GB, cores: 4, storage: 'ssd', replicas: 1 }, hba: BALANCED_HBA });
      expect({ version: v, skipped: result.skipped, note: hostNote(result.skipped) }).toEqual({ version: v, skipped: [], note: undefined });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Version boundaries the rule cases cannot express (help lines).
// ---------------------------------------------------------------------------------------------

describe('help lines that depend on the version', () => {
  test.each([...PG_MAJORS])('PGV103 on %i: how to count the huge pages', (v) => {
    // issue 14: the count comes from pgvet's exact shared-memory figure on every version (the help
    // no longer depends on the version; was "postgres -C …" from 15, "size / 2MB" before)
    const [f] = lintText('shared_buffers = 16GB\n', v, {}, { host: { ramBytes: 64 * GB } }).findings.filter((x) => x.ruleId === 'PGV103');
    expect(f?.suggestion).toEqual({ parameter: 'huge_pages', value: 'on' });
    expect(f?.help).toMatch(/reserve vm\.nr_hugepages = \d+ \(2MB pages for [\d.]+GB of shared memory\)/);
  });
});

// ---------------------------------------------------------------------------------------------
// Reported disagreements: what a DBA expects where the rule says something else.
// ---------------------------------------------------------------------------------------------

describe('reported disagreements', () => {
  const messages = (conf: string, v: PgMajor, id: string, options: { host?: Partial<Host>; hba?: string } = {}): string[] =>
    lintText(conf, v, {}, options).findings.filter((f) => f.ruleId === id).map((f) => f.message);

  // PGV202: from 16 superusers may also take the reserved_connections slots (InitPostgres skips
  // the reserve check for superusers), so "not even a superuser can connect" is untrue there.
  test.each([16, 17, 18] as const)('PGV202 on %i: with reserved_connections > 0 no superuser is said to be locked out', (v) => {
    // without either reserve the rule fires (so the check below is not vacuous)…
    expect(messages('superuser_reserved_connections = 0\nreserved_connections = 0\n', v, 'PGV202')).toHaveLength(1);
    // …and with reserved_connections it says nothing of the kind
    const m = messages('superuser_reserved_connections = 0\nreserved_connections = 3\n', v, 'PGV202');
    expect(m.filter((x) => x.includes('not even a superuser'))).toEqual([]);
  });

  // PGV401 on 18 prints the capped count as if it were the setting: the file says 20, the message
  // says "autovacuum_max_workers = 16".
  test('PGV401 on 18: the message shows the configured autovacuum_max_workers', () => {
    const m = messages('autovacuum_max_workers = 20\n', 18, 'PGV401', { host: { cores: 4 } });
    expect(m.length).toBeGreaterThan(0);
    for (const x of m) expect(x).toContain('autovacuum_max_workers is 20');
  });

  // PGV104 with shared_buffers at or above the RAM: "more than the 0B left ... (83886080000%)"
  // and a 64kB suggestion; PGV102 already says the server cannot map it.
  test('PGV104: no absurd exposure finding when shared_buffers fills the RAM', () => {
    for (const v of PG_MAJORS) expect(messages('shared_buffers = 16GB\n', v, 'PGV104', { host: { ramBytes: 16 * GB } })).toEqual([]);
  });

  // PGV101 rounds tiny shares to "0.0%" (128MB of 256GB is 0.05%).
  test('PGV101: a small share is not printed as 0.0%', () => {
    const m = messages('shared_buffers = 128MB\n', 16, 'PGV101', { host: { ramBytes: 256 * GB } });
    expect(m).toHaveLength(1);
    expect(m[0]).not.toContain(' 0.0% ');
  });

  // PGV603 on a hostssl line: the password travels inside TLS, not "in clear text over the network".
  test('PGV603: password on a hostssl line is not called clear text on the network', () => {
    // on a plain host line it is clear text, and said so (the check below is not vacuous)…
    expect(messages('# unchanged\n', 16, 'PGV603', { hba: 'host all all 10.0.0.0/8 password\n' }).filter((x) => x.includes('in clear text over the network'))).toHaveLength(1);
    // …on hostssl it is not (the old loop over these messages passed with none at all)
    const m = messages('# unchanged\n', 16, 'PGV603', { hba: 'hostssl all all 10.0.0.0/8 password\n' });
    expect(m.filter((x) => x.includes('in clear text over the network'))).toEqual([]);
  });

  // PGV604 writes the loss window in milliseconds whatever its size ("~3000ms"); pgvet formats
  // time the way PostgreSQL does ("3s").
  test('PGV604: the loss window is written as PostgreSQL writes time', () => {
    const m = messages('wal_writer_delay = 1s\nsynchronous_commit = off\n', 16, 'PGV604');
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('~3s');
  });
});
