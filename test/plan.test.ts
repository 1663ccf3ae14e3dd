/**
 * pgvet plan against real servers 13–18: connect by URI, key=value, service file and
 * environment; check the plan's groups against what the server itself reports after the file
 * is really put in place and reloaded; wrong password, unreachable host and a non-PostgreSQL
 * port are one-line errors with exit 2 and never show the password.
 */
import { schemaValidator } from './support/kit.js';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connect, getCluster, pgAvailable, startServer, writeScratch, type Cluster, type ServerHandle } from './support/pg.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { PG_MAJORS } from '../src/catalog/types.js';
import { resolveConnection, toClientConfig } from '../src/plan/conninfo.js';
import { describeFailure } from '../src/plan/live.js';
import { renderPlanText } from '../src/report/plan.js';


const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');
const PASSWORD = 'sekret-Pw-4711';
const validatePlan = schemaValidator('plan');

interface PlanJson {
  server: { pgVersion: number; standby: boolean };
  plan: {
    changes: Array<{ name: string; group: string; from: string; to: string }>;
    toDefault: Array<{ name: string; group: string }>;
    overridden: Array<{ name: string; by: string }>;
  };
  refused: boolean;
}

function plan(args: string[], env: Record<string, string> = {}, cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  const r = spawnSync(process.execPath, [BIN, 'plan', ...args], { encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env }, ...(cwd ? { cwd } : {}), timeout: 60_000 });
  // every JSON plan (exit 0 or 1; exit 2 prints nothing) follows src/report/schemas/plan.schema.json
  if (args.includes('json') && (r.status === 0 || r.status === 1)) {
    const doc = JSON.parse(String(r.stdout)) as unknown;
    if (!validatePlan(doc)) throw new Error(`pgvet plan ${args.join(' ').split(PASSWORD).join('***')}: output does not follow plan.schema.json: ${JSON.stringify(validatePlan.errors, null, 2)}`);
  }
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const LIVE = (v: number): string =>
  [
    'shared_buffers = 128MB',
    'work_mem = 4MB',
    'log_min_duration_statement = 250ms',
    'checkpoint_timeout = 5min',
    'max_connections = 50',
    v === 13 ? "password_encryption = 'scram-sha-256'" : '',
  ].join('\n') + '\n';

const DEPLOY = [
  'shared_buffers = 256MB        # restart',
  'checkpoint_timeout = 10min    # reload',
  'work_mem = 8MB                # per session',
  'maintenance_work_mem = 128MB  # ALTER SYSTEM wins',
  'max_connections = 50          # unchanged',
  '# log_min_duration_statement is gone: back to the default',
].join('\n') + '\n';

