/**
 * The house rules of the source tree, checked on the TypeScript sources (src/, rules/, scripts/):
 * - no import cycle between files (a cycle is a concern with two homes);
 * - the engine only runs rules: nothing in src/engine imports rules/ (the callers pass the list);
 * - tests reach the real-server harness (scripts/lib/pg/) only through test/support/pg.ts, which
 *   registers its cleanup after each test file (the scripts know nothing of jest);
 * - the supported majors are written once, in the catalog's generated src/catalog/versions.ts
 *   (scripts/generate-versions.ts), and every JSON schema's pgVersion enum is that list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { PG_MAJORS } from '../src/catalog/types.js';

const ROOTS = ['src', 'rules', 'scripts'];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'data') out.push(...sources(p));
    } else if (/\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const FILES = ROOTS.flatMap((r) => sources(path.join(PACKAGE_ROOT, r)));
const rel = (p: string): string => path.relative(PACKAGE_ROOT, p).split(path.sep).join('/');

/** The relative imports of a file (static `import … from`, `export … from`), type-only ones included. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts'));
    out.push(target);
  }
  return out;
}

const GRAPH = new Map(FILES.map((f) => [f, importsOf(f).filter((t) => FILES.includes(t))]));

/** The cycles of a graph, each as the files on it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const ix = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    ix.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!ix.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, ix.get(w)!));
    }
    if (low.get(v) === ix.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!ix.has(v)) visit(v);
  return found;
}

describe('architecture', () => {
  test('the sweep read the tree (the checks below are not vacuous)', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect([...GRAPH.values()].reduce((n, e) => n + e.length, 0)).toBeGreaterThan(300);
  });

  test('no import cycle between files', () => {
    expect(cycles(GRAPH)).toEqual([]);
  });

  test('the cycle finder finds a cycle', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  test('src/engine imports nothing from rules/', () => {
    const engine = FILES.filter((f) => rel(f).startsWith('src/engine/'));
    expect(engine.length).toBeGreaterThan(3);
    const bad = engine.flatMap((f) => GRAPH.get(f)!.filter((t) => rel(t).startsWith('rules/')).map((t) => `${rel(f)} → ${rel(t)}`));
    expect(bad).toEqual([]);
  });

  test('the real-server harness: scripts/lib/pg/ is in the graph, and tests use it through test/support/pg.ts', () => {
    const harness = FILES.filter((f) => rel(f).startsWith('scripts/lib/pg/'));
    expect(harness.length).toBeGreaterThan(5);
    const tests = sources(path.join(PACKAGE_ROOT, 'test'));
    const support = path.join(PACKAGE_ROOT, 'test', 'support', 'pg.ts');
    expect(tests).toContain(support);
    const direct = tests.filter((f) => f !== support && importsOf(f).some((t) => rel(t).startsWith('scripts/lib/pg/'))).map(rel);
    expect(direct).toEqual([]);
    // a test file that reaches the harness through a script library (live-capture.ts,
    // memory-scenarios.ts) must still load test/support/pg.ts, or nothing stops its servers
    const edges = new Map<string, string[]>([...GRAPH, ...tests.map((f): [string, string[]] => [f, importsOf(f)])]);
    const reach = (from: string): Set<string> => {
      const seen = new Set<string>();
      const todo = [from];
      while (todo.length) for (const t of edges.get(todo.pop()!) ?? []) if (!seen.has(t)) (seen.add(t), todo.push(t));
      return seen;
    };
    const suites = tests.filter((f) => f.endsWith('.test.ts'));
    const users = suites.filter((f) => [...reach(f)].some((t) => rel(t).startsWith('scripts/lib/pg/')));
    expect(users.map(rel)).toEqual(expect.arrayContaining(['test/plan-snapshot.test.ts', 'test/calibration/memory.test.ts']));
    expect(users.filter((f) => !reach(f).has(support)).map(rel)).toEqual([]);
    expect(importsOf(support).filter((t) => rel(t).startsWith('scripts/lib/pg/')).length).toBeGreaterThan(3);
  });

  test('the majors are written once: src/catalog/versions.ts, generated from the catalog', () => {
    const data = fs.readdirSync(path.join(PACKAGE_ROOT, 'src', 'catalog', 'data')).map((n) => /^pg(\d+)\.json$/.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number).sort((a, b) => a - b);
    expect([...PG_MAJORS]).toEqual(data);
    const list = PG_MAJORS.join(', ');
    const written = FILES.filter((f) => rel(f) !== 'src/catalog/versions.ts' && fs.readFileSync(f, 'utf8').includes(list)).map(rel);
    expect(written).toEqual([]);
    // the JSON schemas cannot import it: the generator writes their enums, and they must agree
    const schemas = ['src/engine/pgvetrc.schema.json', ...fs.readdirSync(path.join(PACKAGE_ROOT, 'src', 'report', 'schemas')).map((n) => `src/report/schemas/${n}`)];
    for (const s of schemas) {
      const enums = [...fs.readFileSync(path.join(PACKAGE_ROOT, s), 'utf8').matchAll(/"pgVersion":\s*\{[^}]*?"enum":\s*\[([^\]]*)\]/g)].map((m) => m[1]!.split(',').map((x) => Number(x.trim())));
      for (const e of enums) expect({ schema: s, enum: e }).toEqual({ schema: s, enum: [...PG_MAJORS] });
    }
  });
});
