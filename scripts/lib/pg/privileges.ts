/**
 * Who the server binaries run as, and with what environment. PostgreSQL refuses to run as root:
 * when this process is root, every server binary is spawned as an unprivileged user (`nobody`, or
 * `$PGVET_TEST_USER`), and everything the server touches is chowned to that user. The caller's
 * environment never leaks in: children get PATH, LC_ALL=C, LANG=C and TZ=UTC, and no PG* variables.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

let serverUserCache: ServerUser | null | undefined;

/**
 * The user server binaries run as: null when this process is not root (they run as ourselves),
 * else `$PGVET_TEST_USER` or `nobody` (uid/gid looked up with `id`, 65534 if that fails).
 */
export function serverUser(): ServerUser | null {
  if (serverUserCache !== undefined) return serverUserCache;
  if (process.getuid?.() !== 0) {
    serverUserCache = null;
    return null;
  }
  const name = process.env['PGVET_TEST_USER'] || 'nobody';
  const lookup = (flag: '-u' | '-g'): number | undefined => {
    try {
      const n = Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
      return Number.isInteger(n) ? n : undefined;
    } catch {
      return undefined;
    }
  };
  const uid = lookup('-u');
  const gid = lookup('-g');
  if ((uid === undefined || gid === undefined) && process.env['PGVET_TEST_USER']) {
    throw new Error(`PGVET_TEST_USER=${name}: no such user (id -u/-g failed)`);
  }
  serverUserCache = { name, uid: uid ?? 65534, gid: gid ?? 65534 };
  return serverUserCache;
}

/** Hand a path to the server user (no-op when not root). */
export function chownForServer(p: string): void {
  const user = serverUser();
  if (user) fs.chownSync(p, user.uid, user.gid);
}

/** Hand a whole tree to the server user (no-op when not root); symbolic links themselves, not their targets. */
export function chownTreeForServer(p: string): void {
  const user = serverUser();
  if (!user) return;
  const st = fs.lstatSync(p);
  fs.lchownSync(p, user.uid, user.gid);
  if (st.isDirectory()) {
    for (const entry of fs.readdirSync(p)) chownTreeForServer(path.join(p, entry));
  }
}

/**
 * The environment every server binary gets: nothing from ours except PATH, so no PGDATA,
 * PGPORT, PGTZ, LANG, LC_* … can change a verdict.
 */
export function serverEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LC_ALL: 'C',
    LANG: 'C',
    TZ: 'UTC',
  };
  for (const [k, v] of Object.entries(extra ?? {})) env[k] = v;
  return env;
}

/** Spawn options that drop privileges when we are root. */
export function identity(): { uid?: number; gid?: number } {
  const user = serverUser();
  return user ? { uid: user.uid, gid: user.gid } : {};
}
