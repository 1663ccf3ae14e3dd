/**
 * The CLI tests' support kit, one of each: run the built CLI in a child process, scratch
 * directories (made and removed), files written into them, and the project's JSON schemas
 * compiled by ajv.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../../src/paths.js';

const require = createRequire(import.meta.url);

/** The installed entry point (two lines: it loads dist/pgvet.cjs). */
export const BIN = path.join(PACKAGE_ROOT, 'bin', 'pgvet.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without FORCE_COLOR (Jest sets it at a terminal), with NO_COLOR, plus `env`. */
export function plainEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR')), NO_COLOR: '1', ...env };
}

/** `pgvet ARGS` in a child process (cwd, env and the rest as spawnSync takes them). */
export function spawnPgvet(args: readonly string[], options: SpawnSyncOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: plainEnv(), maxBuffer: 1 << 28, ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A scratch directory: made now, removed after the file's tests (call at the top level or in a describe). */
export function scratchDir(prefix: string): { path: () => string; write: (name: string, content: string | Buffer) => string } {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `pgvet-${prefix}-`));
    fs.chmodSync(dir, 0o755);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    path: () => dir,
    write: (name, content) => {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
  };
}

/** A validator for one of the project's schemas (src/report/schemas/NAME.schema.json), strict. */
export function schemaValidator(name: 'lint' | 'simulate' | 'tune' | 'plan'): ValidateFunction {
  const Ajv = require('ajv') as typeof import('ajv').default;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'src', 'report', 'schemas', `${name}.schema.json`), 'utf8')) as object);
}
