/**
 * A byte-exact lexer for postgresql.conf, following the token rules of the server's own
 * scanner (src/backend/utils/misc/guc-file.l, identical in 13–18): flex semantics, i.e. the
 * longest match wins and ties go to the rule listed first.
 *
 * Unlike the server, it also returns whitespace, comments and newlines as tokens ("trivia"),
 * so that concatenating every token's bytes reproduces the file exactly.
 */

export type TokenKind =
  | 'newline'
  | 'whitespace'
  | 'comment'
  | 'id'
  | 'qualified_id'
  | 'string'
  | 'unquoted_string'
  | 'integer'
  | 'real'
  | 'equals'
  | 'error';

export interface Token {
  kind: TokenKind;
  /** Byte offsets into the file: [start, end). */
  start: number;
  end: number;
}

const C_NL = 0x0a;
const C_CR = 0x0d;
const C_SPACE = 0x20;
const C_TAB = 0x09;
const C_HASH = 0x23;
const C_QUOTE = 0x27;
const C_BACKSLASH = 0x5c;
const C_DOT = 0x2e;
const C_EQUALS = 0x3d;

/** LETTER: [A-Za-z_\200-\377] */
export function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** UNIT_LETTER: [a-zA-Z] */
function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** LETTER_OR_DIGIT: [A-Za-z_0-9\200-\377] */
function isLetterOrDigit(c: number): boolean {
  return isLetter(c) || isDigit(c);
}

/** Length of an ID at p, or 0. */
function matchId(b: Uint8Array, p: number): number {
  if (p >= b.length || !isLetter(b[p]!)) return 0;
  let q = p + 1;
  while (q < b.length && isLetterOrDigit(b[q]!)) q++;
  return q - p;
}

/** QUALIFIED_ID: {ID}"."{ID} */
function matchQualifiedId(b: Uint8Array, p: number, idLen: number): number {
  if (idLen === 0 || b[p + idLen] !== C_DOT) return 0;
  const second = matchId(b, p + idLen + 1);
  return second === 0 ? 0 : idLen + 1 + second;
}

/** UNQUOTED_STRING: {LETTER}({LETTER_OR_DIGIT}|[-._:/])* */
function matchUnquoted(b: Uint8Array, p: number): number {
  if (p >= b.length || !isLetter(b[p]!)) return 0;
  let q = p + 1;
  while (q < b.length) {
    const c = b[q]!;
    if (isLetterOrDigit(c) || c === 0x2d || c === C_DOT || c === 0x3a || c === 0x2f) q++;
    else break;
  }
  return q - p;
}

/**
 * Where the last failed string match stopped scanning (see matchString); reset for each buffer.
 * One value per lexing run, so the lexer keeps no other state.
 */
export interface LexState {
  /** The end of the token lexOne returned. */
  end: number;
  /** A quote before this offset cannot start a string (see matchString). */
  stringFailsBefore: number;
}

export function newLexState(): LexState {
  return { end: 0, stringFailsBefore: 0 };
}

/**
 * STRING: \'([^'\\\n]|\\.|\'\')*\'  — the longest prefix that is a complete string. A quote
 * can either close the string or start a '' pair, so remember every place it could close.
 *
 * Linear time over a whole line: when no closing quote is found, every quote met on the way was
 * escaped (a quote on the scanned path is always a place the string could close), and a string
 * started at one of them would rescan the same path and fail too. So the failure is remembered up
 * to where the scan stopped: `'\'\'\'…` without an end costs one scan, not one per quote.
 */
function matchString(b: Uint8Array, p: number, state: LexState): number {
  if (b[p] !== C_QUOTE || p < state.stringFailsBefore) return 0;
  let best = 0;
  let q = p + 1;
  while (q < b.length) {
    const c = b[q]!;
    if (c === C_QUOTE) {
      best = q + 1 - p;
      if (b[q + 1] === C_QUOTE) {
        q += 2;
        continue;
      }
      break;
    }
    if (c === C_BACKSLASH) {
      // "\\." : a backslash and any byte but a newline
      if (q + 1 >= b.length || b[q + 1] === C_NL) break;
      q += 2;
      continue;
    }
    if (c === C_NL) break;
    q++;
  }
  if (best === 0) state.stringFailsBefore = q;
  return best;
}

/** INTEGER: {SIGN}?({DIGIT}+|0x{HEXDIGIT}+){UNIT_LETTER}* */
function matchInteger(b: Uint8Array, p: number): number {
  let q = p;
  if (b[q] === 0x2b || b[q] === 0x2d) q++;
  let best = 0;
  // decimal digits, then unit letters
  let d = q;
  while (d < b.length && isDigit(b[d]!)) d++;
  if (d > q) {
    while (d < b.length && isAsciiLetter(b[d]!)) d++;
    best = d - p;
  }
  // 0x + hex digits, then unit letters
  if (b[q] === 0x30 && b[q + 1] === 0x78) {
    let h = q + 2;
    while (h < b.length && isHexDigit(b[h]!)) h++;
    if (h > q + 2) {
      while (h < b.length && isAsciiLetter(b[h]!)) h++;
      best = Math.max(best, h - p);
    }
  }
  return best;
}

