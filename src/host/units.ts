/**
 * Sizes and CPU counts as people write them for a host:
 * - PostgreSQL's memory units, 1024-based: `16GB`, `512MB`, `1.5TB`, `64kB` (case of the
 *   letters not enforced: a host file is not postgresql.conf);
 * - Kubernetes quantities: binary `Ki Mi Gi Ti Pi` (1024-based) and decimal `k K M G T P`
 *   (1000-based), e.g. `16Gi`, `2G`;
 * - bare numbers: bytes.
 * CPUs: `8`, `2.5`, or Kubernetes millicores `1500m`.
 */
import { HostError } from './types.js';

const BINARY: Record<string, number> = { ki: 2 ** 10, mi: 2 ** 20, gi: 2 ** 30, ti: 2 ** 40, pi: 2 ** 50 };
const PG_UNITS: Record<string, number> = { b: 1, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };

const SIZE_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*$/;

/** Bytes from a size; throws HostError with what was wrong. */
export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text <= 0) throw new HostError(`invalid size ${text}: must be a positive number of bytes`);
    return Math.floor(text);
  }
  const m = SIZE_RE.exec(text);
  if (!m) throw new HostError(`invalid size "${text}": write a number with a unit, e.g. 16GB, 512MB, 16Gi or 2G`);
  const value = Number(m[1]);
  const unit = m[2] ?? '';
  let factor: number | undefined;
  if (unit === '') factor = 1;
  else if (BINARY[unit.toLowerCase()] !== undefined && /^[A-Za-z]i$/.test(unit)) factor = BINARY[unit.toLowerCase()];
  else if (PG_UNITS[unit.toLowerCase()] !== undefined && /b$/i.test(unit)) factor = PG_UNITS[unit.toLowerCase()];
  else factor = DECIMAL[unit];
  if (factor === undefined) {
    throw new HostError(`invalid size "${text}": unknown unit "${unit}" (use kB, MB, GB, TB, or Ki, Mi, Gi, Ti, or k, M, G, T)`);
  }
  const bytes = Math.floor(value * factor);
  if (bytes <= 0) throw new HostError(`invalid size "${text}": must be more than 0 bytes`);
  if (unit === '' && !Number.isInteger(value)) throw new HostError(`invalid size "${text}": a size without a unit is whole bytes`);
  return bytes;
}

/** CPUs from `8`, `2.5` or `1500m`; throws HostError. */
export function parseCores(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text <= 0) throw new HostError(`invalid core count ${text}: must be more than 0`);
    return text;
  }
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(m?)\s*$/.exec(text);
  if (!m) throw new HostError(`invalid core count "${text}": write a number (8, 2.5) or millicores (1500m)`);
  const cores = m[2] === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
  if (cores <= 0) throw new HostError(`invalid core count "${text}": must be more than 0`);
  return cores;
}

/** A whole number ≥ min, from a flag or a file (throws HostError naming `what`). */
export function parseCount(text: string | number, what: string, min: number): number {
  const n = typeof text === 'number' ? text : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < min) throw new HostError(`invalid ${what} "${text}": must be a whole number ≥ ${min}`);
  return n;
}
