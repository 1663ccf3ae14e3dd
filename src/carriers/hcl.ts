/**
 * A reader for the part of HCL (Terraform's native syntax) that carries PostgreSQL settings:
 * bodies of attributes and blocks, literals, strings with `${ }` interpolation, heredocs,
 * tuples, objects, references (`var.x`, `aws_db_instance.db.parameter_group_name`) and
 * function calls; anything else (operators, conditionals, `for` expressions, splats) is kept
 * as an unevaluated expression with its source range. Every node keeps its offsets, so values
 * are reported at their line and column.
 *
 * Why not a package: the npm HCL parsers give no source positions (hcl2-parser, a 3.8 MB
 * GopherJS build of the Go parser, unmaintained since 2021; @cdktf/hcl2json, a Go WebAssembly
 * module, asynchronous, from the retired CDK for Terraform) or are editor grammars that need an
 * editor runtime (codemirror-lang-hcl) or a native build (tree-sitter-hcl).
 *
 * Errors are thrown as HclError with the offset; nesting is limited like YAML's.
 */

export class HclError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const MAX_HCL_NESTING = 256;

type TokKind = 'ident' | 'number' | 'string' | 'heredoc' | 'punct' | 'newline' | 'eof';

interface Tok {
  kind: TokKind;
  start: number;
  end: number;
  /** ident/punct text; number text */
  text: string;
  /** string/heredoc: decoded literal parts and interpolations */
  parts?: Array<string | { raw: string; start: number }>;
}

export type HclExpr =
  | { kind: 'literal'; value: string | number | boolean | null; start: number; end: number }
  | { kind: 'template'; parts: Array<string | { raw: string; start: number }>; start: number; end: number }
  | { kind: 'tuple'; items: HclExpr[]; start: number; end: number }
  | { kind: 'object'; items: Array<{ key: string; keyStart: number; value: HclExpr }>; start: number; end: number }
  | { kind: 'ref'; path: string[]; start: number; end: number }
  | { kind: 'call'; name: string; args: HclExpr[]; start: number; end: number }
  | { kind: 'other'; start: number; end: number };

export interface HclAttr {
  name: string;
  start: number;
  value: HclExpr;
}

export interface HclBlock {
  type: string;
  labels: string[];
  start: number;
  body: HclBody;
}

export interface HclBody {
  attrs: HclAttr[];
  blocks: HclBlock[];
}

const PUNCT3 = ['...'];
const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||', '=>', '::'];
const PUNCT1 = '{}[]()=,:.?!<>+-*/%';

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && src[i + 1] === '/')) {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new HclError('unterminated /* comment', i);
      // a multi-line comment counts as one newline where it spans lines
      if (src.slice(i, end).includes('\n')) toks.push({ kind: 'newline', start: i, end: end + 2, text: '\n' });
      i = end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_-]/.test(src[j]!)) j++;
      toks.push({ kind: 'ident', start: i, end: j, text: src.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 64))!;
      toks.push({ kind: 'number', start: i, end: i + m[0].length, text: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '"') {
      const t = scanString(src, i);
      toks.push(t);
      i = t.end;
      continue;
    }
    if (c === '<' && src[i + 1] === '<' && /[-A-Za-z_]/.test(src[i + 2] ?? '')) {
      const t = scanHeredoc(src, i);
      toks.push(t);
      i = t.end;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (PUNCT3.includes(three)) {
      toks.push({ kind: 'punct', start: i, end: i + 3, text: three });
      i += 3;
    } else if (PUNCT2.includes(two)) {
      toks.push({ kind: 'punct', start: i, end: i + 2, text: two });
      i += 2;
    } else if (PUNCT1.includes(c)) {
      toks.push({ kind: 'punct', start: i, end: i + 1, text: c });
      i++;
    } else throw new HclError(`unexpected character "${c}"`, i);
  }
  toks.push({ kind: 'eof', start: n, end: n, text: '' });
  return toks;
}

/** The end of a `${ … }` / `%{ … }` sequence starting at `i` (just after the brace). */
function skipInterpolation(src: string, i: number, open: number): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      i = scanString(src, i).end;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    i++;
  }
  throw new HclError('unterminated ${ in a string', open);
}

