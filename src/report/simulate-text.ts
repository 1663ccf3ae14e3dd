/**
 * `pgvet simulate` for a person: the process tree a `pstree` of the server would show, the shared
 * memory parts, and four memory totals as bars against the host's RAM or container limit —
 * typical, busy hour, pile-up and the theoretical maximum (a ceiling, labelled so) — each with
 * its lines, page tables and glibc's possible extra, then the assumptions behind them. Colour
 * only when asked.
 */
import { approxBytes, percent } from '../format.js';
import type { ProcessEstimate } from '../simulate/processes.js';
import type { SimulateReport } from './simulate-json.js';
import { linePath, printable } from './escape.js';

export interface SimulateTextOptions {
  color: boolean;
  /** Width of a full bar (= RAM, or the largest total without RAM). */
  barWidth?: number;
}

const CODES = { red: 31, yellow: 33, green: 32, cyan: 36, gray: 90, bold: 1 } as const;

export function renderSimulateText(report: SimulateReport, options: SimulateTextOptions): string {
  const paint = (code: keyof typeof CODES, s: string): string => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const width = options.barWidth ?? 40;
  const e = report.estimate;
  const out: string[] = [];
  const host = report.host;

  // Header.
  const versionNote = report.pgVersionSource === 'default' ? ' (assumed: the newest supported; pass --pg-version)' : '';
  const hostText = host
    ? [host.ramBytes !== undefined ? `${approxBytes(host.ramBytes)} RAM` : null, host.cores !== undefined ? `${host.cores} cores` : null, host.storage ?? null, host.containerLimited ? 'container limits' : null]
        .filter(Boolean)
        .join(', ')
    : '';
  out.push(paint('bold', `${linePath(report.file)}: PostgreSQL ${e.pgVersion}${versionNote}, ${e.role}, ${e.workload} workload${hostText ? `, host ${hostText}` : ''}`));
  if (report.refusals.length) {
    out.push(paint('red', `PostgreSQL would refuse to start with this file (${report.refusals.length} error${report.refusals.length === 1 ? '' : 's'}; run pgvet lint). What it would have had:`));
    for (const r of report.refusals.slice(0, 3)) out.push(paint('red', `  ${printable(r.file)}:${r.line} ${r.ruleId} ${printable(r.message)}`));
  }
  out.push('');

  // Process tree.
  const procs = e.processes;
  out.push(paint('bold', `Processes: ${procs.total.count} at idle, up to ${procs.total.max}`));
  const shown = procs.processes.filter((p) => p.kind !== 'postmaster' && p.max > 0);
  const label = (p: ProcessEstimate): string => {
    if (p.count > 0 && p.count === p.max) return p.count === 1 ? p.kind : `${p.kind} ×${p.count}`;
    if (p.count > 0) return `${p.kind} ×${p.count} (up to ${p.max})`;
    return paint('gray', `${p.kind}: 0 at idle, up to ${p.max}`);
  };
  out.push(`postgres ${paint('gray', '(postmaster)')}`);
  const idle = shown.filter((p) => p.count > 0);
  const onDemand = shown.filter((p) => p.count === 0);
  const rows = [...idle, ...onDemand];
  rows.forEach((p, i) => {
    const last = i === rows.length - 1;
    out.push(`${last ? '└─' : '├─'} ${label(p)}`);
  });
  const pool = procs.workerPool;
  out.push(paint('gray', `   parallel, logical replication and extension workers share max_worker_processes = ${pool.size}${pool.launcher ? ' (1 taken by the logical replication launcher)' : ''}`));
  out.push('');

  // Shared memory.
  const shm = e.sharedMemory;
  const ram = e.memory.ram;
  const scale = ram ?? Math.max(e.memory.theoreticalMax.bytes, 1);
  const limitName = host?.containerLimited ? 'container limit' : 'RAM';
  const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const bar = (bytes: number, code: keyof typeof CODES): string => {
    const eighths = Math.max(0, Math.min(width * 8, Math.round((bytes / scale) * width * 8)));
    const full = Math.floor(eighths / 8);
    const body = '█'.repeat(full) + (EIGHTHS[eighths % 8] ?? '');
    const shown = body === '' && bytes > 0 ? '▏' : body;
    return paint(code, shown) + paint('gray', '·'.repeat(Math.max(0, width - [...shown].length)));
  };
  const nameWidth = 30;
  const row = (name: string, bytes: number, code: keyof typeof CODES, tail: string): string =>
    `  ${name.padEnd(nameWidth)} ${approxBytes(bytes).padStart(7)} ${bar(bytes, code)} ${percent(bytes, scale).padStart(5)}${tail}`;
  const mbName = e.pgVersion >= 15 ? 'shared_memory_size' : 'rounded up';
  out.push(paint('bold', `Shared memory: ${approxBytes(shm.bytes)} (${shm.bytes} bytes; ${mbName} ${shm.megabytes}MB; ${shm.hugePages} huge pages of ${approxBytes(shm.hugePageSize)})`));
  out.push(paint('gray', `  MaxBackends ${shm.derived.maxBackends}, ${shm.derived.semaphores} semaphores, wal_buffers ${approxBytes(shm.derived.walBuffers * 8192)}; bars: share of ${ram !== null ? `${approxBytes(ram)} ${limitName}` : 'the theoretical maximum (no --ram given)'}`));
  for (const p of shm.parts) out.push(row(p.name, p.bytes, 'cyan', ''));
  out.push('');

  // Totals against the RAM or the container limit.
  out.push(paint('bold', `Memory ${ram !== null ? `against ${approxBytes(ram)} ${limitName}` : '(no --ram given: bars are shares of the theoretical maximum)'}`));
  const scenarios = [
    ['typical', e.memory.typical, e.memory.headroom.typical],
    ['busy hour', e.memory.busyHour, e.memory.headroom.busyHour],
    ['pile-up', e.memory.pileUp, e.memory.headroom.pileUp],
    ['theoretical maximum', e.memory.theoreticalMax, e.memory.headroom.theoreticalMax],
  ] as const;
  for (const [name, s, headroom] of scenarios) {
    const ceiling = name === 'theoretical maximum';
    const over = ram !== null && s.bytes > ram;
    // The ceiling is not a load to fit: never red.
    const code = ceiling ? 'gray' : over ? 'red' : ram !== null && s.bytes > 0.8 * ram ? 'yellow' : 'green';
    const head = headroom === null ? '' : headroom >= 0 ? `  ${approxBytes(headroom)} free` : '  ' + paint(ceiling ? 'gray' : 'red', `${approxBytes(-headroom)} over ${limitName}`);
    out.push('');
    out.push(paint('bold', row(`${name}: total`, s.bytes, code, head)));
    out.push(paint('gray', `  ${s.description}`));
    out.push(row('  shared memory', s.shared, 'cyan', ''));
    for (const l of [...s.lines].sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name))) {
      if (l.bytes === 0) continue;
      out.push(row(`  ${l.name}`, l.bytes, l.kind === 'kernel' ? 'yellow' : 'cyan', paint('gray', `  ${l.how}`)));
    }
    if (s.glibc.high > 0) {
      const g = s.glibc.inputs;
      const why = [
        Number(g['nodes_running']) > 0 ? `${g['nodes_running']} running nodes up to +${Math.round(Number(g['overshoot']) * 100)}% (repeated sorts, hash tables growing past hash_mem)` : null,
        Number(g['idle_sessions']) > 0 ? `${g['idle_sessions']} idle sessions keeping up to ${Math.round(Number(g['kept_share']) * 100)}% of their last node` : null,
      ].filter(Boolean).join(', ');
      out.push(paint('gray', `  glibc malloc and hash-table growth may add 0–${approxBytes(s.glibc.high)} on top: ${why}`));
    }
  }
  const pt = e.memory.pageTables;
  if (pt.smallPages !== false) out.push(paint('gray', `  page tables: ${approxBytes(pt.perProcess)} per process that maps all of the shared memory with 4kB pages; ${pt.reason}`));
  out.push('');
  out.push(paint('bold', 'Assumptions'));
  for (const a of e.memory.assumptions) out.push(`  ${a.name}: ${printable(String(a.value))} ${paint('gray', `(${a.source})`)}`);
  return out.join('\n') + '\n';
}
