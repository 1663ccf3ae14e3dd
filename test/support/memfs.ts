/** An in-memory FileReader for cases: files under /case/, directories implied by paths. */
import path from 'node:path';
import type { FileReader } from '../../src/resolve/load.js';

export const CASE_ROOT = '/case';

export function memoryReader(files: Record<string, string | Uint8Array>): FileReader {
  const map = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    map.set(path.resolve(CASE_ROOT, name), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const isDir = (p: string): boolean => [...map.keys()].some((k) => k.startsWith(p.endsWith('/') ? p : `${p}/`));
  return {
    readFile(p) {
      const bytes = map.get(p);
      if (!bytes) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return bytes;
    },
    readDir(p) {
      const prefix = p.endsWith('/') ? p : `${p}/`;
      const names = new Set<string>();
      for (const k of map.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    kind(p) {
      if (map.has(p)) return 'file';
      return isDir(p) ? 'dir' : null;
    },
  };
}