/** REAL: {SIGN}?{DIGIT}*"."{DIGIT}*{EXPONENT}?  with EXPONENT: [Ee]{SIGN}?{DIGIT}+ */
function matchReal(b: Uint8Array, p: number): number {
  let q = p;
  if (b[q] === 0x2b || b[q] === 0x2d) q++;
  while (q < b.length && isDigit(b[q]!)) q++;
  if (b[q] !== C_DOT) return 0;
  q++;
  while (q < b.length && isDigit(b[q]!)) q++;
  if (b[q] === 0x65 || b[q] === 0x45) {
    let e = q + 1;
    if (b[e] === 0x2b || b[e] === 0x2d) e++;
    const digitsStart = e;
    while (e < b.length && isDigit(b[e]!)) e++;
    if (e > digitsStart) q = e;
  }
  return q - p;
}

/**
 * The token at p: its kind, and its end in state.end. Every byte belongs to exactly one token; a
 * byte no rule matches is a one-byte 'error' token. No token contains a newline except the
 * newline token itself, so a line can be lexed on its own.
 */
export function lexOne(b: Uint8Array, p: number, state: LexState): TokenKind {
  const c = b[p]!;
  if (c === C_NL) {
    state.end = p + 1;
    return 'newline';
  }
  if (c === C_SPACE || c === C_TAB || c === C_CR) {
    let q = p + 1;
    while (q < b.length && (b[q] === C_SPACE || b[q] === C_TAB || b[q] === C_CR)) q++;
    state.end = q;
    return 'whitespace';
  }
  if (c === C_HASH) {
    const nl = b.indexOf(C_NL, p + 1);
    state.end = nl < 0 ? b.length : nl;
    return 'comment';
  }
  // Candidates in rule order; the first one of the greatest length wins.
  let kind: TokenKind = 'error';
  let len = 0;
  let l = matchId(b, p);
  const id = l;
  if (l > len) {
    kind = 'id';
    len = l;
  }
  l = matchQualifiedId(b, p, id);
  if (l > len) {
    kind = 'qualified_id';
    len = l;
  }
  l = matchString(b, p, state);
  if (l > len) {
    kind = 'string';
    len = l;
  }
  l = matchUnquoted(b, p);
  if (l > len) {
    kind = 'unquoted_string';
    len = l;
  }
  l = matchInteger(b, p);
  if (l > len) {
    kind = 'integer';
    len = l;
  }
  l = matchReal(b, p);
  if (l > len) {
    kind = 'real';
    len = l;
  }
  if (c === C_EQUALS && len < 1) {
    kind = 'equals';
    len = 1;
  }
  state.end = p + Math.max(len, 1);
  return kind;
}

/** Tokenize bytes [from, to) (a whole buffer by default). Every byte belongs to exactly one token. */
export function tokenize(b: Uint8Array, from = 0, to = b.length): Token[] {
  const tokens: Token[] = [];
  const state = newLexState();
  const view = to === b.length ? b : b.subarray(0, to);
  let p = from;
  while (p < to) {
    const kind = lexOne(view, p, state);
    tokens.push({ kind, start: p, end: state.end });
    p = state.end;
  }
  return tokens;
}

/** True for tokens the server's scanner skips. */
export function isTrivia(kind: TokenKind): boolean {
  return kind === 'whitespace' || kind === 'comment';
}

/**
 * De-escape a quoted string token (the server's DeescapeQuotedString): strip the quotes,
 * '' → ', \b \f \n \r \t, \ooo octal (1–3 digits), backslash + anything else → that byte.
 */
export function deescapeString(raw: Uint8Array): Uint8Array {
  // the result is never longer than the string between the quotes
  const out = new Uint8Array(Math.max(0, raw.length - 2));
  let n = 0;
  const end = raw.length - 1;
  for (let i = 1; i < end; i++) {
    const c = raw[i]!;
    if (c === C_BACKSLASH) {
      i++;
      const next = raw[i]!;
      switch (next) {
        case 0x62: out[n++] = 0x08; break; // \b
        case 0x66: out[n++] = 0x0c; break; // \f
        case 0x6e: out[n++] = 0x0a; break; // \n
        case 0x72: out[n++] = 0x0d; break; // \r
        case 0x74: out[n++] = 0x09; break; // \t
        default:
          if (next >= 0x30 && next <= 0x37) {
            let value = next - 0x30;
            let k = 1;
            while (k < 3 && i + 1 < end && raw[i + 1]! >= 0x30 && raw[i + 1]! <= 0x37) {
              i++;
              k++;
              value = value * 8 + (raw[i]! - 0x30);
            }
            out[n++] = value & 0xff;
          } else {
            out[n++] = next;
          }
      }
    } else if (c === C_QUOTE && raw[i + 1] === C_QUOTE) {
      out[n++] = C_QUOTE;
      i++;
    } else {
      out[n++] = c;
    }
  }
  return out.subarray(0, n);
}
