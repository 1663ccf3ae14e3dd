/**
 * The one setting reader (src/resolve/reader.ts), as rules see it (ctx.settings) and as the
 * simulator, guidance and tune use it: units scaled to bytes and milliseconds, sentinels kept,
 * a parameter the version lacks given as undefined or the caller's fallback, never guessed.
 */
import { analyze } from '../src/analyze.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import type { PgMajor } from '../src/catalog/types.js';
import { defineRule, type RuleContext } from '../src/engine/types.js';
import { isPgvetError } from '../src/errors.js';
import { loadConfig } from '../src/resolve/load.js';
import { settingReader, type SettingReader } from '../src/resolve/reader.js';
import { resolveSettings } from '../src/resolve/settings.js';

const reader = (text: string, version: PgMajor = 17): SettingReader =>
  settingReader(resolveSettings(loadConfig('/virtual/postgresql.conf', { mainBytes: Buffer.from(text) }).items, loadCatalog(version)).settings);

describe('memory and time in absolute units', () => {
  const s = reader(
    ['shared_buffers = 1GB', 'work_mem = 64MB', 'wal_buffers = -1', 'checkpoint_timeout = 15min', 'log_rotation_age = 1d', 'statement_timeout = 2s', 'max_standby_streaming_delay = -1', 'max_wal_size = 2GB'].join('\n'),
  );
  test.each([
    ['shared_buffers (8kB pages)', 'shared_buffers', 1024 ** 3],
    ['work_mem (kB)', 'work_mem', 64 * 1024 ** 2],
    ['max_wal_size (MB)', 'max_wal_size', 2 * 1024 ** 3],
    ['wal_buffers = -1 stays -1', 'wal_buffers', -1],
    ['a unitless parameter as it is', 'max_connections', 100],
  ])('bytes: %s', (_, name, expected) => expect(s.bytes(name)).toBe(expected));
  test.each([
    ['checkpoint_timeout (s)', 'checkpoint_timeout', 15 * 60 * 1000],
    ['log_rotation_age (min)', 'log_rotation_age', 24 * 60 * 60 * 1000],
    ['statement_timeout (ms)', 'statement_timeout', 2000],
    ['max_standby_streaming_delay = -1 stays -1', 'max_standby_streaming_delay', -1],
  ])('ms: %s', (_, name, expected) => expect(s.ms(name)).toBe(expected));
  test('num and get give the base unit: 8kB pages, kB, s', () => {
    expect(s.num('shared_buffers')).toBe(131072);
    expect(s.get('shared_buffers')).toBe(131072);
    expect(s.num('work_mem')).toBe(65536);
    expect(s.num('checkpoint_timeout')).toBe(900);
  });
  test('a memory reader does not scale time, nor a time reader memory', () => {
    expect(s.bytes('checkpoint_timeout')).toBe(900);
    expect(s.ms('work_mem')).toBe(65536);
  });
});

describe('booleans, enums and text', () => {
  const s = reader("fsync = off\nssl = true\nhuge_pages = on\nwal_level = 'minimal'\nlisten_addresses = ''\n");
  test('booleans in any spelling the server accepts', () => {
    expect(s.bool('fsync')).toBe(false);
    expect(s.bool('ssl')).toBe(true);
    expect(s.get('ssl')).toBe(true);
  });
  test('an enum whose value is on reads as true, any other as false', () => {
    expect(s.bool('huge_pages')).toBe(true);
    expect(s.bool('wal_level')).toBe(false);
  });
  test('str: the enum value, the empty string, a default, a number as digits', () => {
    expect(s.str('wal_level')).toBe('minimal');
    expect(s.str('huge_pages')).toBe('on');
    expect(s.str('listen_addresses')).toBe('');
    expect(s.str('password_encryption')).toBe('scram-sha-256');
    expect(s.str('max_connections')).toBe('100');
  });
});

describe('a parameter the version lacks', () => {
  const s13 = reader('', 13);
  const s18 = reader('', 18);
  test('get is undefined and has is false; on a version that has it, both say so', () => {
    expect(s13.get('summarize_wal')).toBeUndefined();
    expect(s13.has('summarize_wal')).toBe(false);
    expect(s18.has('summarize_wal')).toBe(true);
    expect(s18.get('summarize_wal')).toBe(false);
  });
  test('the typed readers give the fallback, even a falsy one', () => {
    expect(s13.num('reserved_connections', 0)).toBe(0);
    expect(Number.isNaN(s13.num('reserved_connections', NaN))).toBe(true);
    expect(s13.bytes('io_combine_limit', 0)).toBe(0);
    expect(s13.ms('idle_session_timeout', -5)).toBe(-5);
    expect(s13.bool('summarize_wal', false)).toBe(false);
    expect(s13.str('archive_library', '')).toBe('');
    // the fallback is for a missing parameter only
    expect(s18.num('reserved_connections', 99)).toBe(0);
    expect(s18.bytes('io_combine_limit', 0)).toBe(128 * 1024);
  });
  test('without a fallback it is a bug (an internal error, exit 3), not a user error', () => {
    let thrown: unknown;
    try {
      s13.num('reserved_connections');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('InternalError');
    expect((thrown as Error).message).toContain('reserved_connections');
    expect(isPgvetError(thrown)).toBe(false);
    for (const read of [() => s13.bytes('io_combine_limit'), () => s13.ms('idle_session_timeout'), () => s13.bool('summarize_wal'), () => s13.str('archive_library')]) expect(read).toThrow(/not known to this version/);
  });
});

describe('ctx.settings in a rule', () => {
  test('a rule reads the file\'s effective values through ctx.settings, on the file\'s version', () => {
    const seen: Record<string, unknown>[] = [];
    const probe = defineRule<'x'>({
      meta: { id: 'PGV999', name: 'probe', description: 'reads settings', defaultSeverity: 'info', messages: { x: () => 'x' } },
      check(ctx: RuleContext) {
        seen.push({ sb: ctx.settings.bytes('shared_buffers'), wm: ctx.settings.bytes('work_mem'), res: ctx.settings.get('reserved_connections'), ssl: ctx.settings.bool('ssl') });
        return [];
      },
    });
    for (const version of [15, 16] as PgMajor[]) {
      analyze('/virtual/postgresql.conf', { version, rules: [probe], mainBytes: new TextEncoder().encode('shared_buffers = 2GB\nwork_mem = 4MB\nssl = on\n') });
    }
    expect(seen).toEqual([
      { sb: 2 * 1024 ** 3, wm: 4 * 1024 ** 2, res: undefined, ssl: true },
      { sb: 2 * 1024 ** 3, wm: 4 * 1024 ** 2, res: 0, ssl: true },
    ]);
  });
});
