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
import { deescapeString, isTrivia, tokenize, type Token, type TokenKind } from './lexer.js';
import { decodeBytes } from './text.js';

export type DirectiveKind = 'setting' | 'include' | 'include_if_exists' | 'include_dir';

export interface ConfEntry {
  kind: DirectiveKind;
  /** The name exactly as written (bytes decoded for display). */
  name: string;
  /** The value as the server sees it: de-escaped for quoted strings, else the token text. */
  value: string;
  /** The value token's text as written, quotes included. */
  rawValue: string;
  quoted: boolean;
  /** 1-based line number and 1-based columns (in characters). */
  line: number;
  column: number;
  valueColumn: number;
  nameToken: Token;
  valueToken: Token;
  valueTokenKind: TokenKind;
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
  tokens: Token[];
  entry?: ConfEntry;
  error?: SyntaxProblem;
}

export interface ParsedFile {
  bytes: Uint8Array;
  lines: ParsedLine[];
  entries: ConfEntry[];
  syntaxErrors: SyntaxProblem[];
  /** True when the file starts with a UTF-8 byte order mark (the server reads it as part of the first name). */
  hasBom: boolean;
  /** True when the file has CRLF line ends. */
  hasCrlf: boolean;
}

const VALUE_KINDS: ReadonlySet<TokenKind> = new Set(['id', 'string', 'integer', 'real', 'unquoted_string']);

function directiveOf(name: string): DirectiveKind {
  // guc_name_compare: ASCII case-insensitive
  switch (name.toLowerCase()) {
    case 'include': return 'include';
    case 'include_if_exists': return 'include_if_exists';
    case 'include_dir': return 'include_dir';
    default: return 'setting';
  }
}

/** Split the token stream into lines; the newline token ends (and belongs to) its line. */
function splitLines(tokens: Token[], size: number): Array<{ start: number; end: number; tokens: Token[] }> {
  const lines: Array<{ start: number; end: number; tokens: Token[] }> = [];
  let current: Token[] = [];
  let start = 0;
  for (const t of tokens) {
    current.push(t);
    if (t.kind === 'newline') {
      lines.push({ start, end: t.end, tokens: current });
      current = [];
      start = t.end;
    }
  }
  if (current.length > 0 || start < size) lines.push({ start, end: size, tokens: current });
  return lines;
}

export function parseConf(bytes: Uint8Array): ParsedFile {
  const tokens = tokenize(bytes);
  const rawLines = splitLines(tokens, bytes.length);
  const text = (t: Token): string => decodeBytes(bytes.subarray(t.start, t.end));
  const lines: ParsedLine[] = [];
  const entries: ConfEntry[] = [];
  const syntaxErrors: SyntaxProblem[] = [];

  rawLines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line: ParsedLine = { line: lineNo, start: raw.start, end: raw.end, tokens: raw.tokens };
    lines.push(line);
    const sig = raw.tokens.filter((t) => !isTrivia(t.kind));
    const endsWithNewline = sig.length > 0 && sig[sig.length - 1]!.kind === 'newline';
    const significant = endsWithNewline ? sig.slice(0, -1) : sig;
    if (significant.length === 0) return; // blank or comment-only line

    const column = (t: Token): number => decodeBytes(bytes.subarray(raw.start, t.start)).length + 1;
    const fail = (at: Token | undefined): void => {
      // at === undefined: the line ended (newline or end of file) where a token was needed
      const problem: SyntaxProblem = at
        ? { line: lineNo, column: column(at), near: text(at), serverLine: lineNo }
        : {
            line: lineNo,
            column: decodeBytes(bytes.subarray(raw.start, raw.end)).replace(/\r?\n$/, '').length + 1,
            near: null,
            serverLine: endsWithNewline ? lineNo : lineNo - 1,
          };
      line.error = problem;
      syntaxErrors.push(problem);
    };

    const [nameTok, second, third, fourth] = significant;
    if (!nameTok || (nameTok.kind !== 'id' && nameTok.kind !== 'qualified_id')) return fail(nameTok);
    let valueTok = second;
    let rest = 2;
    if (valueTok?.kind === 'equals') {
      valueTok = third;
      rest = 3;
    }
    if (!valueTok || !VALUE_KINDS.has(valueTok.kind)) return fail(valueTok);
    const extra = rest === 3 ? fourth : third;
    if (extra) return fail(extra);

    const name = text(nameTok);
    const rawValue = text(valueTok);
    const quoted = valueTok.kind === 'string';
    const valueBytes = quoted ? deescapeString(bytes.subarray(valueTok.start, valueTok.end)) : bytes.subarray(valueTok.start, valueTok.end);
    // The server keeps values as C strings: an embedded NUL ends them.
    const nul = valueBytes.indexOf(0);
    const value = decodeBytes(nul >= 0 ? valueBytes.subarray(0, nul) : valueBytes);
    const entry: ConfEntry = {
      kind: directiveOf(name),
      name,
      value,
      rawValue,
      quoted,
      line: lineNo,
      column: column(nameTok),
      valueColumn: column(valueTok),
      nameToken: nameTok,
      valueToken: valueTok,
      valueTokenKind: valueTok.kind,
    };
    line.entry = entry;
    entries.push(entry);
  });

  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const hasCrlf = rawLines.some((l) => l.end - l.start >= 2 && bytes[l.end - 1] === 0x0a && bytes[l.end - 2] === 0x0d);
  return { bytes, lines, entries, syntaxErrors, hasBom, hasCrlf };
}

/** Reassemble a file from its lines: the identity on bytes. */
export function printConf(file: ParsedFile): Uint8Array {
  const parts = file.lines.map((l) => file.bytes.subarray(l.start, l.end));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Reassemble a file from its tokens (every byte belongs to one token). */
export function printTokens(file: ParsedFile): Uint8Array {
  const parts = file.lines.flatMap((l) => l.tokens.map((t) => file.bytes.subarray(t.start, t.end)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
