/**
 * `pgvet lint --show-effective`: per server found, the carrier, what the document says about the
 * host, replicas and version, and the settings PostgreSQL will see, each with its layer and its
 * place in the carrier; then what the platform refuses, ignores, drops or replaces, and why.
 * Text for people, JSON (`--format json`) for tools; both sorted and stable.
 */
import { formatBytes } from '../format.js';
import { effectiveConfig, platformName, type Effective } from './effective.js';
import type { CarrierRead, Position, ServerModel, Stated } from './model.js';

export const EFFECTIVE_SCHEMA_VERSION = 1;

const where = (p: Position | undefined): string => (p ? `${p.file}:${p.line}:${p.column}` : '');

function stated(s: Stated<number> | undefined, fmt: (n: number) => string): string | undefined {
  if (!s) return undefined;
  return `${fmt(s.value)}${s.raw && s.raw !== fmt(s.value) ? ` (${s.raw})` : ''}${s.note ? ` — ${s.note}` : ''}`;
}

const cores = (n: number): string => String(Number(n.toFixed(3)));

function hostLines(server: ServerModel): string[] {
  const h = server.host;
  const out: string[] = [];
  const add = (label: string, v: string | undefined, at?: Position): void => {
    if (v) out.push(`    ${label.padEnd(16)}${v}${at && at !== server.at ? `  ${where(at)}` : ''}`);
  };
  add('memory limit', stated(h.memoryLimitBytes, formatBytes), h.memoryLimitBytes?.at);
  add('memory request', stated(h.memoryRequestBytes, formatBytes), h.memoryRequestBytes?.at);
  add('cpu limit', stated(h.cpuLimit, cores), h.cpuLimit?.at);
  add('cpu request', stated(h.cpuRequest, cores), h.cpuRequest?.at);
  add('huge pages', stated(h.hugepagesBytes, formatBytes), h.hugepagesBytes?.at);
  if (h.instanceClass) add('instance class', `${h.instanceClass.value}${h.instanceClass.note ? ` — ${h.instanceClass.note}` : ''}`, h.instanceClass.at);
  if (h.defaulted?.length) add('defaulted', h.defaulted.join(', '));
  add('instances', stated(server.instances, String), server.instances?.at);
  add('replicas', stated(server.replicas, String), server.replicas?.at);
  add('data volume', stated(server.volumes.data, formatBytes), server.volumes.data?.at);
  add('WAL volume', stated(server.volumes.wal, formatBytes), server.volumes.wal?.at);
  const shm = server.shm;
  if (shm) {
    const text =
      shm.kind === 'sized' ? `${formatBytes(shm.bytes)} (${shm.raw})${shm.memoryBacked ? ', memory-backed' : ''}` : shm.kind === 'docker-default' ? `${formatBytes(shm.bytes)}: ${shm.note}` : shm.note;
    add('/dev/shm', text, 'at' in shm ? shm.at : undefined);
  }
  return out;
}

