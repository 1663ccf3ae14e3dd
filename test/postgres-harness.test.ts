/**
 * Smoke test of the real-server harness (scripts/lib/pg/) on every installed major
 * version: the `postgres -C` verdict on a file, and a real postmaster start that fails / succeeds.
 */
import {
  type Cluster,
  checkConfigFile,
  connect,
  getCluster,
  parseServerMessages,
  pgAvailable,
  pgBinDir,
  startServer,
  writeScratch,
} from './support/pg.js';
import { PG_MAJORS } from '../src/catalog/types.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('parseServerMessages', () => {
  test('splits levels, attaches HINT/DETAIL/CONTEXT and finds file, line and parameter', () => {
    const stderr = [
      '2026-01-01 00:00:00.000 GMT [1] LOG:  syntax error in file "/x/a.conf" line 3, near token "MB"',
      '2026-01-01 00:00:00.000 GMT [1] LOG:  22023: invalid value for parameter "wal_level": "rep"',
      '2026-01-01 00:00:00.000 GMT [1] HINT:  Available values: minimal, replica, logical.',
      '2026-01-01 00:00:00.000 GMT [1] LOCATION:  parse_and_validate_value, guc.c:3166',
      'LOG:  could not open configuration file "/x/b.conf": No such file or directory',
      'CONTEXT:  line 7 of configuration file "/x/a.conf"',
      '2026-01-01 00:00:00.000 GMT [1] FATAL:  configuration file "/x/a.conf" contains errors',
      'postgres: could not access the server configuration file "/nope": No such file or directory',
    ].join('\n');
    const msgs = parseServerMessages(stderr);
    expect(msgs.map((m) => m.level)).toEqual(['LOG', 'LOG', 'LOG', 'FATAL', 'STDERR']);
    expect(msgs[0]).toMatchObject({ file: '/x/a.conf', line: 3 });
    expect(msgs[1]).toMatchObject({
      text: 'invalid value for parameter "wal_level": "rep"',
      parameter: 'wal_level',
      hint: 'Available values: minimal, replica, logical.',
    });
    expect(msgs[1]?.line).toBeUndefined();
    expect(msgs[2]).toMatchObject({ file: '/x/a.conf', line: 7, context: 'line 7 of configuration file "/x/a.conf"' });
  });
});

describe.each(PG_MAJORS)('PostgreSQL %i', (v) => {
  if (!pgAvailable(v)) {
    test.skip(`skipped: PostgreSQL ${v} binaries are not installed in ${pgBinDir(v)} (npm alias pg${v})`, () => undefined);
    return;
  }

  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await getCluster(v);
  }, 120_000);

  test('checkConfigFile rejects `work_mem = 8 MB` at line 1', async () => {
    const conf = writeScratch(cluster, 'harness/space-unit.conf', 'work_mem = 8 MB\n');
    const res = await checkConfigFile(cluster, conf);
    expect(res.accepted).toBe(false);
    expect(res.exitCode).not.toBe(0);
    const located = res.messages.find((m) => m.line !== undefined);
    expect(located).toMatchObject({ level: 'LOG', file: conf, line: 1 });
    expect(located?.text).toMatch(/^syntax error in file ".*" line 1, near token "MB"$/);
    expect(res.messages.some((m) => m.level === 'FATAL' && /contains errors/.test(m.text))).toBe(true);
  });

  test('checkConfigFile accepts an empty file', async () => {
    const conf = writeScratch(cluster, 'harness/empty.conf', '');
    const res = await checkConfigFile(cluster, conf);
    expect(res.messages).toEqual([]);
    expect(res.accepted).toBe(true);
    expect(res.value).toMatch(new RegExp(`^${v}\\.\\d+`));
  });

  test('startServer refuses `wal_level = minimal` alone (max_wal_senders defaults to 10)', async () => {
    const conf = writeScratch(cluster, 'harness/minimal.conf', 'wal_level = minimal\n');
    const server = await startServer(cluster, conf);
    try {
      expect(server.started).toBe(false);
      expect(server.exitCode).toBe(1);
      const fatal = server.messages.find((m) => m.level === 'FATAL');
      // 13–16: WAL streaming (max_wal_senders > 0) requires wal_level "replica" or "logical"
      // 17+:   WAL streaming ("max_wal_senders" > 0) requires "wal_level" to be "replica" or "logical"
      expect(fatal?.text).toMatch(/^WAL streaming \("?max_wal_senders"? > 0\) requires "?wal_level"? (to be )?"replica" or "logical"$/);
    } finally {
      await server.stop();
    }
  });

  test('startServer starts with `wal_level = minimal` + `max_wal_senders = 0` and stops cleanly', async () => {
    const conf = writeScratch(cluster, 'harness/minimal-ok.conf', 'wal_level = minimal\nmax_wal_senders = 0\n');
    const server = await startServer(cluster, conf);
    try {
      expect(server.stderr).not.toMatch(/FATAL/);
      expect(server.started).toBe(true);
      const client = await connect(server);
      try {
        const res = await client.query<{ wal_level: string }>('SHOW wal_level');
        expect(res.rows[0]?.wal_level).toBe('minimal');
      } finally {
        await client.end();
      }
    } finally {
      await server.stop();
    }
    expect(server.messages.some((m) => m.text === 'database system is shut down')).toBe(true);
    expect(server.pid !== undefined && isAlive(server.pid)).toBe(false);
  });
});
