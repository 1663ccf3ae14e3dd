/**
 * Properties of the guidance policy, checked with fast-check over random hosts and random
 * settings a file might have chosen:
 * - a second run on the recommendations changes nothing (idempotence, work_mem included), and every
 *   recommendation sits inside its band's moving edges;
 * - the target (what tune writes without a file) sits inside every edge of its band;
 * - a capability the file raised above the band's floor is kept;
 * - every recommendation parses back with the catalog's value parser for that version;
 * - nothing below the server default for work_mem and maintenance_work_mem;
 * - sizes grow with the RAM.
 */
import fc from 'fast-check';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { PG_MAJORS, type ParamInfo, type PgMajor } from '../../src/catalog/types.js';
import { guide, place, type Guidance, type GuidanceResult, type Value } from '../../src/guidance/index.js';
import { STORAGE_KINDS, WORKLOADS } from '../../src/host/types.js';
import { applied, GB, hostOf, parsesBack, settingsWith, type HostCase } from './support.js';

/** Runs per property; PGVET_FC_RUNS raises it for a deeper search (the suite keeps it fast). */
const runs = (n: number): { numRuns: number } => ({ numRuns: Number(process.env.PGVET_FC_RUNS ?? n) });

const hostArb: fc.Arbitrary<HostCase> = fc.record({
  ram: fc.constantFrom(0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512),
  cores: fc.constantFrom(1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 80, 96),
  workload: fc.constantFrom(...WORKLOADS),
  storage: fc.constantFrom(...STORAGE_KINDS),
  version: fc.constantFrom(...PG_MAJORS),
}).chain((h) => fc.record({
  connections: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
  replicas: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
}).map((x) => ({ ...h, ...(x.connections !== undefined ? { connections: x.connections } : {}), ...(x.replicas !== undefined ? { replicas: x.replicas } : {}) })));

/** Names the policy judges on a version (from a run on the defaults). */
const guided = new Map<PgMajor, string[]>();
function guidedNames(version: PgMajor): string[] {
  let names = guided.get(version);
  if (!names) {
    const r = guide({ version, host: hostOf({ ram: 64, cores: 16, workload: 'oltp', storage: 'ssd', version, replicas: 1 }), workload: 'oltp' });
    names = r.params.map((g) => g.name.toLowerCase());
    guided.set(version, names);
  }
  return names;
}

/** A value a file might choose for a parameter: its bounds, its default, or anything in between (log scale). */
function valueArb(p: ParamInfo, ram: number): fc.Arbitrary<Value> {
  switch (p.type) {
    case 'bool': return fc.boolean();
    case 'enum': return fc.constantFrom(...(p.enumValues ?? ['']));
    case 'string': return fc.constant(p.default ?? '');
    default: {
      const min = p.min ?? 0;
      // memory beyond twice the RAM tells nothing new; keep the numbers in a sane range
      const unitBytes = p.unit === '8kB' ? 8192 : p.unit === 'kB' ? 1024 : p.unit === 'MB' ? 1024 ** 2 : p.unit === 'B' ? 1 : 0;
      const max = Math.min(p.max ?? 1e6, unitBytes ? (2 * ram) / unitBytes : 1e7);
      const lo = Math.max(min, 1e-3);
      const log = fc.double({ min: Math.log(lo), max: Math.log(Math.max(lo, max)), noNaN: true }).map((x) => (p.type === 'integer' ? Math.round(Math.exp(x)) : Number(Math.exp(x).toPrecision(3))));
      return fc.oneof(fc.constant(min), fc.constant(Number(p.default)), log.map((v) => Math.min(Math.max(v, min), p.max ?? v)));
    }
  }
}

/** Random settings the file chose: a subset of the guided parameters. */
const caseArb = hostArb.chain((h) => {
  const catalog = loadCatalog(h.version);
  const names = guidedNames(h.version).filter((n) => catalog.params.get(n)!.type !== 'string');
  const entries = names.map((n) => fc.option(valueArb(catalog.params.get(n)!, h.ram * GB), { nil: undefined, freq: 2 }).map((v) => [n, v] as const));
  return fc.tuple(fc.constant(h), fc.tuple(...entries)).map(([host, pairs]) => ({
    host,
    chosen: Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as Record<string, Value>,
  }));
});

const values = (r: GuidanceResult): Record<string, Value> => Object.fromEntries(r.params.map((g) => [g.name, g.recommended.value]));
const runOn = (h: HostCase, chosen: Record<string, Value>): GuidanceResult => guide({ version: h.version, host: hostOf(h), workload: h.workload, settings: settingsWith(h.version, chosen) });
const show = (g: Guidance): string => `${g.name}: ${g.current.text} → ${g.recommended.text} (${g.bandText})`;

