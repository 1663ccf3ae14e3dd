/**
 * Typed value parsing exactly as the server's guc.c does it: parse_bool, parse_int (strtol
 * base 0, re-read as a double at '.', 'e' or overflow), parse_real (strtod), units with their
 * case rules and "round to the next smaller unit" for fractions, rint(), int32 overflow, enum
 * lookup (ASCII case-insensitive, hidden spellings included) and the range check, with the
 * server's own message texts.
 */
import { formatG, isCSpace, rint, strtod, strtol } from './cnum.js';
import type { ParamInfo } from './types.js';

export type ValueProblemKind = 'invalid' | 'unit' | 'range' | 'bool' | 'build';

export interface ValueProblem {
  kind: ValueProblemKind;
  message: string;
  detail?: string;
  hint?: string;
}

export type ParsedValue =
  | { ok: true; value: number | string | boolean; /** enum: the canonical option */ canonical?: string }
  | { ok: false; problem: ValueProblem };

const MEMORY_UNITS_HINT = 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".';
const TIME_UNITS_HINT = 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".';

/** A unit_conversion table of guc.c: [unit name, multiplier into the base unit], largest unit first. */
export type UnitTable = ReadonlyArray<readonly [string, number]>;

/** memory_unit_conversion_table: multipliers into the parameter's base unit, largest first. */
function memoryTable(baseBytes: number): UnitTable {
  return [
    ['TB', (1024 * 1024 * 1024 * 1024) / baseBytes],
    ['GB', (1024 * 1024 * 1024) / baseBytes],
    ['MB', (1024 * 1024) / baseBytes],
    ['kB', 1024 / baseBytes],
    ['B', 1 / baseBytes],
  ];
}

/** time_unit_conversion_table, in the C expressions' order so the doubles are identical. */
const TIME_TABLES: Record<string, UnitTable> = {
  ms: [['d', 1000 * 60 * 60 * 24], ['h', 1000 * 60 * 60], ['min', 1000 * 60], ['s', 1000], ['ms', 1], ['us', 1.0 / 1000]],
  s: [['d', 60 * 60 * 24], ['h', 60 * 60], ['min', 60], ['s', 1], ['ms', 1.0 / 1000], ['us', 1.0 / (1000 * 1000)]],
  min: [['d', 60 * 24], ['h', 60], ['min', 1], ['s', 1.0 / 60], ['ms', 1.0 / (1000 * 60)], ['us', 1.0 / (1000 * 1000 * 60)]],
};

const MEMORY_BASE_BYTES: Record<string, number> = { B: 1, kB: 1024, MB: 1024 * 1024, '8kB': 8192 };

/** Bytes (memory) or milliseconds (time) in one base unit of a pg_settings unit. */
export function unitScale(unit: string | null): { kind: 'memory' | 'time'; factor: number } | null {
  if (unit === null) return null;
  const bytes = MEMORY_BASE_BYTES[unit];
  if (bytes !== undefined) return { kind: 'memory', factor: bytes };
  if (unit === 'ms') return { kind: 'time', factor: 1 };
  if (unit === 's') return { kind: 'time', factor: 1000 };
  if (unit === 'min') return { kind: 'time', factor: 60000 };
  return null;
}

/** The conversion table for a pg_settings unit ("8kB", "kB", "MB", "B", "ms", "s", "min"); the same one reads and writes values (src/format.ts). */
export function unitTable(unit: string): UnitTable | null {
  const bytes = MEMORY_BASE_BYTES[unit];
  if (bytes !== undefined) return memoryTable(bytes);
  return TIME_TABLES[unit] ?? null;
}

/** convert_to_base_unit(): null when the unit is not valid for the parameter. */
function convertToBaseUnit(value: number, unitText: string, unit: string): number | null {
  let i = 0;
  let unitStr = '';
  while (i < unitText.length && !isCSpace(unitText[i]) && unitStr.length < 3) unitStr += unitText[i++];
  while (isCSpace(unitText[i])) i++;
  if (i < unitText.length) return null; // unit too long, or garbage after it
  const table = unitTable(unit);
  if (!table) return null;
  for (let k = 0; k < table.length; k++) {
    const [name, multiplier] = table[k]!;
    if (name !== unitStr) continue;
    let cvalue = value * multiplier;
    const next = table[k + 1];
    if (next) cvalue = rint(cvalue / next[1]) * next[1];
    return cvalue;
  }
  return null;
}

function unitsHint(unit: string): string {
  return unitScale(unit)?.kind === 'time' ? TIME_UNITS_HINT : MEMORY_UNITS_HINT;
}

