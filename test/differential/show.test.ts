/**
 * pgvet's value formatter (src/format.ts formatValue) against SHOW on real servers 13–18: one
 * server per version, and for every numeric parameter a spread of values in each unit kind
 * (8kB pages, kB, MB, B, ms, s, min, real ms, reals without a unit, octal file modes) up to the
 * maximum. Session parameters are set for one statement (set_config, whose answer is SHOW's own
 * GetConfigOptionByName); reload parameters are written with ALTER SYSTEM and reloaded in rounds
 * (SHOW); restart parameters are compared at the values the server started with (some chosen
 * off the round units on purpose). The value compared is the one the server stored
 * (pg_settings.setting, after its check hooks), so only the writing is tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadCatalog } from '../../src/catalog/catalog.js';
import type { ParamInfo, PgMajor } from '../../src/catalog/types.js';
import { unitTable } from '../../src/catalog/values.js';
import { formatValue } from '../../src/format.js';
import { connect, getCluster, pgAvailable, startServer, writeScratch, type ServerHandle } from '../support/pg.js';
import { PG_MAJORS } from '../../src/catalog/versions.js';

/** SHOW reports the connection's socket option, not the setting, for these (show hooks). */
const SHOWS_SOCKET = new Set(['tcp_keepalives_idle', 'tcp_keepalives_interval', 'tcp_keepalives_count', 'tcp_user_timeout']);
/** Reload parameters whose extreme values would get in the way of the test's own connection or the server's work. */
const LEAVE_ALONE = new Set(['pre_auth_delay', 'authentication_timeout']);
const OCTAL = new Set(['unix_socket_permissions', 'log_file_mode', 'data_directory_mode']);

/** Restart parameters at values off the round units (started with them). */
const START = [
  'shared_buffers = 16383', // 131064kB
  'wal_buffers = 2047', // 16376kB
  'track_activity_query_size = 1025', // 1025B
  'max_files_per_process = 1001',
  'unix_socket_permissions = 0750',
];

interface Probe {
  name: string;
  /** In the base unit, as the server reads it without a unit. */
  value: number;
}

/** A spread of base-unit values: bounds, sentinels, each unit of the table exactly, and just off it. */
function spread(p: ParamInfo): number[] {
  const min = p.min ?? -2147483648;
  const max = p.max ?? 2147483647;
  const out = new Set<number>([min, max, 0, -1, 1, 7, 60, 100, 1000, 1023, 1024, 1025, 1440, 3600, 8192, 86400, 86401, 131072, 1048576, 1048577, 2147483646]);
  if (max > 1) out.add(max - 1);
  if (p.type === 'real') for (const v of [0.001, 0.0015, 0.1, 0.5, 1.1, 2.5, 33.3333, 0.00001, 1234567, 1e15]) out.add(v);
  if (OCTAL.has(p.name)) for (const v of [0o600, 0o640, 0o700, 0o750, 0o777, 0o007]) out.add(v);
  const table = p.unit === null ? null : unitTable(p.unit);
  for (const [, m] of table ?? []) {
    if (m < 1) continue;
    for (const k of [1, 3, 1023, 1024, 1025]) out.add(m * k);
    out.add(m + 1);
  }
  return [...out].filter((v) => v >= min && v <= max && (p.type === 'real' || Number.isInteger(v))).sort((a, b) => a - b);
}

const lit = (v: number): string => `'${String(v)}'`;

interface Compared {
  name: string;
  value: number;
  show: string;
  pgvet: string;
}

async function showAll(client: pg.Client, names: string[]): Promise<Map<string, { show: string; setting: string }>> {
  const out = new Map<string, { show: string; setting: string }>();
  const rows = (await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [names])).rows;
  for (const r of rows) {
    const shown = (await client.query<Record<string, string>>(`SHOW ${r.name}`)).rows[0]!;
    out.set(r.name, { show: Object.values(shown)[0]!, setting: r.setting });
  }
  return out;
}

/** pg_settings.setting as a number: the file modes come through their show hooks there too (0600). */
const settingValue = (name: string, setting: string | undefined): number => (setting !== undefined && OCTAL.has(name) ? parseInt(setting, 8) : Number(setting));

