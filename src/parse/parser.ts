/**
 * The lossless parser: one ParsedLine per logical line (split at \n), each with its tokens,
 * and for setting lines the entry the server would put in its list. The line grammar and the
 * error recovery follow the server's ParseConfigFp (guc-file.l):
 *
 *   NAME [=] VALUE [# comment] (end of line | end of file)
 *   NAME  ∈ {ID, QUALIFIED_ID};  VALUE ∈ {ID, STRING, INTEGER, REAL, UNQUOTED_STRING}
 *
 * A syntax error is reported "near token X" or "near end of line", and the parser resyncs at
 * the next newline. Printing the lines (or the tokens) gives back the input byte for byte.
 */
import { deescapeString, lexOne, newLexState, tokenize, type Token, type TokenKind } from './lexer.js';
import { asBuffer, charLength, decodeBytes, decodeRange, intern } from './text.js';

export type DirectiveKind = 'setting' | 'include' | 'include_if_exists' | 'include_dir';

export interface ConfEntry {
  readonly kind: DirectiveKind;
  /** The name exactly as written (bytes decoded for display). */
  readonly name: string;
  /** The value as the server sees it: de-escaped for quoted strings, else the token text. */
  readonly value: string;
  /** The value token's text as written, quotes included. */
  readonly rawValue: string;
  readonly quoted: boolean;
  /** 1-based line number and 1-based columns (in characters). */
  readonly line: number;
  readonly column: number;
  readonly valueColumn: number;
  readonly nameToken: Token;
  readonly valueToken: Token;
  readonly valueTokenKind: TokenKind;
}

export interface SyntaxProblem {
  line: number;
  column: number;
  /** The token the server names, or null for "near end of line". */
  near: string | null;
  /**
   * The line number the server prints. It equals `line` except for an incomplete last line
   * without a final newline, where the server's counter is one behind (it prints line N-1).
   */
  serverLine: number;
}

export interface ParsedLine {
  line: number;
  /** Byte range of the line including its newline, if any. */
  start: number;
  end: number;
  /** The line's tokens, lexed again when asked for (a parsed file keeps only its bytes and line starts). */
  readonly tokens: Token[];
  entry?: ConfEntry;
  error?: SyntaxProblem;
}

export interface ParsedFile {
  bytes: Uint8Array;
  /** Lines, split after each \n; text after the last \n is a line too, so an empty file has none. */
  lineCount: number;
  /** Line n (1-based) is bytes [lineStarts[n - 1], lineStarts[n] ?? bytes.length). */
  lineStarts: ArrayLike<number>;
  /**
   * One object per line, built on first use (writing, reporting a syntax error). What a lint
   * needs is in entries, syntaxErrors and lineStarts, which cost memory per setting, not per line.
   */
  readonly lines: ParsedLine[];
  entries: ConfEntry[];
  syntaxErrors: SyntaxProblem[];
  /** True when the file starts with a UTF-8 byte order mark (the server reads it as part of the first name). */
  hasBom: boolean;
  /** True when the file has CRLF line ends. */
  hasCrlf: boolean;
}

/**
 * A setting line. A million-line file has a million of these, so what can be derived is: the
 * tokens are kept as offsets and built when asked for, the directive kind and `quoted` come from
 * the name and the value's token kind.
 */
