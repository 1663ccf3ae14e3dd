/**
 * The one place values are written for people and for files.
 *
 * Exact: `formatValue` writes a typed value (in the parameter's base unit) the way PostgreSQL's
 * SHOW does (guc.c _ShowOption with convert_int_from_base_unit / convert_real_from_base_unit):
 * integers in the largest unit that divides them exactly, never below the base unit except that
 * 8kB pages go on to kB (1073741823 pages is 8589934584kB); reals in the largest unit in which
 * they are within 1e-8 of a whole number, else the smallest (0.5ms is 500us), written with %g;
 * 0 and negative sentinels bare; the file-mode parameters in octal (0600). It uses the unit
 * tables the value parser reads with (src/catalog/values.ts), so what it writes parses back to
 * the same value; test/differential/show.test.ts compares it with SHOW on servers 13–18.
 * `formatBytes` and `formatMs` are the same for byte and millisecond counts.
 *
 * Approximate: `approxBytes` (≈ sizes in reasons, formulas and simulate's bars: 9.2GB, 640MB)
 * and `percent`. Never for a value a file or a suggestion will carry.
 */
import { formatG, rint } from './catalog/cnum.js';
import type { ParamInfo } from './catalog/types.js';
import { unitTable, type UnitTable } from './catalog/values.js';

/** Integers the server shows through a show_hook in octal ("%04o"): guc_tables.c. */
const OCTAL_SHOWN: ReadonlySet<string> = new Set(['unix_socket_permissions', 'log_file_mode', 'data_directory_mode']);

export type FormattableParam = Pick<ParamInfo, 'name' | 'type' | 'unit'>;

/** A typed value (base unit) exactly as SHOW writes it, without quotes. */
export function formatValue(param: FormattableParam, value: number | string | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  if (param.type === 'integer' && OCTAL_SHOWN.has(param.name) && value >= 0) return `0${value.toString(8).padStart(3, '0')}`;
  const table = param.unit === null ? null : unitTable(param.unit);
  if (param.type === 'real') return table && value > 0 ? realFromBaseUnit(value, table) : formatG(value);
  return table && value > 0 ? intFromBaseUnit(value, table) : String(value);
}

/** convert_int_from_base_unit: the first unit that divides the value, or the first not larger than the base unit. */
function intFromBaseUnit(value: number, table: UnitTable): string {
  for (const [name, multiplier] of table) {
    if (multiplier <= 1 || value % Math.trunc(multiplier) === 0) return `${rint(value / multiplier)}${name}`;
  }
  return String(value);
}

/** convert_real_from_base_unit: the first unit giving a whole number (within 1e-8), else the smallest; %g. */
function realFromBaseUnit(value: number, table: UnitTable): string {
  let shown = value;
  let unit = '';
  for (const [name, multiplier] of table) {
    shown = value / multiplier;
    unit = name;
    if (shown > 0 && Math.abs(rint(shown) / shown - 1) <= 1e-8) break;
  }
  return `${formatG(shown)}${unit}`;
}

const BYTES: FormattableParam = { name: '', type: 'integer', unit: 'B' };
const MILLISECONDS: FormattableParam = { name: '', type: 'integer', unit: 'ms' };

/**
 * A byte count the way PostgreSQL writes memory (4GB, 1536MB, 512kB, 1500B): exact for whole
 * kB and for anything under 1MB; a larger count that is not whole kB is an estimate and is
 * written as one (approxBytes: 9.6MB).
 */
export function formatBytes(bytes: number): string {
  const b = Math.abs(bytes);
  if (!Number.isInteger(b) || (b >= 1024 * 1024 && b % 1024 !== 0)) return approxBytes(bytes);
  return `${bytes < 0 ? '-' : ''}${formatValue(BYTES, b)}`;
}

/** Milliseconds the way PostgreSQL writes time (5min, 30s, 200ms, 500us). */
export function formatMs(ms: number): string {
  return formatValue({ ...MILLISECONDS, type: Number.isInteger(ms) ? 'integer' : 'real' }, ms);
}

/**
 * A size for reasons, formulas and bars (not for files): the largest unit it reaches, one decimal
 * below 100 and none from there (18GB, 1.5GB, 641MB, 11.7kB, 512B), so at most four digits.
 */
export function approxBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  for (const [name, size] of unitTable('B')!) {
    if (size < 1024 || b < size) continue;
    const v = b / size;
    return `${sign}${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${name}`;
  }
  return `${sign}${Math.round(b)}B`;
}

/** A share in percent, at most five characters below 100%: whole from 10% (67%), one decimal below (4.6%, 0.5%), "<0.1%" for a sliver. */
export function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  if (p > 0 && p < 0.05) return '<0.1%';
  return p >= 10 ? `${Math.round(p)}%` : `${Number(p.toFixed(1))}%`;
}
