/**
 * The syntax of PostgreSQL's advanced regular expressions (ARE, Henry Spencer's regcomp.c and
 * regc_lex.c), far enough to say whether the server compiles one and, if not, with which of its
 * messages. pg_hba.conf compiles a user or database written as "/regex" when it loads (16+), and
 * a regex it cannot compile stops the server. JavaScript's RegExp disagrees with ARE in both
 * directions (`a{1` and `\k` are JavaScript literals, `(?i)a` is an ARE option), hence this.
 *
 * Not judged (accepted): the `b`, `e`, `q` and `x` embedded options, which change the syntax.
 */

const MESSAGES = {
  EPAREN: 'parentheses () not balanced',
  EBRACK: 'brackets [] not balanced',
  EBRACE: 'braces {} not balanced',
  BADRPT: 'quantifier operand invalid',
  BADBR: 'invalid repetition count(s)',
  ERANGE: 'invalid character range',
  ECTYPE: 'invalid character class',
  EESCAPE: 'invalid escape \\ sequence',
  ESUBREG: 'invalid backreference number',
  BADOPT: 'invalid embedded option',
  ECOLLATE: 'invalid collating element',
} as const;

class ReError extends Error {
  constructor(readonly code: keyof typeof MESSAGES) {
    super(MESSAGES[code]);
  }
}

/** DUPMAX: the largest repetition count. */
const DUPMAX = 255;
const CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'xdigit', 'word']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(c);
const CLASS_ESCAPES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const isAlnum = (c: string | undefined): boolean => c !== undefined && /[0-9A-Za-z]/.test(c);

class Parser {
  p = 0;
  groups = 0;
  constructor(readonly s: string) {}

  peek(k = 0): string | undefined {
    return this.s[this.p + k];
  }

  alternation(depth: number): void {
    for (;;) {
      this.branch(depth);
      if (this.peek() !== '|') return;
      this.p++;
    }
  }

