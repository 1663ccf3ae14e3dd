/**
 * src/format.ts: the exact writer (SHOW's spelling; test/differential/show.test.ts checks it
 * against real servers) and the approximate one. Every value the exact writer produces for any
 * numeric parameter of any version parses back to the same value.
 */
import { loadCatalog } from '../src/catalog/catalog.js';
import type { ParamInfo } from '../src/catalog/types.js';
import { PG_MAJORS } from '../src/catalog/versions.js';
import { parseValue, unitTable } from '../src/catalog/values.js';
import { approxBytes, formatBytes, formatMs, formatValue, percent } from '../src/format.js';

const p = (name: string, type: ParamInfo['type'], unit: string | null) => ({ name, type, unit });

describe('formatValue writes what SHOW writes', () => {
  test.each([
    // 8kB pages go on to kB when no larger unit divides (guc.c convert_int_from_base_unit)
    [p('shared_buffers', 'integer', '8kB'), 1073741823, '8589934584kB'],
    [p('shared_buffers', 'integer', '8kB'), 16384, '128MB'],
    [p('shared_buffers', 'integer', '8kB'), 16383, '131064kB'],
    [p('shared_buffers', 'integer', '8kB'), 134217728, '1TB'],
    [p('wal_buffers', 'integer', '8kB'), -1, '-1'],
    [p('work_mem', 'integer', 'kB'), 2147483647, '2147483647kB'],
    [p('work_mem', 'integer', 'kB'), 4096, '4MB'],
    [p('work_mem', 'integer', 'kB'), 1536, '1536kB'],
    [p('temp_file_limit', 'integer', 'kB'), 0, '0'],
    [p('max_wal_size', 'integer', 'MB'), 1024, '1GB'],
    [p('max_wal_size', 'integer', 'MB'), 2147483647, '2147483647MB'],
    [p('track_activity_query_size', 'integer', 'B'), 1025, '1025B'],
    [p('wal_segment_size', 'integer', 'B'), 16777216, '16MB'],
    [p('statement_timeout', 'integer', 'ms'), 86400000, '1d'],
    [p('statement_timeout', 'integer', 'ms'), 90000, '90s'],
    [p('statement_timeout', 'integer', 'ms'), 2147483647, '2147483647ms'],
    [p('checkpoint_timeout', 'integer', 's'), 300, '5min'],
    [p('checkpoint_timeout', 'integer', 's'), 86400, '1d'],
    [p('log_rotation_age', 'integer', 'min'), 1440, '1d'],
    [p('log_rotation_age', 'integer', 'min'), 35791394, '35791394min'],
    // reals: a whole number within 1e-8 in the largest unit, else the smallest unit, with %g
    [p('vacuum_cost_delay', 'real', 'ms'), 2, '2ms'],
    [p('vacuum_cost_delay', 'real', 'ms'), 0.5, '500us'],
    [p('vacuum_cost_delay', 'real', 'ms'), 33.3333, '33333.3us'],
    [p('vacuum_cost_delay', 'real', 'ms'), 0, '0'],
    [p('autovacuum_vacuum_cost_delay', 'real', 'ms'), -1, '-1'],
    [p('random_page_cost', 'real', null), 1.1, '1.1'],
    [p('random_page_cost', 'real', null), 1234567, '1.23457e+06'],
    [p('random_page_cost', 'real', null), 0.00001, '1e-05'],
    // show hooks in octal
    [p('log_file_mode', 'integer', null), 0o600, '0600'],
    [p('unix_socket_permissions', 'integer', null), 0o777, '0777'],
    [p('max_connections', 'integer', null), 100, '100'],
    [p('fsync', 'bool', null), false, 'off'],
    [p('wal_level', 'enum', null), 'replica', 'replica'],
  ])('%#: %o = %s', (param, value, expected) => {
    expect(formatValue(param, value)).toBe(expected);
  });

  test('every numeric parameter of every version: bounds and unit multiples parse back to the same value', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const v of PG_MAJORS) {
      for (const param of loadCatalog(v).params.values()) {
        if (param.type !== 'integer' && param.type !== 'real') continue;
        const min = param.min ?? 0;
        const max = param.max ?? 2147483647;
        const values = new Set([min, max, 0, 1, max - 1]);
        for (const [, m] of param.unit ? (unitTable(param.unit) ?? []) : []) for (const k of [1, 3, 1025]) values.add(m * k);
        if (param.type === 'real') for (const x of [0.5, 0.0015, 33.3333]) values.add(x);
        for (const value of values) {
          if (value < min || value > max || (param.type === 'integer' && !Number.isInteger(value))) continue;
          const text = formatValue(param, value);
          const back = parseValue(param, text, v);
          checked++;
          // %g keeps six digits: a real comes back within that
          const same = back.ok && (param.type === 'real' ? Math.abs(Number(back.value) - value) <= Math.abs(value) * 1e-5 : back.value === value);
          if (!same) bad.push(`${v} ${param.name} ${value} → ${text} → ${back.ok ? String(back.value) : back.problem.message}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(3000);
  });
});

describe('byte and millisecond counts', () => {
  test.each([
    [0, '0'], [100, '100B'], [1500, '1500B'], [2048, '2kB'], [1536 * 1024 * 1024, '1536MB'], [16 * 1024 ** 3, '16GB'],
    [16e9, '15625000kB'], [10066331, '9.6MB'], [-2048, '-2kB'],
  ])('formatBytes(%d) = %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
  test.each([[0, '0'], [250, '250ms'], [30000, '30s'], [300000, '5min'], [0.5, '500us']])('formatMs(%d) = %s', (n, expected) => {
    expect(formatMs(n)).toBe(expected);
  });
});

describe('approximate sizes and shares', () => {
  test.each([
    [512, '512B'], [12000, '11.7kB'], [1.5 * 1024 ** 3, '1.5GB'], [150.5 * 1024 ** 2, '151MB'], [9.24 * 1024 ** 3, '9.2GB'],
    [1024 ** 4, '1TB'], [-3 * 1024 ** 2, '-3MB'],
  ])('approxBytes(%d) = %s', (n, expected) => {
    expect(approxBytes(n)).toBe(expected);
  });
  test.each([[1, 4, '25%'], [46, 1000, '4.6%'], [1, 800, '0.1%'], [1, 4000, '<0.1%'], [0, 5, '0%'], [2, 3, '67%'], [7, 100, '7%'], [9.96, 100, '10%']])('percent(%d, %d) = %s', (a, b, expected) => {
    expect(percent(a, b)).toBe(expected);
  });
});