describe('guidance properties', () => {
  test('a second run on the recommendations is a fixed point, and every recommendation is inside its band', () => {
    fc.assert(fc.property(caseArb, ({ host, chosen }) => {
      const settings = settingsWith(host.version, chosen);
      const first = guide({ version: host.version, host: hostOf(host), workload: host.workload, settings });
      const second = guide({ version: host.version, host: hostOf(host), workload: host.workload, settings: applied(host.version, settings, first) });
      expect(values(second)).toEqual(values(first));
      for (const g of second.params) {
        if (g.recommended.value !== g.current.value) throw new Error(`not a fixed point: ${show(g)}`);
        if (!place(g.band, g.current.effective, 'move').inside) throw new Error(`outside its own band: ${show(g)}`);
      }
    }), runs(60));
  });

  test('without a file every target is inside every edge of its band (tune output draws no lint finding)', () => {
    fc.assert(fc.property(hostArb, (h) => {
      const first = guide({ version: h.version, host: hostOf(h), workload: h.workload });
      const second = runOn(h, values(first));
      for (const g of second.params) {
        if (g.target !== undefined && !g.verdict.inside) throw new Error(`target outside its band: ${show(g)} (${g.verdict.why})`);
      }
    }), runs(60));
  });

  test('a capability the file chose above the band floor stays (and the more side closes only at a hazard)', () => {
    fc.assert(fc.property(hostArb, fc.double({ min: 1, max: 4, noNaN: true }), (h, k) => {
      const base = guide({ version: h.version, host: hostOf(h), workload: h.workload });
      for (const g of base.params) {
        if (g.nature !== 'capability' || g.band.kind !== 'range') continue;
        const more = g.more === 'down' ? g.band.low : g.band.high;
        for (const e of more) if (e.action === 'move' && !e.hazard) throw new Error(`${g.name}: a moving edge on the "more" side that is not a hazard`);
        if (g.scale) {
          // every level from the target up stays: wal_level logical, huge_pages on
          const from = g.scale.indexOf(String(g.target?.value));
          for (const level of g.scale.slice(Math.max(0, from))) {
            const r = runOn(h, { [g.name.toLowerCase()]: level });
            expect(r.byName.get(g.name.toLowerCase())!.recommended.value).toBe(level);
          }
          continue;
        }
        if (typeof g.recommended.value !== 'number' || Number(g.recommended.value) < 0) continue;
        // more than the target, by k, short of any hazard
        const hazardAt = Math.min(...more.filter((e) => e.action === 'move').map((e) => e.limit));
        const param = loadCatalog(h.version).params.get(g.name.toLowerCase())!;
        let v = g.more === 'down' ? Number(g.recommended.value) / k : Number(g.recommended.value) * k;
        v = Math.min(v, hazardAt === Infinity ? v : hazardAt - 1, param.max ?? v);
        v = param.type === 'integer' ? Math.floor(v) : Number(v.toPrecision(3));
        if (g.more === 'down' ? v > Number(g.recommended.value) : v < Number(g.recommended.value)) continue;
        const r = runOn(h, { [g.name.toLowerCase()]: v });
        const kept = r.byName.get(g.name.toLowerCase())!;
        if (kept.recommended.value !== v) throw new Error(`${g.name} = ${v} (${kept.bandText}) was moved to ${kept.recommended.text}`);
      }
    }), runs(25));
  });

  test('every recommendation parses back with the catalog of its version (values from a declared build aside)', () => {
    fc.assert(fc.property(caseArb, fc.boolean(), ({ host, chosen }, lz4) => {
      const r = guide({ version: host.version, host: hostOf(host), workload: host.workload, settings: settingsWith(host.version, chosen), build: { lz4 } });
      const catalog = loadCatalog(host.version);
      for (const g of r.params) {
        const back = parsesBack(host.version, g.name, g.recommended.text);
        if (back.ok) {
          expect(back.value).toEqual(typeof g.recommended.value === 'string' ? back.value : g.recommended.value);
          continue;
        }
        // lz4 is accepted by builds with --with-lz4 (the reference binaries have none): only when declared
        if (!(lz4 && catalog.buildDependent(g.name, g.recommended.text)?.requires.includes('lz4'))) throw new Error(`${g.name} = ${g.recommended.text}: ${back.message}`);
      }
    }), runs(60));
  });

  test('never below the server default for work_mem and maintenance_work_mem', () => {
    fc.assert(fc.property(caseArb, ({ host, chosen }) => {
      const r = runOn(host, chosen);
      for (const name of ['work_mem', 'maintenance_work_mem']) {
        const g = r.byName.get(name)!;
        const dflt = Number(loadCatalog(host.version).params.get(name)!.default);
        if (Number(g.recommended.value) < dflt) throw new Error(`${show(g)} is below the default ${dflt}kB`);
      }
    }), runs(60));
  });

  test('sizes grow with the RAM (same cores, workload, storage and version)', () => {
    const grows = ['shared_buffers', 'effective_cache_size', 'maintenance_work_mem', 'autovacuum_work_mem', 'work_mem', 'max_wal_size', 'min_wal_size', 'max_connections'];
    fc.assert(fc.property(hostArb, fc.constantFrom(1.5, 2, 4, 8), (h, factor) => {
      const small = guide({ version: h.version, host: hostOf(h), workload: h.workload });
      const big = guide({ version: h.version, host: hostOf({ ...h, ram: h.ram * factor }), workload: h.workload });
      for (const name of grows) {
        const a = Number(small.byName.get(name)!.recommended.value);
        const b = Number(big.byName.get(name)!.recommended.value);
        if (b < a) throw new Error(`${name}: ${small.byName.get(name)!.recommended.text} on ${h.ram}GB but ${big.byName.get(name)!.recommended.text} on ${h.ram * factor}GB`);
      }
    }), runs(60));
  });
});
