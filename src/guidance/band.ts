/** Building bands, placing a value in one, and saying a band in words. */
import type { ParamInfo } from '../catalog/types.js';
import { unitScale } from '../catalog/values.js';
import { approxBytes, formatValue } from '../format.js';
import type { Band, Edge, Severity, Verdict } from './types.js';

type EdgeOpts = Omit<Edge, 'limit' | 'severity' | 'action' | 'why'>;

/** An edge that moves the value (tune sets the target, lint suggests it). */
export const moves = (limit: number, severity: Severity, why: string, opts: EdgeOpts = {}): Edge => ({ limit, severity, action: 'move', why, ...opts });
/** An edge lint speaks about but tune leaves to the file. */
export const advises = (limit: number, severity: Severity, why: string, opts: EdgeOpts = {}): Edge => ({ limit, severity, action: 'advise', why, ...opts });
/** A moving edge that guards against harm (the only kind allowed on a capability's "more" side). */
export const hazard = (limit: number, severity: Severity, why: string, opts: EdgeOpts = {}): Edge => ({ limit, severity, action: 'move', why, hazard: true, ...opts });

export const range = (low: Edge[], high: Edge[]): Band => ({ kind: 'range', low, high });
export const anyValue = (): Band => ({ kind: 'range', low: [], high: [] });
export const oneOf = (fine: string[], severity: Severity, why: string, action: 'move' | 'advise' = 'move'): Band => ({ kind: 'set', fine, severity, action, why });
export const holds = (ok: boolean, severity: Severity, why: string, action: 'move' | 'advise' = 'advise'): Band => ({ kind: 'check', ok, severity, action, why });

export const isBelow = (v: number, e: Edge): boolean => (e.inclusive === false ? v <= e.limit : v < e.limit);
export const isAbove = (v: number, e: Edge): boolean => (e.inclusive === false ? v >= e.limit : v > e.limit);

const RANK: Record<Severity, number> = { info: 1, warning: 2 };

function worst(edges: Edge[]): Edge | undefined {
  let out: Edge | undefined;
  for (const e of edges) if (!out || RANK[e.severity] > RANK[out.severity]) out = e;
  return out;
}

/** Where a value sits in a band. */
export function place(band: Band, value: number | string, edgesOnly?: 'move'): Verdict {
  if (band.kind === 'set' || band.kind === 'check') {
    const inside = band.kind === 'set' ? band.fine.includes(String(value)) : band.ok;
    if (inside || (edgesOnly === 'move' && band.action !== 'move')) return { inside: true };
    return { inside: false, side: 'outside', severity: band.severity, action: band.action, why: band.why };
  }
  const v = Number(value);
  const low = band.low.filter((e) => isBelow(v, e) && (!edgesOnly || e.action === edgesOnly));
  const high = band.high.filter((e) => isAbove(v, e) && (!edgesOnly || e.action === edgesOnly));
  const crossed = [...low, ...high];
  const w = worst(crossed);
  if (!w) return { inside: true };
  return { inside: false, side: low.length ? 'below' : 'above', severity: w.severity, action: crossed.some((e) => e.action === 'move') ? 'move' : 'advise', why: w.why };
}

/** A band in words: "fine from 2GB to 25GB; below 2GB: warning; above 25GB: warning (advice)". */
export function describeBand(band: Band, param: ParamInfo, scale?: readonly string[]): string {
  const show = (n: number): string => {
    if (scale) return scale[n] ?? String(n);
    const exact = formatValue(param, param.type === 'real' ? Number(n.toPrecision(3)) : Math.round(n));
    // a limit that is no whole unit (40% of the RAM) reads better approximately
    const unit = unitScale(param.unit);
    if (unit?.kind === 'memory' && n > 0 && (n * unit.factor) % (1024 * 1024) !== 0 && n * unit.factor > 1024 * 1024) return `≈${approxBytes(n * unit.factor)}`;
    return exact;
  };
  const tag = (e: Edge | { severity: Severity; action: 'move' | 'advise' }): string => `${e.severity}${e.action === 'advise' ? ' (advice)' : ''}`;
  if (band.kind === 'set') return `fine: ${band.fine.join(', ')}; otherwise ${tag(band)}`;
  if (band.kind === 'check') return band.ok ? 'fine' : `outside: ${band.why}; ${tag(band)}`;
  const lo = [...band.low].sort((a, b) => b.limit - a.limit);
  const hi = [...band.high].sort((a, b) => a.limit - b.limit);
  if (!lo.length && !hi.length) return 'any value';
  const from = lo[0];
  const to = hi[0];
  const parts: string[] = [];
  if (from && to) parts.push(`fine from ${show(from.limit)} to ${show(to.limit)}`);
  else if (from) parts.push(`fine from ${show(from.limit)}${from.inclusive === false ? ' (exclusive)' : ''} up`);
  else if (to) parts.push(`fine up to ${show(to.limit)}${to.inclusive === false ? ' (exclusive)' : ''}`);
  for (const e of lo) parts.push(`below ${show(e.limit)}${e.inclusive === false ? ' or at it' : ''}: ${tag(e)}`);
  for (const e of hi) parts.push(`above ${show(e.limit)}${e.inclusive === false ? ' or at it' : ''}: ${tag(e)}`);
  return parts.join('; ');
}
