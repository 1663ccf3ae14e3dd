/**
 * YAML carriers, read with the `yaml` package's AST (exact source ranges for every node), and
 * guarded against what a hostile or broken file can do to a YAML parser:
 *
 * - nesting: the parser recurses, and ten thousand nested `[` exhaust V8 (a fatal error, not an
 *   exception), so a linear pre-scan refuses anything nested deeper than MAX_NESTING first;
 * - aliases: pgvet never expands a whole document; it follows an alias only where it reads a
 *   value, at most MAX_ALIAS_FOLLOWS times per document (a "billion laughs" file costs nothing);
 * - size: documents are split at their `---` markers (a document marker can only start a line
 *   outside any scalar), and only documents that may be a carrier are parsed (a `kind:` pgvet
 *   does not read, e.g. a CustomResourceDefinition in `helm template` output, is skipped), each
 *   at most MAX_DOCUMENT_BYTES.
 *
 * Scalars are typed the way the program that consumes the file types them, not the way the
 * `yaml` package does: Kubernetes and Helm (go-yaml v2, YAML 1.1: `on`, `yes`, `y` are booleans,
 * `0600` is octal), Patroni and Ansible (PyYAML, YAML 1.1 without `y`/`n`, then Python's str()),
 * compose (YAML 1.2 core). See `resolveScalar`.
 */
import { Parser, Composer, isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node as YNode, type Scalar, type YAMLMap, type YAMLSeq, type Pair } from 'yaml';
import { InputError } from '../resolve/load.js';
import { MAX_DOCUMENT_BYTES, type CarrierSource } from './source.js';
import type { CarrierValue, Position } from './model.js';

export const MAX_NESTING = 256;
export const MAX_ALIAS_FOLLOWS = 10_000;
export const MAX_NODES = 2_000_000;

export type Dialect = 'k8s' | 'python' | 'yaml12';

export interface YamlDoc {
  source: CarrierSource;
  /** Offset of the document's text in the source. */
  offset: number;
  /** The document's root (null for an empty document). */
  root: YNode | null;
  doc: Document.Parsed;
  /** The top-level `kind:` found by the pre-scan, if any. */
  kind?: string;
  /** Anchors by name, in document order, for alias resolution. */
  anchors: Map<string, Array<{ offset: number; node: YNode }>>;
  follows: number;
}

/** A parse problem that makes the document unusable (pgvet reports it and reads the rest). */
export interface YamlProblem {
  message: string;
  at: Position;
  /** The document looks like an unrendered template ({{ }}). */
  template: boolean;
}

/** Split a YAML stream into documents: [offset, end) ranges. */
export function splitDocuments(text: string): Array<{ start: number; end: number }> {
  const docs: Array<{ start: number; end: number }> = [];
  let start = 0;
  const re = /^(---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] === '---') {
      if (m.index > start || docs.length > 0) docs.push({ start, end: m.index });
      start = m.index;
    } else {
      // "..." ends the document; what follows up to the next "---" is outside any document
      docs.push({ start, end: m.index });
      start = m.index + 3;
    }
    re.lastIndex = m.index + 3;
  }
  docs.push({ start, end: text.length });
  return docs.filter((d) => /[^\s]/.test(stripComments(text.slice(d.start, d.end)).replace(/^(---|\.\.\.)/gm, '')));
}

function stripComments(s: string): string {
  return s.replace(/(^|\s)#.*$/gm, '$1');
}

/** The top-level `kind:` of a document, found without parsing it. */
export function topLevelKind(text: string): string | undefined {
  const m = /^kind:[ \t]*["']?([A-Za-z][\w.-]*)["']?[ \t]*(?:#.*)?$/m.exec(text);
  return m?.[1];
}

/**
 * The deepest nesting a document can reach, over-estimated in linear time: flow brackets open
 * at once, plus the block indentation levels and the compact "- - -" entries of each line.
 */
export function nestingBound(text: string): number {
  let max = 0;
  let flow = 0;
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // one line
    let col = 0;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) {
      i++;
      col++;
    }
    let compact = 0;
    while (i < n && (text[i] === '-' || text[i] === '?' ) && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      compact++;
      i += 2;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    }
    const blank = i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
    if (!blank || compact > 0) {
      while (indents.length && indents[indents.length - 1]! >= col) indents.pop();
      indents.push(col);
    }
    // scan the rest of the line for flow brackets outside quotes and comments
    let quote: string | null = null;
    let prev = ' ';
    let lineFlow = flow;
    for (; i < n && text[i] !== '\n'; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = null;
      } else if (c === '#' && (prev === ' ' || prev === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(prev)) quote = c;
      else if (c === '[' || c === '{') lineFlow = Math.max(lineFlow, ++flow);
      else if ((c === ']' || c === '}') && flow > 0) flow--;
      prev = c;
    }
    max = Math.max(max, indents.length + compact + lineFlow);
    i++;
  }
  return max;
}