for (const v of PG_MAJORS) {
  (pgAvailable(v) ? describe : describe.skip)(`pgvet plan on PostgreSQL ${v}`, () => {
    let cluster: Cluster;
    let server: ServerHandle;
    let livePath: string;
    let deployPath: string;
    let uri: string;

    beforeAll(async () => {
      cluster = await getCluster(v);
      livePath = writeScratch(cluster, `plan/live.conf`, LIVE(v) + (v === 13 ? "password_encryption = 'scram-sha-256'\n" : ''));
      // postgres over the socket: trust (to set things up); any other role, and TCP: scram
      const hba = writeScratch(cluster, 'plan/pg_hba.conf', 'local all postgres trust\nlocal all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\n');
      deployPath = writeScratch(cluster, 'plan/deploy.conf', DEPLOY);
      server = await startServer(cluster, livePath, { extraArgs: ['-c', 'listen_addresses=127.0.0.1', '-c', `hba_file=${hba}`] });
      if (!server.started) throw new Error(`server did not start: ${server.stderr}`);
      const client = await connect(server);
      await client.query(`ALTER ROLE postgres PASSWORD '${PASSWORD}'`);
      await client.query("ALTER SYSTEM SET maintenance_work_mem = '99MB'");
      await client.query('SELECT pg_reload_conf()');
      await client.end();
      uri = `postgres://postgres:${PASSWORD}@127.0.0.1:${server.port}/postgres`;
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
    }, 60_000);

    const check = (r: { code: number | null; stdout: string; stderr: string }): PlanJson => {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(PASSWORD);
      const out = JSON.parse(r.stdout) as PlanJson;
      expect(out.server.pgVersion).toBe(v);
      return out;
    };

    test('the plan, by URI, key=value, service file and environment', () => {
      const byUri = check(plan([deployPath, '--db', uri, '--format', 'json']));
      const kv = check(plan([deployPath, '--db', `host=127.0.0.1 port=${server.port} user=postgres password='${PASSWORD}' dbname=postgres`, '--format', 'json']));
      const serviceFile = writeScratch(cluster, 'plan/pg_service.conf', `[deploytarget]\nhost=127.0.0.1\nport=${server.port}\nuser=postgres\npassword=${PASSWORD}\ndbname=postgres\n`);
      const bySvc = check(plan([deployPath, '--db', 'service=deploytarget', '--format', 'json'], { PGSERVICEFILE: serviceFile }));
      const byEnv = check(plan([deployPath, '--format', 'json'], { PGHOST: '127.0.0.1', PGPORT: String(server.port), PGUSER: 'postgres', PGPASSWORD: PASSWORD, PGDATABASE: 'postgres' }));
      for (const other of [kv, bySvc, byEnv]) expect(other.plan).toEqual(byUri.plan);
      const group = (name: string): string | undefined => byUri.plan.changes.find((c) => c.name === name)?.group;
      expect(group('shared_buffers')).toBe('restart');
      expect(group('checkpoint_timeout')).toBe('reload');
      expect(group('work_mem')).toBe('session');
      expect(group('max_connections')).toBeUndefined();
      expect(byUri.plan.toDefault.map((c) => c.name)).toContain('log_min_duration_statement');
      expect(byUri.plan.overridden.map((o) => [o.name, o.by])).toEqual([['maintenance_work_mem', 'alter-system']]);
      expect(byUri.refused).toBe(false);
    }, 120_000);

    test('the text plan reads like a plan', () => {
      const r = plan([deployPath, '--db', uri]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Needs a restart.*: 1\n\s+~ shared_buffers: 128MB → 256MB/);
      expect(r.stdout).toContain('maintenance_work_mem: the file says 128MB, but 99MB wins');
      // 15+ tells its shared memory; with shared_buffers 256MB the model's figure is larger
      expect(r.stdout).toMatch(v >= 15 ? /shared memory: \d+MB now \(shared_memory_size\) → \d+MB with this file/ : /shared memory: \d+MB with this file/);
      expect(r.stdout).not.toContain(PASSWORD);
    });

    test('what the server reports after really reloading with the file agrees with the plan', async () => {
      const planned = check(plan([deployPath, '--db', uri, '--format', 'json']));
      fs.copyFileSync(deployPath, livePath);
      const before = await connect(server);
      await before.query('SELECT pg_reload_conf()');
      await before.end();
      await new Promise((r) => setTimeout(r, 500));
      const after = await connect(server);
      const rows = (await after.query<{ name: string; setting: string; unit: string | null; pending_restart: boolean; source: string }>('SELECT name, setting, unit, pending_restart, source FROM pg_settings')).rows;
      await after.end();
      const row = (n: string): (typeof rows)[number] => rows.find((x) => x.name === n)!;
      for (const c of planned.plan.changes) {
        if (c.group === 'restart') expect({ name: c.name, pending: row(c.name).pending_restart }).toEqual({ name: c.name, pending: true });
        else expect({ name: c.name, pending: row(c.name).pending_restart, source: row(c.name).source }).toEqual({ name: c.name, pending: false, source: 'configuration file' });
      }
      expect(row('checkpoint_timeout').setting).toBe('600');
      expect(row('work_mem').setting).toBe('8192');
      for (const c of planned.plan.toDefault) expect({ name: c.name, source: row(c.name).source }).toEqual({ name: c.name, source: 'default' });
      expect(row('maintenance_work_mem').setting).toBe(String(99 * 1024));
      // after the deploy, the plan for the same file shows no reload or session changes left
      const again = check(plan([deployPath, '--db', uri, '--format', 'json']));
      expect(again.plan.changes.filter((c) => c.group !== 'restart')).toEqual([]);
      fs.writeFileSync(livePath, LIVE(v));
    }, 120_000);

    test('a file the server would refuse makes the plan fail (exit 1)', () => {
      const bad = writeScratch(cluster, 'plan/bad.conf', 'shared_buffers = 256 MB\nwal_level = minimal\n');
      const r = plan([bad, '--db', uri]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('The server would refuse this file.');
      const json = plan([bad, '--db', uri, '--format', 'json']);
      expect(json.code).toBe(1);
      const out = JSON.parse(json.stdout) as PlanJson & { findings: Array<{ severity: string }> };
      expect(out.refused).toBe(true);
      expect(out.findings.some((f) => f.severity === 'error')).toBe(true);
    });

    test('--primary: a standby file below its primary\'s hot-standby minimums fails the plan', () => {
      const low = writeScratch(cluster, 'plan/standby.conf', 'max_connections = 20\n');
      const r = plan([low, '--db', uri, '--primary', uri, '--format', 'json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { plan: { hotStandby: Array<{ name: string; standbyValue: number; primaryValue: number }> } };
      expect(out.plan.hotStandby).toEqual([{ name: 'max_connections', standbyValue: 20, primaryValue: 50 }]);
      expect(plan([deployPath, '--db', uri, '--primary', uri]).code).toBe(0);
    });

    test('no password at all: libpq\'s "no password supplied", at once (not after authentication_timeout)', () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvet-home-'));
      try {
        const start = Date.now();
        // over TCP, and over the unix socket (where the red team's run waited for authentication_timeout)
        for (const db of [`host=127.0.0.1 port=${server.port} user=postgres dbname=postgres`, `host=${server.socketDir} port=${server.port} user=app dbname=postgres`]) {
          const r = plan([deployPath, '--db', db], { HOME: home });
          expect(r.code).toBe(2);
          expect(r.stderr).toMatch(/^pgvet: cannot connect to the server (postgres@127\.0\.0\.1|app@socket \S+):\d+\/postgres: no password supplied/);
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
        }
        expect(Date.now() - start).toBeLessThan(20_000);
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    });

    test('wrong password: one line, exit 2, no password', () => {
      const wrong = 'not-the-Pw-0815';
      for (const db of [uri.replace(PASSWORD, wrong), `host=127.0.0.1 port=${server.port} user=postgres password=${wrong}`]) {
        const r = plan([deployPath, '--db', db]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/password authentication failed/);
        expect(r.stderr + r.stdout).not.toContain(wrong);
        expect(r.stderr + r.stdout).not.toContain(PASSWORD);
      }
    });
  });
}

describe('pgvet plan: servers that are not there', () => {
  test('an unreachable port: one line, exit 2, no password', () => {
    const r = plan(['fixtures/postgresql.conf', '--db', 'postgres://postgres:hunter2-secret@127.0.0.1:1/postgres'], {}, PACKAGE_ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('connection refused');
    expect(r.stderr).not.toContain('hunter2-secret');
  });
  test('a port that does not speak PostgreSQL: one line, exit 2, no password', async () => {
    const srv = net.createServer((sock) => sock.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      const r = await new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'plan', 'fixtures/postgresql.conf', '--db', `host=127.0.0.1 port=${port} user=u password=hunter2-secret connect_timeout=5`], { cwd: PACKAGE_ROOT });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (code) => resolve({ code, stderr, stdout }));
      });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('cannot connect');
      expect(r.stderr + r.stdout).not.toContain('hunter2-secret');
    } finally {
      srv.close();
    }
  });
  test('a service that is not defined', () => {
    const r = plan(['fixtures/postgresql.conf', '--db', 'service=nope'], { PGSERVICEFILE: '/nonexistent/pg_service.conf' }, PACKAGE_ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('service "nope" not found');
  });
});

