/**
 * Where the command line reads and writes: standard output, standard error, standard input, and
 * whether they are terminals. Every command writes through here, never to process.stdout itself,
 * so that one place decides:
 * - `--output FILE`: the report is collected and written to FILE whole (output.ts);
 * - a closed pipe (`pgvet lint … | head -1`, EPIPE) ends the output quietly (guardProcessStreams);
 * - colour: flag, then FORCE_COLOR, then NO_COLOR, then "is it a terminal" (useColor);
 * - in-process runs (tests) capture all of it (withStdio).
 */
import fs from 'node:fs';
import { printable } from '../report/escape.js';
import { readStdinConfig } from '../resolve/load.js';

export interface Stdio {
  /** Standard output (a report: text or bytes). */
  write(chunk: string | Uint8Array): void;
  /** Standard error (messages). */
  error(text: string): void;
  /** All of standard input. */
  readStdin(): Uint8Array;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

let stdoutClosed = false;
let stderrGuarded = false;

/** The process's own streams. */
export const processStdio: Stdio = {
  write(chunk) {
    if (!stdoutClosed) process.stdout.write(chunk);
  },
  error(text) {
    // guarded on first use: creating process.stderr costs start-up time a clean run never needs
    if (!stderrGuarded) {
      stderrGuarded = true;
      process.stderr.on('error', () => undefined);
    }
    process.stderr.write(text);
  },
  // bounded (--max-file-size), and a one-line error naming <stdin> when it cannot be read
  readStdin: () => readStdinConfig(),
  get stdoutIsTTY() {
    return Boolean(process.stdout.isTTY);
  },
  get stdinIsTTY() {
    return Boolean(process.stdin.isTTY);
  },
  get env() {
    return process.env;
  },
};

let current: Stdio = processStdio;

export function stdio(): Stdio {
  return current;
}

/** Run `fn` with `io` as the streams (restored afterwards, also on failure). */
export async function withStdio<T>(io: Stdio, fn: () => Promise<T>): Promise<T> {
  const before = current;
  current = io;
  try {
    return await fn();
  } finally {
    current = before;
  }
}

/** Write to standard output (or --output). */
export function out(chunk: string | Uint8Array): void {
  current.write(chunk);
}

/** One message line on standard error: `pgvet: …`, with anything from outside shown escaped. */
export function complain(message: string): void {
  current.error(`pgvet: ${printable(message)}\n`);
}

/**
 * Colour for text output. `--color`/`--no-color` decide when given. Otherwise FORCE_COLOR, as
 * Node documents it: "1", "true", "2", "3" or empty force colour (and NO_COLOR is then
 * ignored), any other value turns it off. Otherwise NO_COLOR (no-color.org: present and not
 * empty) turns it off. Otherwise colour when standard output is a terminal and TERM is not dumb.
 */
export function useColor(explicit?: boolean): boolean {
  if (explicit !== undefined) return explicit;
  const env = current.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return current.stdoutIsTTY && env.TERM !== 'dumb';
}

/**
 * The process's streams, guarded: when the reader of standard output goes away (EPIPE, `| head`),
 * the rest of the output is dropped and the run ends with its own exit code, no stack; any other
 * write error (a full disk behind `> file`) is one line and exit 2. Standard error is guarded
 * when first written (processStdio.error).
 */
export function guardProcessStreams(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (stdoutClosed) return;
    stdoutClosed = true;
    if (err.code === 'EPIPE') return;
    processStdio.error(`pgvet: cannot write to standard output: ${err.code ?? err.message}\n`);
    process.exitCode = 2;
  });
}
