/**
 * pg_hba.conf, read for the security rules (--hba FILE): one record per line, fields separated
 * by whitespace, "double quotes" around fields with spaces or keywords, # comments, and
 * continuation lines ending in a backslash (16+). The address is CIDR, address + netmask, a
 * host name or a keyword (all, samehost, samenet). include directives (16+) are not followed.
 */
import type { HbaFile, HbaLine } from '../engine/types.js';
import { InputError } from '../resolve/load.js';
import { readTextFile, reasonOf } from '../io/read.js';

const CONNECTION_TYPES = new Set(['local', 'host', 'hostssl', 'hostnossl', 'hostgssenc', 'hostnogssenc']);

function fields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length || line[i] === '#') break;
    let f = '';
    while (i < line.length && !/\s/.test(line[i]!) && line[i] !== '#') {
      if (line[i] === '"') {
        const end = line.indexOf('"', i + 1);
        f += line.slice(i + 1, end < 0 ? line.length : end);
        i = end < 0 ? line.length : end + 1;
      } else {
        f += line[i];
        i++;
      }
    }
    out.push(f);
  }
  return out;
}

export function parseHba(text: string, path: string): HbaFile {
  const lines: HbaLine[] = [];
  const raw = text.replace(/\r\n/g, '\n').split('\n');
  for (let n = 0; n < raw.length; n++) {
    const start = n + 1;
    // continuation lines joined once (not one concatenation per line: linear in the record's length)
    let line = raw[n]!;
    if (line.endsWith('\\') && n + 1 < raw.length) {
      const parts = [line.slice(0, -1)];
      while (n + 1 < raw.length) {
        const next = raw[++n]!;
        if (next.endsWith('\\') && n + 1 < raw.length) parts.push(next.slice(0, -1));
        else {
          parts.push(next);
          break;
        }
      }
      line = parts.join('');
    }
    const f = fields(line);
    if (f.length === 0 || !CONNECTION_TYPES.has(f[0]!)) continue;
    const [type, database = '', user = ''] = f;
    if (type === 'local') {
      lines.push({ line: start, type, database, user, address: null, method: f[3] ?? '' });
      continue;
    }
    let address = f[3] ?? '';
    let methodAt = 4;
    // address + separate netmask (e.g. 0.0.0.0 0.0.0.0)
    if (/^[\d.]+$/.test(address) && /^[\d.]+$/.test(f[4] ?? '')) {
      address = `${address} ${f[4]}`;
      methodAt = 5;
    }
    lines.push({ line: start, type: type!, database, user, address, method: f[methodAt] ?? '' });
  }
  return { path, lines };
}

export function readHba(file: string): HbaFile {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    throw new InputError(file, `cannot read ${file}: ${reasonOf(err)}`);
  }
  return parseHba(text, file);
}
