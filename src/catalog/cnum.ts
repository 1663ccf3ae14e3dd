/**
 * Emulation of the C library number parsers the server uses on configuration values
 * (glibc strtol with base 0, strtod, isspace), so that pgvet reads `0100`, `0x1F`, `1e4`,
 * ` 64`, `0x1p3` or `infinity` exactly as PostgreSQL does.
 */

/** C isspace() in the C locale: space, \t \n \v \f \r. */
export function isCSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

export interface CParse {
  value: number;
  /** Index of the first character not consumed (=== start when nothing was converted). */
  end: number;
  /** errno == ERANGE */
  range: boolean;
}

function digitValue(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

const LONG_MAX = 2n ** 63n - 1n;

/** strtol(s, &end, 0) on a 64-bit platform. */
export function strtol(s: string): CParse {
  let i = 0;
  while (isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') {
    negative = s[i] === '-';
    i++;
  }
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && s[i + 2] !== undefined && digitValue(s[i + 2]!) < 16) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') {
    base = 8;
  }
  const digitsStart = i;
  // Fast path: plain decimal numbers that fit a double exactly (nearly every value in a config)
  if (base === 10) {
    let j = i;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > i && j - i <= 15) {
      const v = Number(s.slice(i, j));
      return { value: negative ? -v : v, end: j, range: false };
    }
  }
  // Like glibc, consume every digit but stop accumulating once past LONG_MAX + 1 (ERANGE): a
  // million digits cost a million steps, not a million BigInt multiplications of growing size.
  let acc = 0n;
  let overflow = false;
  const big = BigInt(base);
  while (i < s.length && digitValue(s[i]!) < base) {
    if (!overflow) {
      acc = acc * big + BigInt(digitValue(s[i]!));
      if (acc > LONG_MAX + 1n) overflow = true;
    }
    i++;
  }
  if (i === digitsStart) return { value: 0, end: 0, range: false };
  if (overflow || (!negative && acc > LONG_MAX) || (negative && acc > LONG_MAX + 1n)) {
    return { value: negative ? -Number(LONG_MAX) - 1 : Number(LONG_MAX), end: i, range: true };
  }
  return { value: Number(negative ? -acc : acc), end: i, range: false };
}

const DBL_MIN = 2.2250738585072014e-308;

/** strtod(s, &end) as glibc does it: decimal and hexadecimal floats, inf/infinity, nan, nan(...). */
export function strtod(s: string): CParse {
  let i = 0;
  while (isCSpace(s[i])) i++;
  let sign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  const rest = s.slice(i).toLowerCase();
  if (rest.startsWith('infinity')) return { value: sign * Infinity, end: i + 8, range: false };
  if (rest.startsWith('inf')) return { value: sign * Infinity, end: i + 3, range: false };
  if (rest.startsWith('nan')) {
    let end = i + 3;
    const m = /^\(([0-9A-Za-z_]*)\)/.exec(s.slice(end));
    if (m) end += m[0].length;
    return { value: NaN, end, range: false };
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?/.exec(s.slice(i));
    const intPart = hex?.[1] ?? '';
    const fracPart = hex?.[2] ?? '';
    if (hex && (intPart.length > 0 || fracPart.length > 0)) {
      let end = i + hex[0].length;
      let mantissa = 0;
      for (const ch of intPart) mantissa = mantissa * 16 + digitValue(ch);
      let scale = 1;
      for (const ch of fracPart) {
        scale /= 16;
        mantissa += digitValue(ch) * scale;
      }
      let exp = 0;
      const e = /^[pP]([+-]?\d+)/.exec(s.slice(end));
      if (e) {
        exp = Number(e[1]);
        end += e[0].length;
      }
      const value = sign * mantissa * Math.pow(2, exp);
      return finish(value, mantissa !== 0, end);
    }
    // "0x" without hex digits: the "0" is the number
    return { value: 0, end: i + 1, range: false };
  }
  const dec = /^(\d*)(?:\.(\d*))?/.exec(s.slice(i));
  const intDigits = dec?.[1] ?? '';
  const fracDigits = dec?.[2] ?? '';
  if (!dec || (intDigits.length === 0 && fracDigits.length === 0)) return { value: 0, end: 0, range: false };
  let end = i + dec[0].length;
  const e = /^[eE][+-]?\d+/.exec(s.slice(end));
  if (e) end += e[0].length;
  const value = sign * Number(`${intDigits || '0'}.${fracDigits || '0'}${e ? e[0] : ''}`);
  const nonzero = /[1-9]/.test(intDigits + fracDigits);
  return finish(value, nonzero, end);
}

function finish(value: number, nonzeroMantissa: boolean, end: number): CParse {
  if (!Number.isFinite(value)) return { value, end, range: true };
  // glibc reports ERANGE on underflow to zero or to a subnormal result
  if (nonzeroMantissa && (value === 0 || Math.abs(value) < DBL_MIN)) return { value, end, range: true };
  return { value, end, range: false };
}

/** C rint() in the default rounding mode: round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** printf("%g") */
export function formatG(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential(5).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const en = Number(e);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  const fixed = x.toFixed(Math.max(0, 5 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}
