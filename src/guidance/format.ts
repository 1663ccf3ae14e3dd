/**
 * One formatter for typed values: a value in the parameter's base unit written the way
 * PostgreSQL writes it (guc.c _ShowOption: the largest unit that divides the value exactly, plain
 * numbers for 0 and negative sentinels). What it writes parses back to the same value with the
 * catalog's value parser, on every version (a property test checks it).
 */
import { formatG } from '../catalog/cnum.js';
import type { ParamInfo } from '../catalog/types.js';
import { unitScale } from '../catalog/values.js';
import type { Value } from './types.js';

export const KB = 1024;
export const MB = 1024 ** 2;
export const GB = 1024 ** 3;
export const TB = 1024 ** 4;

const MEMORY_UNITS: ReadonlyArray<[string, number]> = [['TB', TB], ['GB', GB], ['MB', MB], ['kB', KB], ['B', 1]];
const TIME_UNITS: ReadonlyArray<[string, number]> = [['d', 86400000], ['h', 3600000], ['min', 60000], ['s', 1000], ['ms', 1]];

/** A typed value (base unit) as PostgreSQL writes it, without quotes. */
export function formatValue(param: ParamInfo, value: Value): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;
  const scale = unitScale(param.unit);
  if (!scale || value <= 0 || !Number.isInteger(value * scale.factor)) return param.type === 'real' ? formatG(value) : String(value);
  const absolute = value * scale.factor;
  const units = scale.kind === 'memory' ? MEMORY_UNITS : TIME_UNITS;
  for (const [name, size] of units) {
    // never a unit smaller than the base unit (the server would round it)
    if (size < scale.factor) break;
    if (absolute % size === 0) return `${absolute / size}${name}`;
  }
  return param.type === 'real' ? formatG(value) : String(value);
}

/** Round a size down to what people write: whole MB, whole GB from 4GB (never below 1MB). */
export function roundSize(bytes: number): number {
  if (bytes >= 4 * GB) return Math.floor(bytes / GB) * GB;
  return Math.max(MB, Math.floor(bytes / MB) * MB);
}

/** Round down to whole MB, never below `floor`. */
export function roundMB(bytes: number, floor: number): number {
  return Math.max(floor, Math.floor(bytes / MB) * MB);
}

/** A size for reasons and formulas (not for files): 18GB, 1.5GB, 640MB. */
export function approxBytes(bytes: number): string {
  for (const [name, size] of MEMORY_UNITS.slice(0, 4)) if (bytes >= size) return `${Number((bytes / size).toFixed(1))}${name}`;
  return `${Math.round(bytes)}B`;
}

export function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  return p >= 10 ? `${Math.round(p)}%` : `${Number(p.toPrecision(2))}%`;
}

/** A share as people write it: 1/4, 1/3, 0.75. */
export function share(x: number): string {
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 1e-9 ? `1/${Math.round(inv)}` : String(Number(x.toFixed(3)));
}