/** The unit name the server prints next to numbers in messages. */
export function unitLabel(unit: string | null): string {
  return unit === null ? '' : ` ${unit}`;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

function invalid(param: ParamInfo, value: string, hint?: string, kind: ValueProblemKind = 'invalid'): ParsedValue {
  return { ok: false, problem: { kind, message: `invalid value for parameter "${param.name}": "${value}"`, ...(hint ? { hint } : {}) } };
}

/**
 * The server names a parameter in its messages as the file spelled it (WORK_MEM, sort_mem)
 * up to 17, and by its canonical name from 18 on.
 */
export function asSpelled(param: ParamInfo, spelled: string, pgVersion: number): ParamInfo {
  return pgVersion >= 18 || spelled === param.name ? param : { ...param, name: spelled };
}

/**
 * The number strtol/strtod read, then what follows it: optional spaces and a unit, converted to
 * the parameter's base unit. Returns the value, or the refusal.
 */
function applyUnit(param: ParamInfo, value: string, parsed: { value: number; end: number; range: boolean }): number | ParsedValue {
  if (parsed.end === 0 || parsed.range || Number.isNaN(parsed.value)) return invalid(param, value);
  let p = parsed.end;
  while (isCSpace(value[p])) p++;
  if (p >= value.length) return parsed.value;
  // Same message either way; it is a unit problem when letters follow the number ("8KB"),
  // and a malformed number otherwise ("08", "12-3").
  const kind: ValueProblemKind = /^[A-Za-z]/.test(value.slice(p)) ? 'unit' : 'invalid';
  if (param.unit === null) return invalid(param, value, undefined, kind);
  const converted = convertToBaseUnit(parsed.value, value.slice(p), param.unit);
  return converted === null ? invalid(param, value, unitsHint(param.unit), kind) : converted;
}

/** parse_int() followed by the range check. */
export function parseIntValue(param: ParamInfo, value: string, pgVersion: number): ParsedValue {
  let parsed = strtol(value);
  const stop = value[parsed.end];
  if (stop === '.' || stop === 'e' || stop === 'E' || parsed.range) parsed = strtod(value);
  const withUnit = applyUnit(param, value, parsed);
  if (typeof withUnit !== 'number') return withUnit;
  const val = rint(withUnit);
  if (val > INT_MAX || val < INT_MIN) return invalid(param, value, 'Value exceeds integer range.');
  return rangeCheck(param, val, pgVersion, String);
}

/** parse_real() followed by the range check. */
export function parseRealValue(param: ParamInfo, value: string, pgVersion: number): ParsedValue {
  const parsed = strtod(value);
  const val = applyUnit(param, value, parsed);
  if (typeof val !== 'number') return val;
  return rangeCheck(param, val, pgVersion, formatG);
}

function rangeCheck(param: ParamInfo, val: number, pgVersion: number, fmt: (n: number) => string): ParsedValue {
  const min = param.min ?? -Infinity;
  const max = param.max ?? Infinity;
  if (val < min || val > max) {
    const u = unitLabel(param.unit);
    // PG17 started printing the unit on the bounds too
    const bu = pgVersion >= 17 ? u : '';
    return {
      ok: false,
      problem: {
        kind: 'range',
        message: `${fmt(val)}${u} is outside the valid range for parameter "${param.name}" (${fmt(min)}${bu} .. ${fmt(max)}${bu})`,
      },
    };
  }
  return { ok: true, value: val };
}

/** parse_bool(): a whole-string, case-insensitive prefix of true/false/yes/no, "on"/"off" with at least two letters, "1"/"0". */
export function parseBool(value: string): boolean | null {
  const v = asciiLower(value);
  const isPrefixOf = (word: string): boolean => v.length > 0 && v.length <= word.length && word.startsWith(v);
  switch (v[0]) {
    case 't': return isPrefixOf('true') ? true : null;
    case 'f': return isPrefixOf('false') ? false : null;
    case 'y': return isPrefixOf('yes') ? true : null;
    case 'n': return isPrefixOf('no') ? false : null;
    case 'o':
      // "o" alone is ambiguous: at least two letters
      if (v === 'on') return true;
      if (v.length >= 2 && isPrefixOf('off')) return false;
      return null;
    case '1': return v.length === 1 ? true : null;
    case '0': return v.length === 1 ? false : null;
    default: return null;
  }
}

/** ASCII-only case folding, as pg_strcasecmp does. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** Parse a value for a parameter of any type. Strings are returned as they are (check hooks live elsewhere). */
export function parseValue(param: ParamInfo, value: string, pgVersion: number): ParsedValue {
  switch (param.type) {
    case 'bool': {
      const b = parseBool(value);
      if (b === null) return { ok: false, problem: { kind: 'bool', message: `parameter "${param.name}" requires a Boolean value` } };
      return { ok: true, value: b };
    }
    case 'integer':
      return parseIntValue(param, value, pgVersion);
    case 'real':
      return parseRealValue(param, value, pgVersion);
    case 'enum': {
      const v = asciiLower(value);
      const options = [...(param.enumValues ?? []), ...(param.hiddenEnumValues ?? [])];
      const match = options.find((o) => asciiLower(o) === v);
      if (match === undefined) return invalid(param, value, `Available values: ${(param.enumValues ?? []).join(', ')}.`);
      return { ok: true, value: match, canonical: match };
    }
    case 'string':
      return { ok: true, value };
  }
}

/** Base-unit value → bytes or milliseconds (for rules and the simulator). */
export function toAbsolute(param: ParamInfo, value: number): number {
  const scale = unitScale(param.unit);
  return scale ? value * scale.factor : value;
}
