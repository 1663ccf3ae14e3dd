/**
 * Guidance's own numbers: the size constants, the rounding of sizes to what people write, and
 * shares as people write them. Values are written by src/format.ts (formatValue, approxBytes,
 * percent).
 */
export const KB = 1024;
export const MB = 1024 ** 2;
export const GB = 1024 ** 3;
export const TB = 1024 ** 4;

/** Round a size down to what people write: whole MB, whole GB from 4GB (never below 1MB). */
export function roundSize(bytes: number): number {
  if (bytes >= 4 * GB) return Math.floor(bytes / GB) * GB;
  return Math.max(MB, Math.floor(bytes / MB) * MB);
}

/** Round down to whole MB, never below `floor`. */
export function roundMB(bytes: number, floor: number): number {
  return Math.max(floor, Math.floor(bytes / MB) * MB);
}

/** A share as people write it: 1/4, 1/3, 0.75. */
export function share(x: number): string {
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 1e-9 ? `1/${Math.round(inv)}` : String(Number(x.toFixed(3)));
}