export function renderEffectiveText(reads: CarrierRead[]): string {
  const out: string[] = [];
  for (const r of reads) {
    out.push(`${r.file}: ${r.carrier ?? 'nothing pgvet reads'}, ${r.servers.length} server${r.servers.length === 1 ? '' : 's'}`);
    for (const n of r.notes) out.push(`  note: ${n.message}${n.at ? `  ${where(n.at)}` : ''}`);
    for (const server of r.servers) {
      const eff = effectiveConfig(server);
      out.push('');
      out.push(`  ${server.kind} ${server.name} (${platformName(server.platform)}, read as ${server.carrier})  ${where(server.at)}`);
      const v = server.pgVersion;
      out.push(`    ${'PostgreSQL'.padEnd(16)}${v ? `${v.major} (${v.from}${v.raw ? `: ${v.raw}` : ''})${v.major < 13 || v.major > 18 ? ' — pgvet checks 13 to 18' : ''}${v.raw ? `  ${where(v.at)}` : ''}` : 'not stated (pass --pg-version)'}`);
      out.push(...hostLines(server));
      out.push(`    effective settings (${eff.settings.length}):`);
      const rows = [...eff.settings].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const width = Math.min(40, Math.max(...rows.map((s) => s.name.length + s.value.length + 5), 10));
      for (const s of rows) {
        const lhs = `${s.name} = '${s.value}'`;
        const place = s.at ? where(s.at) : '';
        out.push(`      ${lhs.padEnd(width)}  ${s.layer.padEnd(7)}  ${s.section}${place ? `  ${place}` : ''}${s.note ? `  (${s.note})` : ''}`);
      }
      if (eff.notApplied.length) {
        out.push(`    not applied (${eff.notApplied.length}):`);
        for (const n of eff.notApplied) out.push(`      ${n.name} = ${n.value === null ? n.raw : `'${n.value}'`}  ${n.fate}: ${n.why}${n.at ? `  ${where(n.at)}` : ''}`);
      }
      for (const n of server.notes) out.push(`    note: ${n.message}${n.at ? `  ${where(n.at)}` : ''}`);
      const sources = [...new Set([...eff.settings.map((x) => x.source), ...eff.notApplied.map((x) => x.source)].filter((x): x is string => Boolean(x)))].sort();
      if (sources.length) out.push('    sources:', ...sources.map((x) => `      ${x}`));
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function effectiveJson(eff: Effective): unknown {
  const s = eff.server;
  const pos = (p: Position | undefined): unknown => (p ? { file: p.file, line: p.line, column: p.column, ...(p.path ? { path: p.path } : {}) } : undefined);
  const st = (x: Stated<number | string> | undefined): unknown => (x ? { value: x.value, raw: x.raw, at: pos(x.at), ...(x.note ? { note: x.note } : {}) } : undefined);
  return {
    name: s.name,
    kind: s.kind,
    carrier: s.carrier,
    platform: s.platform,
    at: pos(s.at),
    pgVersion: s.pgVersion ? { major: s.pgVersion.major, from: s.pgVersion.from, raw: s.pgVersion.raw, at: pos(s.pgVersion.at) } : null,
    host: {
      memoryLimitBytes: st(s.host.memoryLimitBytes),
      memoryRequestBytes: st(s.host.memoryRequestBytes),
      cpuLimit: st(s.host.cpuLimit),
      cpuRequest: st(s.host.cpuRequest),
      hugepagesBytes: st(s.host.hugepagesBytes),
      instanceClass: st(s.host.instanceClass),
      defaulted: s.host.defaulted,
    },
    instances: st(s.instances),
    replicas: st(s.replicas),
    volumes: { data: st(s.volumes.data), wal: st(s.volumes.wal) },
    shm: s.shm ?? null,
    settings: [...eff.settings]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((x) => ({ name: x.name, value: x.value, layer: x.layer, section: x.section, at: pos(x.at), key: pos(x.key), ...(x.commandLine ? { commandLine: true } : {}), ...(x.source ? { source: x.source } : {}), ...(x.note ? { note: x.note } : {}) })),
    notApplied: eff.notApplied.map((n) => ({ name: n.name, value: n.value, raw: n.raw, section: n.section, fate: n.fate, why: n.why, at: pos(n.at), ...(n.source ? { source: n.source } : {}) })),
    notes: s.notes.map((n) => ({ message: n.message, at: pos(n.at) })),
  };
}

export function renderEffectiveJson(reads: CarrierRead[]): string {
  const files = reads.map((r) => ({ file: r.file, carrier: r.carrier, notes: r.notes.map((n) => ({ message: n.message, ...(n.at ? { at: { file: n.at.file, line: n.at.line, column: n.at.column } } : {}) })), servers: r.servers.map((s) => effectiveJson(effectiveConfig(s))) }));
  return `${JSON.stringify({ schemaVersion: EFFECTIVE_SCHEMA_VERSION, files }, null, 2)}\n`;
}