  branch(depth: number): void {
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|') return;
      if (c === ')') {
        if (depth === 0) throw new ReError('EPAREN');
        return;
      }
      const quantifiable = this.atom(depth);
      this.quantifiers(quantifiable);
    }
  }

  /** One atom; false when it is a constraint (which cannot be repeated). */
  atom(depth: number): boolean {
    const c = this.peek()!;
    if (c === '*' || c === '+' || c === '?') throw new ReError('BADRPT');
    if (c === '{') {
      this.p++;
      if (isDigit(this.peek())) throw new ReError('BADRPT');
      return true; // a plain "{"
    }
    if (c === '^' || c === '$') {
      this.p++;
      return false;
    }
    if (c === '(') return this.group(depth);
    if (c === '[') {
      this.bracket();
      return true;
    }
    if (c === '\\') return this.escape(false);
    this.p++;
    return true;
  }

  group(depth: number): boolean {
    this.p++;
    let capturing = true;
    let constraint = false;
    if (this.peek() === '?') {
      const kind = this.s.slice(this.p, this.p + 3);
      if (kind.startsWith('?:')) this.p += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        this.p += 2;
        constraint = true;
      } else if (kind === '?<=' || kind === '?<!') {
        this.p += 3;
        constraint = true;
      } else throw new ReError('BADRPT');
      capturing = false;
    }
    if (capturing) this.groups++;
    this.alternation(depth + 1);
    if (this.peek() !== ')') throw new ReError('EPAREN');
    this.p++;
    return !constraint;
  }

  quantifiers(quantifiable: boolean): void {
    let count = 0;
    for (;;) {
      const c = this.peek();
      const bound = c === '{' && isDigit(this.peek(1));
      if (c !== '*' && c !== '+' && c !== '?' && !bound) return;
      if (!quantifiable || count > 0) throw new ReError('BADRPT');
      count++;
      if (bound) this.bound();
      else this.p++;
      if (this.peek() === '?') this.p++; // non-greedy
    }
  }

  bound(): void {
    this.p++; // {
    const number = (): number => {
      let n = 0;
      while (isDigit(this.peek())) n = n * 10 + Number(this.s[this.p++]);
      return n;
    };
    const m = number();
    let n = m;
    if (this.peek() === ',') {
      this.p++;
      n = isDigit(this.peek()) ? number() : DUPMAX;
    }
    if (this.peek() !== '}') throw new ReError(this.peek() === undefined ? 'EBRACE' : 'BADBR');
    this.p++;
    if (m > DUPMAX || n > DUPMAX || m > n) throw new ReError('BADBR');
  }

  /** An escape; in brackets only character and class escapes. Returns false for a constraint escape. */
  escape(inBracket: boolean): boolean {
    this.p++; // backslash
    const c = this.peek();
    if (c === undefined) throw new ReError('EESCAPE');
    this.p++;
    if (!isAlnum(c)) return true;
    const hexRun = (min: number, max: number): void => {
      let k = 0;
      while (k < max && isHex(this.peek())) {
        this.p++;
        k++;
      }
      if (k < min) throw new ReError('EESCAPE');
    };
    switch (c) {
      case 'a': case 'b': case 'e': case 'f': case 'n': case 'r': case 't': case 'v':
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        return true;
      case 'B':
        return true;
      case 'c':
        if (this.peek() === undefined) throw new ReError('EESCAPE');
        this.p++;
        return true;
      case 'u':
        hexRun(4, 4);
        return true;
      case 'U':
        hexRun(8, 8);
        return true;
      case 'x':
        hexRun(1, 8);
        return true;
      case 'A': case 'Z': case 'm': case 'M': case 'y': case 'Y':
        if (inBracket) throw new ReError('EESCAPE');
        return false;
      case '0':
        while (this.peek() !== undefined && /[0-7]/.test(this.peek()!)) this.p++;
        return true;
      default:
        if (isDigit(c)) {
          if (inBracket) throw new ReError('EESCAPE');
          let n = Number(c);
          while (isDigit(this.peek()) && n * 10 + Number(this.peek()) <= this.groups) n = n * 10 + Number(this.s[this.p++]);
          if (n > this.groups) throw new ReError('ESUBREG');
          return true;
        }
        throw new ReError('EESCAPE');
    }
  }

  bracket(): void {
    this.p++; // [
    if (this.peek() === '^') this.p++;
    let first = true;
    /** The previous endpoint's code point, for ranges; null when it cannot start a range. */
    let prev: number | null = null;
    /** The previous item was a class escape (\d, \w, …), which cannot start a range. */
    let prevClass = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new ReError('EBRACK');
      if (c === ']' && !first) {
        this.p++;
        return;
      }
      first = false;
      if (c === '[' && (this.peek(1) === ':' || this.peek(1) === '.' || this.peek(1) === '=')) {
        const kind = this.peek(1)!;
        const end = this.s.indexOf(`${kind}]`, this.p + 2);
        if (end < 0) throw new ReError('EBRACK');
        const name = this.s.slice(this.p + 2, end);
        this.p = end + 2;
        if (kind === ':' && !CLASSES.has(name)) throw new ReError('ECTYPE');
        if (kind === '.' && [...name].length !== 1) throw new ReError('ECOLLATE');
        prev = kind === '.' ? name.codePointAt(0)! : null;
        prevClass = false;
        continue;
      }
      if (c === '-' && prevClass && this.peek(1) !== ']' && this.peek(1) !== undefined) throw new ReError('ERANGE');
      if (c === '-' && prev !== null && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.p++;
        let end: number;
        if (this.peek() === '\\') {
          const at = this.p;
          this.escape(true);
          if (CLASS_ESCAPES.has(this.s[at + 1]!)) throw new ReError('ERANGE');
          end = this.s.codePointAt(at + 1)!;
        } else if (this.peek() === '[' && this.peek(1) === '.') {
          const close = this.s.indexOf('.]', this.p + 2);
          if (close < 0) throw new ReError('EBRACK');
          end = this.s.codePointAt(this.p + 2)!;
          this.p = close + 2;
        } else {
          end = this.s.codePointAt(this.p)!;
          this.p += String.fromCodePoint(end).length;
        }
        if (end < prev) throw new ReError('ERANGE');
        prev = null;
        prevClass = false;
        continue;
      }
      if (c === '\\') {
        const at = this.p;
        this.escape(true);
        prev = isAlnum(this.s[at + 1]) ? null : this.s.codePointAt(at + 1)!;
        prevClass = CLASS_ESCAPES.has(this.s[at + 1]!);
        continue;
      }
      const cp = this.s.codePointAt(this.p)!;
      this.p += String.fromCodePoint(cp).length;
      prev = cp;
      prevClass = false;
    }
  }
}

/** Null when PostgreSQL compiles the ARE, else its error message ("parentheses () not balanced"). */
export function areProblem(source: string): string | null {
  let s = source;
  if (s.startsWith('***=')) return null; // the rest is a literal
  if (s.startsWith('***:')) s = s.slice(4);
  // embedded options, only at the very start: "(?" letters ")"
  if (/^\(\?[a-zA-Z]+(?!\)|[a-zA-Z])/.test(s)) return MESSAGES.BADOPT;
  const options = /^\(\?([a-zA-Z]*)\)/.exec(s);
  if (options) {
    if (!/^[bceimnpqstwx]*$/.test(options[1]!)) return MESSAGES.BADOPT;
    if (/[beqx]/.test(options[1]!)) return null; // other syntaxes: not judged
    s = s.slice(options[0].length);
  }
  try {
    const parser = new Parser(s);
    parser.alternation(0);
    if (parser.p < s.length) throw new ReError('EPAREN');
    return null;
  } catch (e) {
    if (e instanceof ReError) return e.message;
    throw e;
  }
}