function scanString(src: string, start: number): Tok {
  const parts: Array<string | { raw: string; start: number }> = [];
  let lit = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      if (lit || parts.length === 0) parts.push(lit);
      return { kind: 'string', start, end: i + 1, text: '', parts };
    }
    if (c === '\n') throw new HclError('a quoted string cannot span lines', start);
    if (c === '\\') {
      const e = src[i + 1];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e !== undefined && simple[e] !== undefined) {
        lit += simple[e];
        i += 2;
      } else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new HclError('invalid \\u escape', i);
        lit += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + len;
      } else throw new HclError(`invalid escape \\${e ?? ''}`, i);
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{') {
      lit += `${c}{`;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === '{') {
      const end = skipInterpolation(src, i + 2, i);
      if (lit) parts.push(lit);
      lit = '';
      parts.push({ raw: src.slice(i, end), start: i });
      i = end;
      continue;
    }
    lit += c;
    i++;
  }
  throw new HclError('unterminated string', start);
}

function scanHeredoc(src: string, start: number): Tok {
  const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(src.slice(start, start + 300));
  if (!m) throw new HclError('invalid heredoc', start);
  const indent = m[1] === '-';
  const marker = m[2]!;
  let i = start + m[0].length;
  const lines: Array<{ text: string; start: number }> = [];
  for (;;) {
    if (i >= src.length) throw new HclError(`heredoc ${marker} is not closed`, start);
    let nl = src.indexOf('\n', i);
    if (nl < 0) nl = src.length;
    const line = src.slice(i, nl).replace(/\r$/, '');
    if (line.trim() === marker) {
      let body = lines;
      if (indent) {
        const min = Math.min(...lines.filter((l) => l.text.trim() !== '').map((l) => l.text.length - l.text.trimStart().length));
        if (Number.isFinite(min)) body = lines.map((l) => ({ text: l.text.slice(min), start: l.start + min }));
      }
      const text = body.map((l) => `${l.text}\n`).join('');
      const parts: Tok['parts'] = [];
      // interpolations in a heredoc are templates too
      const re = /(?<![$%])[$%]\{/g;
      let last = 0;
      let mm: RegExpExecArray | null;
      while ((mm = re.exec(text))) {
        if (mm.index > last) parts.push(text.slice(last, mm.index));
        const end = skipInterpolation(text, mm.index + 2, mm.index);
        parts.push({ raw: text.slice(mm.index, end), start: start });
        last = end;
        re.lastIndex = end;
      }
      if (last < text.length || parts.length === 0) parts.push(text.slice(last));
      return { kind: 'heredoc', start, end: nl, text: '', parts };
    }
    lines.push({ text: line, start: i });
    i = nl + 1;
  }
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}

  private peek(skipNewlines = false): Tok {
    let j = this.i;
    if (skipNewlines) while (this.toks[j]!.kind === 'newline') j++;
    return this.toks[j]!;
  }

  private next(skipNewlines = false): Tok {
    if (skipNewlines) this.skipNewlines();
    return this.toks[this.i++]!;
  }

  private skipNewlines(): void {
    while (this.toks[this.i]!.kind === 'newline') this.i++;
  }

  private expect(text: string, skipNewlines = false): Tok {
    const t = this.next(skipNewlines);
    if (t.kind !== 'punct' || t.text !== text) throw new HclError(`expected "${text}", found ${t.kind === 'eof' ? 'the end of the file' : `"${this.src.slice(t.start, t.end)}"`}`, t.start);
    return t;
  }

  private enter(at: number): void {
    if (++this.depth > MAX_HCL_NESTING) throw new HclError(`nested more than ${MAX_HCL_NESTING} levels deep`, at);
  }

  body(closing: boolean): HclBody {
    const body: HclBody = { attrs: [], blocks: [] };
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') {
        if (closing) throw new HclError('a block is not closed: "}" missing', t.start);
        return body;
      }
      if (t.kind === 'punct' && t.text === '}') {
        if (!closing) throw new HclError('unexpected "}"', t.start);
        this.i++;
        return body;
      }
      if (t.kind !== 'ident') throw new HclError(`expected an attribute or a block, found "${this.src.slice(t.start, t.end)}"`, t.start);
      this.i++;
      const after = this.peek();
      if (after.kind === 'punct' && after.text === '=') {
        this.i++;
        const value = this.expr(false);
        const end = this.peek();
        if (end.kind !== 'newline' && end.kind !== 'eof' && !(end.kind === 'punct' && end.text === '}')) {
          throw new HclError(`unexpected "${this.src.slice(end.start, end.end)}" after the value of ${t.text}`, end.start);
        }
        body.attrs.push({ name: t.text, start: t.start, value });
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        const l = this.peek();
        if (l.kind === 'string' && l.parts!.every((p) => typeof p === 'string')) labels.push((l.parts as string[]).join(''));
        else if (l.kind === 'ident') labels.push(l.text);
        else break;
        this.i++;
      }
      this.expect('{');
      this.enter(t.start);
      const inner = this.body(true);
      this.depth--;
      body.blocks.push({ type: t.text, labels, start: t.start, body: inner });
    }
  }

  /** An expression; inside brackets newlines are insignificant. */
  expr(nl: boolean): HclExpr {
    const first = this.peek(nl);
    const e = this.operand(nl);
    // operators and conditionals: keep the range, do not evaluate
    let end = e.end;
    let composite = false;
    for (;;) {
      const t = this.peek(nl);
      if (t.kind === 'punct' && ['==', '!=', '<', '>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%'].includes(t.text)) {
        this.next(nl);
        end = this.operand(nl).end;
        composite = true;
      } else if (t.kind === 'punct' && t.text === '?') {
        this.next(nl);
        this.expr(nl);
        this.expect(':', nl);
        end = this.expr(nl).end;
        composite = true;
      } else break;
    }
    return composite ? { kind: 'other', start: first.start, end } : e;
  }

  private operand(nl: boolean): HclExpr {
    const t = this.peek(nl);
    if (t.kind === 'punct' && (t.text === '-' || t.text === '!')) {
      this.next(nl);
      const inner = this.operand(nl);
      if (t.text === '-' && inner.kind === 'literal' && typeof inner.value === 'number') return { kind: 'literal', value: -inner.value, start: t.start, end: inner.end };
      return { kind: 'other', start: t.start, end: inner.end };
    }
    let e = this.primary(nl);
    // postfix: .attr, [index], .*, [*]
    for (;;) {
      const p = this.peek();
      if (p.kind === 'punct' && p.text === '.') {
        this.i++;
        const a = this.next();
        if (a.kind === 'ident' && e.kind === 'ref') e = { ...e, path: [...e.path, a.text], end: a.end };
        else if (a.kind === 'ident' || a.kind === 'number' || (a.kind === 'punct' && a.text === '*')) e = { kind: 'other', start: e.start, end: a.end };
        else throw new HclError('expected an attribute name after "."', a.start);
      } else if (p.kind === 'punct' && p.text === '[') {
        this.i++;
        this.enter(p.start);
        if (this.peek(true).kind === 'punct' && this.peek(true).text === '*') this.next(true);
        else this.expr(true);
        const close = this.expect(']', true);
        this.depth--;
        e = { kind: 'other', start: e.start, end: close.end };
      } else break;
    }
    return e;
  }

  private primary(nl: boolean): HclExpr {
    const t = this.next(nl);
    switch (t.kind) {
      case 'number':
        return { kind: 'literal', value: Number(t.text), start: t.start, end: t.end };
      case 'string':
      case 'heredoc':
        if (t.parts!.every((p) => typeof p === 'string')) return { kind: 'literal', value: (t.parts as string[]).join(''), start: t.start, end: t.end };
        return { kind: 'template', parts: t.parts!, start: t.start, end: t.end };
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', start: t.start, end: t.end };
        if (t.text === 'null') return { kind: 'literal', value: null, start: t.start, end: t.end };
        const p = this.peek();
        if (p.kind === 'punct' && (p.text === '(' || p.text === '::')) {
          let name = t.text;
          while (this.peek().kind === 'punct' && this.peek().text === '::') {
            this.i++;
            name += `::${this.next().text}`;
          }
          this.expect('(');
          this.enter(t.start);
          const args: HclExpr[] = [];
          while (!(this.peek(true).kind === 'punct' && this.peek(true).text === ')')) {
            args.push(this.expr(true));
            const sep = this.peek(true);
            if (sep.kind === 'punct' && sep.text === ',') this.next(true);
            else if (sep.kind === 'punct' && sep.text === '...') {
              this.next(true);
            } else if (!(sep.kind === 'punct' && sep.text === ')')) throw new HclError(`expected "," or ")" in the arguments of ${name}()`, sep.start);
          }
          const close = this.expect(')', true);
          this.depth--;
          return { kind: 'call', name, args, start: t.start, end: close.end };
        }
        return { kind: 'ref', path: [t.text], start: t.start, end: t.end };
      }
      case 'punct':
        if (t.text === '(') {
          this.enter(t.start);
          this.expr(true);
          const close = this.expect(')', true);
          this.depth--;
          return { kind: 'other', start: t.start, end: close.end };
        }
        if (t.text === '[') return this.tuple(t);
        if (t.text === '{') return this.object(t);
        break;
      default:
        break;
    }
    throw new HclError(t.kind === 'eof' ? 'a value is missing at the end of the file' : t.kind === 'newline' ? 'a value is missing before the end of the line' : `unexpected "${this.src.slice(t.start, t.end)}"`, t.start);
  }

  /** `for` expressions are kept as ranges: skip to the matching bracket. */
  private skipTo(open: Tok, close: string): HclExpr {
    let depth = 1;
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') throw new HclError(`"${open.text}" is not closed`, open.start);
      if (t.kind === 'punct' && (t.text === '[' || t.text === '{' || t.text === '(')) {
        if (++depth > MAX_HCL_NESTING) throw new HclError(`nested more than ${MAX_HCL_NESTING} levels deep`, t.start);
      } else if (t.kind === 'punct' && (t.text === ']' || t.text === '}' || t.text === ')')) {
        if (--depth === 0) {
          if (t.text !== close) throw new HclError(`"${open.text}" closed by "${t.text}"`, t.start);
          return { kind: 'other', start: open.start, end: t.end };
        }
      }
    }
  }

  private tuple(open: Tok): HclExpr {
    if (this.peek(true).kind === 'ident' && this.peek(true).text === 'for') return this.skipTo(open, ']');
    this.enter(open.start);
    const items: HclExpr[] = [];
    while (!(this.peek(true).kind === 'punct' && this.peek(true).text === ']')) {
      items.push(this.expr(true));
      const sep = this.peek(true);
      if (sep.kind === 'punct' && sep.text === ',') this.next(true);
      else if (!(sep.kind === 'punct' && sep.text === ']')) throw new HclError('expected "," or "]" in a list', sep.start);
    }
    const close = this.expect(']', true);
    this.depth--;
    return { kind: 'tuple', items, start: open.start, end: close.end };
  }

  private object(open: Tok): HclExpr {
    if (this.peek(true).kind === 'ident' && this.peek(true).text === 'for') return this.skipTo(open, '}');
    this.enter(open.start);
    const items: Array<{ key: string; keyStart: number; value: HclExpr }> = [];
    for (;;) {
      const k = this.peek(true);
      if (k.kind === 'punct' && k.text === '}') break;
      const keyExpr = this.expr(true);
      const key = keyExpr.kind === 'ref' && keyExpr.path.length === 1 ? keyExpr.path[0]! : keyExpr.kind === 'literal' ? String(keyExpr.value) : this.src.slice(keyExpr.start, keyExpr.end);
      const eq = this.next(true);
      if (!(eq.kind === 'punct' && (eq.text === '=' || eq.text === ':'))) throw new HclError('expected "=" or ":" after an object key', eq.start);
      const value = this.expr(true);
      items.push({ key, keyStart: keyExpr.start, value });
      const sep = this.peek();
      if (sep.kind === 'punct' && sep.text === ',') this.i++;
      else if (sep.kind === 'newline') this.skipNewlines();
      else if (!(sep.kind === 'punct' && sep.text === '}')) throw new HclError('expected ",", a new line or "}" in an object', sep.start);
    }
    const close = this.expect('}', true);
    this.depth--;
    return { kind: 'object', items, start: open.start, end: close.end };
  }
}

export function parseHcl(src: string): HclBody {
  const parser = new Parser(tokenize(src), src);
  return parser.body(false);
}

/** Shallow helpers for readers. */
export function attr(body: HclBody, name: string): HclAttr | undefined {
  return body.attrs.find((a) => a.name === name);
}

export function blocks(body: HclBody, type: string): HclBlock[] {
  return body.blocks.filter((b) => b.type === type);
}