function compare(p: ParamInfo, setting: string, show: string, setValue?: number): Compared {
  // a real's pg_settings.setting is %g (six digits): compare the value that was set when it agrees
  const stored = settingValue(p.name, setting);
  const value = p.type === 'real' && setValue !== undefined && Math.abs(stored - setValue) <= Math.abs(setValue) * 1e-5 ? setValue : stored;
  return { name: p.name, value, show, pgvet: formatValue(p, value) };
}

/** How many values were compared, for the notes (dist/differential-report/pgN-show-*.json). */
function writeReport(version: number, kind: string, summary: object): void {
  const dir = path.resolve('dist', 'differential-report');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `pg${version}-show-${kind}.json`), JSON.stringify(summary, null, 2));
}

for (const v of PG_MAJORS) {
  (pgAvailable(v) ? describe : describe.skip)(`PostgreSQL ${v}: pgvet writes values as SHOW does`, () => {
    let server: ServerHandle;
    let client: pg.Client;
    const catalog = loadCatalog(v as PgMajor);
    const numeric = [...catalog.params.values()].filter((p) => (p.type === 'integer' || p.type === 'real') && !SHOWS_SOCKET.has(p.name));

    beforeAll(async () => {
      const cluster = await getCluster(v);
      const conf = writeScratch(cluster, 'show/postgresql.conf', START.join('\n') + '\n');
      server = await startServer(cluster, conf, { extraArgs: ['-c', 'logging_collector=off'] });
      if (!server.started) throw new Error(`server did not start: ${server.stderr}`);
      client = await connect(server);
    }, 120_000);

    afterAll(async () => {
      if (client) {
        await client.query('ALTER SYSTEM RESET ALL').catch(() => undefined);
        await client.end();
      }
      await server?.stop();
    }, 60_000);

    test('every numeric parameter at its value after the start, restart parameters at off-unit values among them', async () => {
      const got = await showAll(client, numeric.map((p) => p.name));
      const compared = numeric.filter((p) => got.has(p.name)).map((p) => compare(p, got.get(p.name)!.setting, got.get(p.name)!.show));
      writeReport(v, 'start', { compared: compared.length });
      expect(compared.filter((c) => c.show !== c.pgvet)).toEqual([]);
      expect(compared.length).toBeGreaterThan(100);
      const at = (name: string): string | undefined => compared.find((c) => c.name === name)?.show;
      expect([at('shared_buffers'), at('wal_buffers'), at('track_activity_query_size'), at('unix_socket_permissions')]).toEqual(['131064kB', '16376kB', '1025B', '0750']);
    }, 60_000);

    test('session parameters: set_config a spread of values in every unit, up to the maximum', async () => {
      const session = numeric.filter((p) => p.context === 'user' || p.context === 'superuser');
      const compared: Compared[] = [];
      let refused = 0;
      for (const p of session) {
        for (const value of spread(p)) {
          // one statement, the setting local to it: statement_timeout = 1 or idle_session_timeout = 1
          // must not reach the test's own next statement. current_setting() is SHOW's function
          // (GetConfigOptionByName → _ShowOption).
          let row: { show: string; setting: string };
          try {
            row = (await client.query<{ show: string; setting: string }>(
              'SELECT set_config($1, $2, true) AS show, (SELECT setting FROM pg_settings WHERE name = $1) AS setting', [p.name, String(value)])).rows[0]!;
          } catch {
            refused++; // a check hook's refusal (vacuum_buffer_usage_limit between 0 and 128kB, max_stack_depth over the rlimit)
            continue;
          }
          compared.push(compare(p, row.setting, row.show, value));
        }
      }
      writeReport(v, 'session', { compared: compared.length, refused });
      expect(compared.filter((c) => c.show !== c.pgvet)).toEqual([]);
      // every kind of unit a session can set was reached, at its maximum too
      const units = new Set(compared.map((c) => `${catalog.params.get(c.name)!.type}:${catalog.params.get(c.name)!.unit}`));
      for (const u of ['integer:8kB', 'integer:kB', 'integer:ms', 'integer:null', 'real:ms', 'real:null', 'integer:B']) expect(units).toContain(u);
      const shown = (name: string, value: number): string | undefined => compared.find((c) => c.name === name && c.value === value)?.show;
      expect(shown('temp_buffers', 1073741823)).toBe('8589934584kB');
      expect(shown('effective_cache_size', 2147483647)).toBe('17179869176kB');
      expect(shown('work_mem', 2147483647)).toBe('2147483647kB');
      expect(shown('work_mem', 1048576)).toBe('1GB');
      expect(shown('statement_timeout', 86400000)).toBe('1d');
      expect(shown('statement_timeout', 2147483647)).toBe('2147483647ms');
      expect(shown('temp_file_limit', -1)).toBe('-1');
      expect(shown('vacuum_cost_delay', 0.5)).toBe('500us');
      expect(shown('vacuum_cost_delay', 33.3333)).toBe('33333.3us');
      expect(shown('random_page_cost', 1234567)).toBe('1.23457e+06');
      expect(compared.length).toBeGreaterThan(400);
      expect(refused).toBeLessThan(compared.length / 4);
    }, 120_000);

    test('reload parameters: ALTER SYSTEM and a reload per round of values (s, min, MB, 8kB, real ms and the file modes)', async () => {
      const reload = numeric.filter((p) => p.context === 'sighup' && !LEAVE_ALONE.has(p.name));
      const plans = new Map(reload.map((p) => [p.name, spread(p)]));
      const rounds = Math.max(...[...plans.values()].map((s) => s.length));
      const compared: Compared[] = [];
      let notApplied = 0;
      for (let r = 0; r < rounds; r++) {
        const round: Probe[] = [];
        for (const p of reload) {
          const value = plans.get(p.name)![r];
          if (value === undefined) continue;
          try {
            await client.query(`ALTER SYSTEM SET ${p.name} = ${lit(value)}`);
            round.push({ name: p.name, value });
          } catch {
            notApplied++;
          }
        }
        // a marker in the same file: when the backend shows it, it has taken this round's reload
        const marker = `show-round-${r} `;
        await client.query(`ALTER SYSTEM SET log_line_prefix = '${marker}'`);
        await client.query('SELECT pg_reload_conf()');
        const deadline = Date.now() + 10_000;
        while ((await client.query<{ log_line_prefix: string }>('SHOW log_line_prefix')).rows[0]!.log_line_prefix !== marker) {
          if (Date.now() > deadline) throw new Error(`round ${r}: the reload did not arrive within 10 s`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const got = await showAll(client, round.map((x) => x.name));
        // a check hook may store another value (autovacuum_work_mem 1 becomes 64): compared as stored, counted here
        const late = round.filter((x) => Math.abs(settingValue(x.name, got.get(x.name)?.setting) - x.value) > Math.abs(x.value) * 1e-5);
        if (process.env.PGVET_SHOW_DEBUG) console.log(`round ${r}: ${round.length} set, stored otherwise: ${late.map((x) => `${x.name}=${x.value} (${got.get(x.name)?.setting})`).join(', ')}`);
        notApplied += late.length;
        for (const x of round) compared.push(compare(catalog.params.get(x.name)!, got.get(x.name)!.setting, got.get(x.name)!.show, x.value));
      }
      await client.query('ALTER SYSTEM RESET ALL');
      await client.query('SELECT pg_reload_conf()');
      writeReport(v, 'reload', { rounds, compared: compared.length, notApplied });
      expect(compared.filter((c) => c.show !== c.pgvet)).toEqual([]);
      const units = new Set(compared.map((c) => catalog.params.get(c.name)!.unit));
      for (const u of ['s', 'min', 'MB', '8kB', 'kB', 'ms']) expect(units).toContain(u);
      const shown = (name: string, value: number): string | undefined => compared.find((c) => c.name === name && c.value === value)?.show;
      expect(shown('max_wal_size', 2147483647)).toBe('2147483647MB');
      expect(shown('max_wal_size', 1048576)).toBe('1TB');
      expect(shown('checkpoint_timeout', 86400)).toBe('1d');
      expect(shown('autovacuum_naptime', 2147483)).toBe('2147483s');
      expect(shown('log_file_mode', 0o640)).toBe('0640');
      expect(shown('autovacuum_vacuum_cost_delay', -1)).toBe('-1');
      expect(notApplied).toBeLessThan(compared.length / 4);
    }, 300_000);
  });
}
