/**
 * Numeric host addresses as the server reads them in pg_hba.conf: getaddrinfo() with
 * AI_NUMERICHOST and AF_UNSPEC (glibc), which tries inet_aton (whole string) first and then
 * inet_pton for IPv6. A string that is neither is a host name to the server (EAI_NONAME), not an
 * error: `300.0.0.0` is a host name, `10.1` is 10.0.0.1, `0x0a.0.0.1` and `010.0.0.1` are
 * hexadecimal and octal (verified on 13–18).
 */

export type Inet = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

/** glibc inet_aton, as __inet_aton_exact: 1–4 parts, each decimal, 0x-hex or 0-octal; the whole string. */
export function parseIPv4(s: string): number[] | null {
  const parts: number[] = [];
  let i = 0;
  for (;;) {
    if (!/[0-9]/.test(s[i] ?? '')) return null;
    let base = 10;
    let val = 0;
    let digit = false;
    if (s[i] === '0') {
      i++;
      if (s[i] === 'x' || s[i] === 'X') {
        base = 16;
        i++;
      } else {
        base = 8;
        digit = true;
      }
    }
    for (;;) {
      const c = s[i] ?? '';
      if (/[0-9]/.test(c)) {
        if (base === 8 && (c === '8' || c === '9')) return null;
        val = val * base + Number(c);
      } else if (base === 16 && /[0-9a-fA-F]/.test(c)) {
        val = val * 16 + parseInt(c, 16);
      } else break;
      if (val > 0xffffffff) return null;
      digit = true;
      i++;
    }
    if (s[i] === '.') {
      if (parts.length >= 3) return null;
      parts.push(val);
      i++;
      continue;
    }
    if (i !== s.length) return null;
    if (!digit) return null; // a last part of "0x" with no hex digit
    parts.push(val);
    break;
  }
  const limits = [[0xffffffff], [0xff, 0xffffff], [0xff, 0xff, 0xffff], [0xff, 0xff, 0xff, 0xff]][parts.length - 1]!;
  if (parts.some((p, k) => p > limits[k]!)) return null;
  const last = parts[parts.length - 1]!;
  const head = parts.slice(0, -1);
  const tailBytes = 4 - head.length;
  const tail: number[] = [];
  for (let k = tailBytes - 1; k >= 0; k--) tail.push(Math.floor(last / 256 ** k) % 256);
  return [...head, ...tail];
}

/** glibc inet_pton4: exactly four decimal octets, no leading zeros. */
function parseDottedQuad(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

/** glibc inet_pton6 (RFC 4291 text forms, an IPv4 dotted quad at the end). */
export function parseIPv6(s: string): number[] | null {
  if (s.length === 0) return null;
  let i = 0;
  if (s[0] === ':') {
    if (s[1] !== ':') return null;
    i = 1;
  }
  const words: number[] = [];
  let gap = -1;
  let groupStart = i;
  let digits = 0;
  let val = 0;
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9a-fA-F]/.test(c)) {
      if (++digits > 4) return null;
      val = val * 16 + parseInt(c, 16);
      continue;
    }
    if (c === ':') {
      groupStart = i + 1;
      if (digits === 0) {
        if (gap >= 0) return null;
        gap = words.length;
        continue;
      }
      if (i + 1 >= s.length) return null;
      if (words.length >= 8) return null;
      words.push(val);
      digits = 0;
      val = 0;
      continue;
    }
    if (c === '.' && words.length <= 6) {
      const quad = parseDottedQuad(s.slice(groupStart));
      if (!quad) return null;
      words.push(quad[0]! * 256 + quad[1]!, quad[2]! * 256 + quad[3]!);
      digits = 0;
      i = s.length;
      break;
    }
    return null;
  }
  if (digits > 0) {
    if (words.length >= 8) return null;
    words.push(val);
  }
  if (gap >= 0) {
    if (words.length >= 8) return null;
    const fill = new Array<number>(8 - words.length).fill(0);
    words.splice(gap, 0, ...fill);
  }
  if (words.length !== 8) return null;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

export type NumericHost = { kind: 'ip'; inet: Inet } | { kind: 'name' } | { kind: 'scope'; scope: string };

/**
 * What getaddrinfo(AI_NUMERICHOST) makes of a string: an address, a name (EAI_NONAME), or an
 * IPv6 address with a non-numeric zone ("fe80::1%eth0"), which is an address only when the
 * server host has that interface.
 */
export function numericHost(s: string): NumericHost {
  const v4 = parseIPv4(s);
  if (v4) return { kind: 'ip', inet: { family: 4, bytes: v4 } };
  const pct = s.indexOf('%');
  const addr = pct >= 0 ? s.slice(0, pct) : s;
  const v6 = parseIPv6(addr);
  if (!v6) return { kind: 'name' };
  if (pct >= 0) {
    const scope = s.slice(pct + 1);
    // a numeric zone is taken as is; an interface name must exist on the host
    if (!/^[0-9]+$/.test(scope) || Number(scope) > 0xffffffff) return { kind: 'scope', scope };
  }
  return { kind: 'ip', inet: { family: 6, bytes: v6 } };
}

/** The mask bytes of a CIDR prefix length. */
export function prefixMask(family: 4 | 6, bits: number): number[] {
  const n = family === 4 ? 4 : 16;
  return Array.from({ length: n }, (_, k) => {
    const b = Math.max(0, Math.min(8, bits - k * 8));
    return (0xff << (8 - b)) & 0xff;
  });
}

/** The prefix length of a contiguous mask, else null. */
export function maskBits(mask: readonly number[]): number | null {
  let bits = 0;
  let ended = false;
  for (const byte of mask) {
    for (let k = 7; k >= 0; k--) {
      const one = (byte >> k) & 1;
      if (one && ended) return null;
      if (one) bits++;
      else ended = true;
    }
  }
  return bits;
}

/** C strtol(s, &end, 10) with "*end must be the end": pg_sockaddr_cidr_mask's reading of "/N". */
export function cidrBits(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(s);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '-' ? -n : n;
}