export interface ReadYamlOptions {
  /** Parse this document? Called with the pre-scanned kind (undefined when none). Default: all. */
  wanted?: (kind: string | undefined) => boolean;
}

/**
 * Parse the documents of a YAML stream. Returns the parsed documents and the problems of the
 * ones that could not be read (each one line, with its position).
 */
export function readYaml(source: CarrierSource, options: ReadYamlOptions = {}): { docs: YamlDoc[]; problems: YamlProblem[] } {
  const docs: YamlDoc[] = [];
  const problems: YamlProblem[] = [];
  for (const range of splitDocuments(source.text)) {
    const text = source.text.slice(range.start, range.end);
    const kind = topLevelKind(text);
    if (options.wanted && !options.wanted(kind)) continue;
    const at = { file: source.displayPath, ...source.lines.pos(range.start) };
    const templateAt = text.search(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/);
    const template = templateAt >= 0;
    const templatePos = template ? { file: source.displayPath, ...source.lines.pos(range.start + templateAt) } : at;
    if (text.length > MAX_DOCUMENT_BYTES) {
      throw new InputError(source.displayPath, `cannot read ${source.displayPath}:${at.line}: a YAML document of ${text.length} bytes, more than the ${MAX_DOCUMENT_BYTES}-byte limit`);
    }
    const depth = nestingBound(text);
    if (depth > MAX_NESTING) {
      throw new InputError(source.displayPath, `cannot read ${source.displayPath}:${at.line}: YAML nested more than ${MAX_NESTING} levels deep`);
    }
    const lineCounter = new LineCounter();
    const parser = new Parser(lineCounter.addNewLine);
    const composer = new Composer({ keepSourceTokens: true, uniqueKeys: false, strict: false, prettyErrors: false, version: '1.2', stringKeys: false });
    const parsed: Document.Parsed[] = [];
    for (const d of composer.compose(parser.parse(text), true, text.length)) parsed.push(d as Document.Parsed);
    for (const doc of parsed) {
      const error = doc.errors[0];
      if (error) {
        const where = { file: source.displayPath, ...source.lines.pos(range.start + (error.pos?.[0] ?? 0)) };
        problems.push({ message: error.message.split('\n')[0]!, at: template ? templatePos : where, template });
        continue;
      }
      const root = (doc.contents ?? null) as YNode | null;
      if (template && hasCollectionKey(root)) {
        // `{{ .Values.x }}` parses as a flow mapping whose key is a flow mapping: a template
        problems.push({ message: 'unrendered template', at: templatePos, template: true });
        continue;
      }
      const yd: YamlDoc = { source, offset: range.start, root, doc, ...(kind ? { kind } : {}), anchors: new Map(), follows: 0 };
      collectAnchors(yd);
      docs.push(yd);
    }
  }
  return { docs, problems };
}

/** Any mapping key that is itself a mapping or a sequence (never in a manifest; `{{ x }}` is one). */
function hasCollectionKey(root: YNode | null): boolean {
  const stack: unknown[] = [root];
  let seen = 0;
  while (stack.length) {
    const n = stack.pop();
    if (++seen > MAX_NODES) return false;
    if (isMap(n)) {
      for (const p of n.items) {
        if (isMap(p.key) || isSeq(p.key)) return true;
        stack.push(p.value);
      }
    } else if (isSeq(n)) for (const v of n.items) stack.push(v);
  }
  return false;
}

