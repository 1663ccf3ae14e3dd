/**
 * Reading a running server's processes from /proc (Linux): the postmaster's children with their
 * process titles, and a process's memory from smaps_rollup. Used by the calibration tests and
 * by scripts/measure-backend-memory.ts.
 */
import * as fs from 'node:fs';

export interface ChildProcess {
  pid: number;
  /** The process title after "postgres: " (e.g. "checkpointer", "io worker 0"). */
  title: string;
}

/** The parent pid from /proc/PID/stat (the command name in parentheses may contain spaces). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return undefined;
  }
}

/** The process title as ps shows it, with the "postgres: " prefix removed. */
export function processTitle(pid: number): string | undefined {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // A retitled process has one NUL-terminated (or NUL-padded) string.
    const title = raw.split('\0').filter((x) => x !== '').join(' ').trim();
    return title.replace(/^postgres: /, '');
  } catch {
    return undefined;
  }
}

/** The direct children of `pid`, sorted by pid. */
export function childrenOf(pid: number): ChildProcess[] {
  const out: ChildProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    if (parentOf(child) !== pid) continue;
    const title = processTitle(child);
    if (title !== undefined) out.push({ pid: child, title });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** The fields of /proc/PID/smaps_rollup, in kB. */
export type SmapsRollup = Record<string, number>;

export function smapsRollup(pid: number): SmapsRollup | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const out: SmapsRollup = {};
    for (const line of text.split('\n')) {
      const m = /^(\w+):\s+(\d+) kB$/.exec(line);
      if (m?.[1] && m[2]) out[m[1]] = Number(m[2]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Whether /proc gives us process trees and memory (Linux). */
export function procfsAvailable(): boolean {
  return fs.existsSync('/proc/self/stat') && fs.existsSync('/proc/self/smaps_rollup');
}