class Entry implements ConfEntry {
  constructor(
    readonly name: string,
    readonly value: string,
    readonly rawValue: string,
    readonly line: number,
    readonly column: number,
    readonly valueColumn: number,
    readonly valueTokenKind: TokenKind,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get kind(): DirectiveKind {
    return directiveOf(this.name);
  }

  get quoted(): boolean {
    return this.valueTokenKind === 'string';
  }

  get nameToken(): Token {
    // an ID has no dot; a QUALIFIED_ID has one
    return { kind: this.name.includes('.') ? 'qualified_id' : 'id', start: this.nameStart, end: this.nameEnd };
  }

  get valueToken(): Token {
    return { kind: this.valueTokenKind, start: this.valueStart, end: this.valueEnd };
  }
}

class Line implements ParsedLine {
  entry?: ConfEntry;
  error?: SyntaxProblem;
  constructor(
    private readonly bytes: Uint8Array,
    readonly line: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get tokens(): Token[] {
    return tokenize(this.bytes, this.start, this.end);
  }
}

function isValueKind(kind: TokenKind): boolean {
  return kind === 'id' || kind === 'string' || kind === 'integer' || kind === 'real' || kind === 'unquoted_string';
}

function directiveOf(name: string): DirectiveKind {
  // guc_name_compare: ASCII case-insensitive
  if (name.length < 7 || name.length > 17) return 'setting';
  switch (name.toLowerCase()) {
    case 'include': return 'include';
    case 'include_if_exists': return 'include_if_exists';
    case 'include_dir': return 'include_dir';
    default: return 'setting';
  }
}

const C_NL = 0x0a;
const C_CR = 0x0d;

/**
 * Parse a file in one pass, in time and memory linear in its size. Per line only the first four
 * significant tokens matter (NAME = VALUE, and whatever follows is an error), so the rest of a
 * line is skipped to its newline: no token spans a newline, which is also where the server
 * resumes after a syntax error.
 */
export function parseConf(bytes: Uint8Array): ParsedFile {
  const buf = asBuffer(bytes);
  const size = bytes.length;
  let newlines = 0;
  for (let i = buf.indexOf(C_NL); i >= 0; i = buf.indexOf(C_NL, i + 1)) newlines++;
  const lineCount = newlines + (size > 0 && bytes[size - 1] !== C_NL ? 1 : 0);
  const lineStarts = size < 2 ** 32 ? new Uint32Array(lineCount) : new Float64Array(lineCount);
  const entries: ConfEntry[] = [];
  const syntaxErrors: SyntaxProblem[] = [];
  const state = newLexState();
  // the first four significant tokens of the current line
  const kinds: TokenKind[] = ['error', 'error', 'error', 'error'];
  const starts = [0, 0, 0, 0];
  const ends = [0, 0, 0, 0];
  let hasCrlf = false;
  let lineNo = 0;
  let p = 0;
  while (p < size) {
    const lineStart = p;
    lineStarts[lineNo++] = p;
    let n = 0;
    let endsWithNewline = false;
    while (p < size) {
      const kind = lexOne(bytes, p, state);
      const tokenStart = p;
      p = state.end;
      if (kind === 'newline') {
        endsWithNewline = true;
        break;
      }
      if (kind === 'whitespace' || kind === 'comment') continue;
      kinds[n] = kind;
      starts[n] = tokenStart;
      ends[n] = p;
      if (++n === 4) {
        const nl = buf.indexOf(C_NL, p);
        endsWithNewline = nl >= 0;
        p = nl < 0 ? size : nl + 1;
        break;
      }
    }
    if (endsWithNewline && p - lineStart >= 2 && bytes[p - 2] === C_CR) hasCrlf = true;
    if (n === 0) continue; // blank or comment-only line

    const column = (at: number): number => charLength(buf, lineStart, at) + 1;
    const text = (i: number): string => decodeRange(buf, starts[i]!, ends[i]!);
    /** A syntax error at significant token i, or (i === n) where the line ended and a token was needed. */
    const fail = (i: number): void => {
      syntaxErrors.push(
        i < n
          ? { line: lineNo, column: column(starts[i]!), near: text(i), serverLine: lineNo }
          : {
              line: lineNo,
              column: charLength(buf, lineStart, p - (endsWithNewline ? (bytes[p - 2] === C_CR && p - 2 >= lineStart ? 2 : 1) : 0)) + 1,
              near: null,
              serverLine: endsWithNewline ? lineNo : lineNo - 1,
            },
      );
    };

    const nameKind = kinds[0]!;
    if (nameKind !== 'id' && nameKind !== 'qualified_id') {
      fail(0);
      continue;
    }
    let v = 1;
    if (n > 1 && kinds[1] === 'equals') v = 2;
    if (v >= n || !isValueKind(kinds[v]!)) {
      fail(v);
      continue;
    }
    if (v + 1 < n) {
      fail(v + 1);
      continue;
    }

    const name = intern(text(0));
    const valueKind = kinds[v]!;
    const rawValue = intern(text(v));
    const quoted = valueKind === 'string';
    let value = rawValue;
    if (quoted) {
      const valueBytes = deescapeString(bytes.subarray(starts[v]!, ends[v]!));
      // The server keeps values as C strings: an embedded NUL ends them.
      const nul = valueBytes.indexOf(0);
      value = intern(decodeBytes(nul >= 0 ? valueBytes.subarray(0, nul) : valueBytes));
    }
    entries.push(new Entry(name, value, rawValue, lineNo, column(starts[0]!), column(starts[v]!), valueKind, starts[0]!, ends[0]!, starts[v]!, ends[v]!));
  }

  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let lines: ParsedLine[] | undefined;
  return {
    bytes,
    lineCount,
    lineStarts,
    get lines(): ParsedLine[] {
      return (lines ??= buildLines(bytes, lineStarts, lineCount, entries, syntaxErrors));
    },
    entries,
    syntaxErrors,
    hasBom,
    hasCrlf,
  };
}

function buildLines(bytes: Uint8Array, lineStarts: ArrayLike<number>, lineCount: number, entries: readonly ConfEntry[], errors: readonly SyntaxProblem[]): ParsedLine[] {
  const lines: Line[] = new Array<Line>(lineCount);
  for (let i = 0; i < lineCount; i++) lines[i] = new Line(bytes, i + 1, lineStarts[i]!, i + 1 < lineCount ? lineStarts[i + 1]! : bytes.length);
  for (const e of entries) lines[e.line - 1]!.entry = e;
  for (const e of errors) lines[e.line - 1]!.error = e;
  return lines;
}

/** The 1-based line holding byte offset `at`. */
export function lineAt(file: ParsedFile, at: number): number {
  const starts = file.lineStarts;
  let lo = 0;
  let hi = file.lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Byte range [start, end) of line n (1-based), newline included. */
export function lineRange(file: ParsedFile, n: number): [number, number] {
  return [file.lineStarts[n - 1]!, n < file.lineCount ? file.lineStarts[n]! : file.bytes.length];
}

/** Reassemble a file from its lines: the identity on bytes. */
export function printConf(file: ParsedFile): Uint8Array {
  const out = new Uint8Array(file.bytes.length);
  let offset = 0;
  for (let n = 1; n <= file.lineCount; n++) {
    const [start, end] = lineRange(file, n);
    out.set(file.bytes.subarray(start, end), offset);
    offset += end - start;
  }
  return out.subarray(0, offset);
}

/** Reassemble a file from its tokens, lexed line by line (every byte belongs to one token). */
export function printTokens(file: ParsedFile): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let n = 1; n <= file.lineCount; n++) {
    const [start, end] = lineRange(file, n);
    for (const t of tokenize(file.bytes, start, end)) parts.push(file.bytes.subarray(t.start, t.end));
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