function collectAnchors(yd: YamlDoc): void {
  const stack: unknown[] = [yd.root];
  let seen = 0;
  const found: Array<{ name: string; offset: number; node: YNode }> = [];
  while (stack.length) {
    const n = stack.pop() as YNode | null | undefined;
    if (!n) continue;
    if (++seen > MAX_NODES) throw new InputError(yd.source.displayPath, `cannot read ${yd.source.displayPath}: more than ${MAX_NODES} YAML nodes in one document`);
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor && !isAlias(n)) found.push({ name: anchor, offset: n.range?.[0] ?? 0, node: n });
    if (isMap(n)) {
      for (const p of n.items) {
        stack.push(p.key as YNode);
        stack.push(p.value as YNode);
      }
    } else if (isSeq(n)) for (const v of n.items) stack.push(v as YNode);
  }
  found.sort((a, b) => a.offset - b.offset);
  for (const f of found) {
    const list = yd.anchors.get(f.name) ?? [];
    list.push({ offset: f.offset, node: f.node });
    yd.anchors.set(f.name, list);
  }
}

/** Follow aliases (bounded); returns the node itself for anything else. */
export function deref(yd: YamlDoc, node: unknown): YNode | null {
  let n = node as YNode | null | undefined;
  let hops = 0;
  while (n && isAlias(n)) {
    if (++yd.follows > MAX_ALIAS_FOLLOWS || ++hops > 100) {
      throw new InputError(yd.source.displayPath, `cannot read ${yd.source.displayPath}: more than ${MAX_ALIAS_FOLLOWS} YAML alias references followed in one document (an alias bomb?)`);
    }
    const list = yd.anchors.get(n.source);
    const at = n.range?.[0] ?? 0;
    let target: YNode | null = null;
    for (const a of list ?? []) if (a.offset < at) target = a.node;
    n = target;
  }
  return n ?? null;
}

/** The pairs of a mapping, merge keys (`<<: *defaults`) first, as go-yaml and PyYAML apply them. */
export function pairs(yd: YamlDoc, node: unknown): Pair<YNode, YNode>[] {
  const m = deref(yd, node);
  if (!isMap(m)) return [];
  const out: Pair<YNode, YNode>[] = [];
  const own: Pair<YNode, YNode>[] = [];
  for (const p of (m as YAMLMap<YNode, YNode>).items) {
    const k = deref(yd, p.key);
    if (isScalar(k) && k.source === '<<' && k.type === 'PLAIN') {
      const v = deref(yd, p.value);
      const sources = isSeq(v) ? (v as YAMLSeq<YNode>).items : [p.value];
      for (const s of sources) out.push(...pairs(yd, s));
    } else own.push(p as Pair<YNode, YNode>);
  }
  return [...out, ...own];
}

/** A mapping's keys as text, with their value nodes (last one wins, as in go-yaml and PyYAML). */
export function entries(yd: YamlDoc, node: unknown): Array<{ key: string; keyNode: YNode; value: YNode | null }> {
  const byKey = new Map<string, { key: string; keyNode: YNode; value: YNode | null }>();
  for (const p of pairs(yd, node)) {
    const k = deref(yd, p.key);
    if (!isScalar(k)) continue;
    const key = scalarText(k);
    byKey.delete(key);
    byKey.set(key, { key, keyNode: p.key as YNode, value: (p.value ?? null) as YNode | null });
  }
  return [...byKey.values()];
}

export function get(yd: YamlDoc, node: unknown, ...path: string[]): YNode | null {
  let n: YNode | null = deref(yd, node);
  for (const key of path) {
    const e = entries(yd, n).find((x) => x.key === key);
    if (!e) return null;
    n = deref(yd, e.value);
  }
  return n;
}

/** The key node of `key` in a mapping (for positions). */
export function keyNode(yd: YamlDoc, node: unknown, key: string): YNode | null {
  return entries(yd, node).find((x) => x.key === key)?.keyNode ?? null;
}

export function items(yd: YamlDoc, node: unknown): YNode[] {
  const s = deref(yd, node);
  return isSeq(s) ? ((s as YAMLSeq<YNode>).items.map((i) => i) as YNode[]) : [];
}

export function isMapping(yd: YamlDoc, node: unknown): boolean {
  return isMap(deref(yd, node));
}

/** A scalar's text as the parser decoded it (quoted scalars unescaped; plain as written). */
export function scalarText(s: Scalar): string {
  if (s.type === 'PLAIN' || s.type === undefined) return typeof s.source === 'string' ? s.source : String(s.value ?? '');
  return typeof s.value === 'string' ? s.value : String(s.value);
}

/** A scalar's string, or undefined for anything else. */
export function str(yd: YamlDoc, node: unknown): string | undefined {
  const n = deref(yd, node);
  return isScalar(n) ? scalarText(n) : undefined;
}