describe('connection strings, checked like libpq, never echoed', () => {
  const env = {};
  const fails = (db: string, flag = '--db'): string => {
    try {
      resolveConnection(db, env, flag);
    } catch (err) {
      return (err as Error).message;
    }
    return 'accepted';
  };
  test('ports, sslmode, connect_timeout, keywords', () => {
    expect(fails('host=a port=0')).toBe('--db: invalid port number (must be 1 to 65535)');
    expect(fails('host=a port=65536')).toBe('--db: invalid port number (must be 1 to 65535)');
    expect(fails('postgres://u@a:0/db')).toBe('--db: invalid port number (must be 1 to 65535)');
    expect(fails('host=a port=65535')).toBe('accepted');
    expect(fails('host=a sslmode=bogus', '--primary')).toBe('--primary: invalid sslmode (must be one of disable, allow, prefer, require, verify-ca, verify-full)');
    for (const mode of ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']) expect(fails(`host=a sslmode=${mode}`)).toBe('accepted');
    expect(fails('host=a target_session_attrs=any keepalives=1 options=-cx=y')).toBe('accepted'); // libpq keywords pgvet does not use
    expect(fails('host=a pasword=x')).toBe("--db: the 2nd keyword of the connection string is not one libpq knows (a value with spaces needs quotes: password='two words')");
    expect(fails('host=a password=two words')).toBe("--db: the 3rd word of the connection string has no \"=\" after it (a value with spaces needs quotes: password='two words')");
    expect(resolveConnection("host=a password='two words'", env).password).toBe('two words');
    expect(resolveConnection('host=a connect_timeout=1', env).connectTimeoutSeconds).toBe(2); // libpq's minimum
    expect(resolveConnection('host=a connect_timeout=0', env).connectTimeoutSeconds).toBe(10); // never "forever"
    expect(toClientConfig(resolveConnection('host=a', env)).connectionTimeoutMillis).toBe(10_000);
    expect(fails('host=a connect_timeout=soon')).toBe('--db: invalid connect_timeout (must be a whole number of seconds)');
    expect(fails('postgres://u:pw@[::1')).toBe('--db: not a valid connection URI');
  });
});

describe('failures in one line', () => {
  const limits = { queryTimeoutSeconds: 7, maxBytes: 1 };
  test('what the driver and the server say, in words', () => {
    const e = (message: string, code?: string): Error => Object.assign(new Error(message), code ? { code } : {});
    expect(describeFailure(e('timeout expired'), limits, 4)).toBe('timed out connecting after 4s (connect_timeout)');
    expect(describeFailure(e('Query read timeout'), limits, 4)).toBe('the server did not answer a query within 7s (--query-timeout)');
    expect(describeFailure(e('canceling statement due to statement timeout', '57014'), limits, 4)).toMatch(/^the server cancelled a query: canceling statement due to statement timeout \(statement_timeout/);
    expect(describeFailure(e('terminating connection due to idle-session timeout', '57P05'), limits, 4)).toBe('the server ended the session: terminating connection due to idle-session timeout (idle_session_timeout)');
    expect(describeFailure(e('connect ECONNREFUSED 127.0.0.1:1', 'ECONNREFUSED'), limits, 4)).toBe('connection refused (is the server running and listening there?)');
    expect(describeFailure(e('Connection terminated unexpectedly'), limits, 4)).toBe('the server closed the connection');
    expect(describeFailure(e('password authentication failed for user "u"', '28P01'), limits, 4)).toBe('password authentication failed for user "u"');
  });
  test('the text plan shows what the server said escaped', () => {
    const text = renderPlanText(
      {
        file: 'deploy\u001b[2J.conf',
        server: { description: 'u@h:5432/db', version: '17.0\u001b]0;x\u0007', pgVersion: 17, standby: false, configFile: '/etc/\n::error::x' },
        plan: { changes: [{ name: 'work_mem', group: 'session', from: '4MB', to: '8MB\n##[add-mask]x', setBy: 'deploy.conf:1' }], toDefault: [], overridden: [{ name: 'work_mem', fileValue: '1', wins: '', by: 'alter-system', detail: 'd' }], unchanged: 0, warnings: [], hotStandby: [], sharedMemory: { nowMB: null, withFileMB: 1 } },
        findings: [],
        refused: false,
      },
      false,
    );
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).not.toContain('##[');
    for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(text).toContain("the file says 1, but '' wins");
  });
});

describe('plan.schema.json', () => {
  /** A plan as pgvet prints it (the tests above validate real ones from servers 13–18). */
  const sample = (): Record<string, any> => ({
    schemaVersion: 1,
    file: 'deploy.conf',
    server: { description: 'postgres@127.0.0.1:5432/postgres', version: '16.14', pgVersion: 16, standby: false, configFile: '/data/postgresql.conf' },
    plan: {
      changes: [
        { name: 'shared_buffers', group: 'restart', from: '128MB', to: '256MB', setBy: 'deploy.conf:1', pendingRestart: true },
        { name: 'work_mem', group: 'session', from: '4MB', to: '8MB', setBy: 'deploy.conf:3' },
      ],
      toDefault: [{ name: 'log_min_duration_statement', group: 'session', from: '250ms', to: '-1', setBy: 'default' }],
      overridden: [{ name: 'maintenance_work_mem', fileValue: '128MB', wins: '99MB', by: 'alter-system', detail: 'ALTER SYSTEM set it in postgresql.auto.conf line 3, which is read after the file' }],
      unchanged: 350,
      warnings: ['max_connections becomes 20, but 25 client connections are open right now'],
      hotStandby: [{ name: 'max_connections', standbyValue: 20, primaryValue: 50 }],
      sharedMemory: { nowMB: 143, withFileMB: 273 },
    },
    findings: [{ ruleId: 'PGV008', name: 'duplicate-setting', severity: 'info', message: 'work_mem is set twice; the last one wins', file: 'deploy.conf', line: 2, column: 1 }],
    refused: false,
  });

  test('accepts a plan and rejects what plan never prints', () => {
    expect(validatePlan(sample())).toBe(true);
    const mutate = (f: (d: Record<string, any>) => void): Record<string, any> => {
      const d = sample();
      f(d);
      return d;
    };
    expect(validatePlan(mutate((d) => (d.plan.sharedMemory.nowMB = null)))).toBe(true); // before 15
    expect(validatePlan(mutate((d) => ((d.findings[0].severity = 'error'), (d.refused = true), (d.server.standby = true))))).toBe(true);
    const rejected = [
      mutate((d) => (d.extra = 1)),
      mutate((d) => (d.server.host = 'db1')),
      mutate((d) => (d.plan.changes[0].group = 'postmaster')),
      mutate((d) => (d.plan.overridden[0].by = 'auto.conf')),
      mutate((d) => (d.plan.hotStandby[0].name = 'shared_buffers')),
      mutate((d) => (d.findings[0].severity = 'fatal')),
      mutate((d) => (d.findings[0].severity = 'error')), // an error finding, yet not refused
      mutate((d) => (d.plan.toDefault[0].setBy = 'deploy.conf:6')),
      mutate((d) => (d.plan.changes[1].setBy = 'default')),
      mutate((d) => (d.refused = true)), // refused without an error finding
      mutate((d) => delete d.plan.warnings),
    ];
    expect(rejected.map((d) => validatePlan(d))).toEqual(rejected.map(() => false));
  });
});