export function position(yd: YamlDoc, node: unknown, path?: string): Position {
  const n = node as YNode | null | undefined;
  const offset = yd.offset + (n?.range?.[0] ?? 0);
  return { file: yd.source.displayPath, ...yd.source.lines.pos(offset), ...(path ? { path } : {}) };
}

/** The document text of a node as written. */
export function rawText(yd: YamlDoc, node: unknown): string {
  const n = node as YNode | null | undefined;
  if (!n?.range) return '';
  return yd.source.text.slice(yd.offset + n.range[0], yd.offset + n.range[1]);
}

/** PyYAML's implicit resolvers (resolver.py), YAML 1.1. */
const PY = {
  bool: /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  int: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  float: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  null: /^(?:~|null|Null|NULL|)$/,
};
/** go-yaml v2's resolve table (resolve.go), YAML 1.1, as sigs.k8s.io/yaml and Helm use it. */
const GO = {
  bool: /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  int: /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]*|[-+]?[1-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+)$/,
  float: /^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  null: /^(?:~|null|Null|NULL|)$/,
};
const CORE = {
  bool: /^(?:true|True|TRUE|false|False|FALSE)$/,
  int: /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
  float: /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  null: /^(?:~|null|Null|NULL|)$/,
};

function intValue(s: string, dialect: Dialect): number {
  const t = s.replace(/_/g, '');
  const sign = t.startsWith('-') ? -1 : 1;
  const u = t.replace(/^[-+]/, '');
  if (u.includes(':')) return sign * u.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
  if (/^0b/.test(u)) return sign * parseInt(u.slice(2), 2);
  if (/^0x/.test(u)) return sign * parseInt(u.slice(2), 16);
  if (/^0o/.test(u)) return sign * parseInt(u.slice(2), 8);
  if (dialect !== 'yaml12' && /^0[0-7]+$/.test(u)) return sign * parseInt(u.slice(1), 8);
  return sign * Number(u);
}

/** Python's repr() of a float: the shortest round-trip digits, exponent form outside 1e-4 ≤ |x| < 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    // JavaScript prints these positionally with the same shortest digits
    const plain = String(x);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * A scalar typed as `dialect` reads it, with the text the consumer passes on:
 * Patroni and Ansible apply Python's str() (True, False, None, 384 for 0600, 0.9);
 * Kubernetes and Helm keep the JSON form (true, 384) — a CRD that wants a string refuses it anyway.
 */
export function resolveScalar(yd: YamlDoc, node: unknown, dialect: Dialect): CarrierValue {
  const n = deref(yd, node);
  const raw = rawText(yd, node);
  if (n === null) return { text: null, raw, type: 'null', quoted: false, note: 'no value' };
  if (isMap(n)) return { text: null, raw, type: 'map', quoted: false, note: 'a mapping where a value belongs' };
  if (isSeq(n)) return { text: null, raw, type: 'list', quoted: false, note: 'a list where a value belongs' };
  const s = n as Scalar;
  const text = scalarText(s);
  if (s.type !== 'PLAIN') return { text, raw, type: 'string', quoted: s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE' };
  const table = dialect === 'python' ? PY : dialect === 'k8s' ? GO : CORE;
  const py = dialect === 'python';
  if (table.null.test(text)) return { text: py ? 'None' : null, raw, type: 'null', quoted: false, note: py ? 'YAML null: Python passes on "None"' : 'YAML null' };
  if (table.bool.test(text)) {
    const b = /^(?:y|yes|true|on)$/i.test(text);
    const out = py ? (b ? 'True' : 'False') : b ? 'true' : 'false';
    return { text: out, raw, type: 'bool', quoted: false, ...(out !== text ? { note: `YAML 1.1 boolean: passed on as "${out}"` } : {}) };
  }
  if (table.int.test(text)) {
    const v = intValue(text, dialect);
    const out = String(v);
    return { text: out, raw, type: 'int', quoted: false, ...(out !== text ? { note: `YAML integer ${text} is ${out}` } : {}) };
  }
  if (table.float.test(text)) {
    const v = Number(text.replace(/_/g, '').replace(/^([-+]?)\.(inf|nan)$/i, (_m, sign: string, w: string) => (w.toLowerCase() === 'inf' ? `${sign}Infinity` : 'NaN')));
    const out = py ? pythonFloat(v) : text;
    return { text: out, raw, type: 'float', quoted: false, ...(out !== text ? { note: `YAML float ${text} is passed on as "${out}"` } : {}) };
  }
  return { text, raw, type: 'string', quoted: false };
}

