/**
 * Command lines as compose and a POSIX shell split them (quotes, backslashes, line
 * continuations), keeping where each word came from, and the postmaster's own options in them
 * (postgres --help: -c NAME=VALUE, --NAME=VALUE, -B, -N, -F, -p, -S, -h, -k, -l, -i).
 */

export interface Word {
  text: string;
  /** Offsets in the command string: the word's first character, and for each character of `text` its offset. */
  start: number;
  offsets: number[];
}

/** Split like a POSIX shell (no expansion): '…' literal, "…" with \" \\ \$ \` escapes, \x outside quotes, \<newline> joins. */
export function shellWords(s: string, base = 0): Word[] {
  const words: Word[] = [];
  let cur: Word | null = null;
  const add = (ch: string, at: number): void => {
    cur ??= { text: '', start: base + at, offsets: [] };
    cur.text += ch;
    cur.offsets.push(base + at);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (cur) words.push(cur);
      cur = null;
      i++;
    } else if (c === '\\') {
      if (s[i + 1] === '\n') i += 2;
      else if (s[i + 1] === '\r' && s[i + 2] === '\n') i += 3;
      else {
        if (i + 1 < s.length) add(s[i + 1]!, i + 1);
        i += 2;
      }
    } else if (c === "'") {
      cur ??= { text: '', start: base + i, offsets: [] };
      i++;
      while (i < s.length && s[i] !== "'") add(s[i]!, i++);
      i++;
    } else if (c === '"') {
      cur ??= { text: '', start: base + i, offsets: [] };
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && /["\\$`\n]/.test(s[i + 1] ?? '')) {
          if (s[i + 1] !== '\n') add(s[i + 1]!, i + 1);
          i += 2;
        } else add(s[i]!, i++);
      }
      i++;
    } else if (c === '#' && !cur) {
      while (i < s.length && s[i] !== '\n') i++;
    } else add(c, i++);
  }
  if (cur) words.push(cur);
  return words;
}

export interface PgArg {
  name: string;
  value: string;
  /** Offsets (in the command string) of the name's and the value's first character. */
  nameAt: number;
  valueAt: number;
  /** As written: "-c max_connections=200", "-N 200". */
  written: string;
}

/** postgres' single-letter options that set a parameter (postmaster.c, postgres --help). */
const SHORT: Record<string, { name: string; value?: string }> = {
  B: { name: 'shared_buffers' },
  N: { name: 'max_connections' },
  p: { name: 'port' },
  S: { name: 'work_mem' },
  h: { name: 'listen_addresses' },
  k: { name: 'unix_socket_directories' },
  d: { name: 'log_min_messages' },
  F: { name: 'fsync', value: 'off' },
  l: { name: 'ssl', value: 'on' },
  i: { name: 'listen_addresses', value: '*' },
};

/**
 * The parameters a postgres command line sets. `words` start after the program name. Returns the
 * settings and what could not be read.
 */
export function postgresArgs(words: Word[]): { args: PgArg[]; problems: Array<{ message: string; at: number }> } {
  const args: PgArg[] = [];
  const problems: Array<{ message: string; at: number }> = [];
  const pair = (text: string, offsets: number[], written: string): void => {
    const eq = text.indexOf('=');
    if (eq <= 0) {
      problems.push({ message: `"${written}" has no name=value`, at: offsets[0] ?? 0 });
      return;
    }
    args.push({ name: text.slice(0, eq).replace(/-/g, '_'), value: text.slice(eq + 1), nameAt: offsets[0]!, valueAt: offsets[eq + 1] ?? offsets[eq]! + 1, written });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.text === '-c' || w.text === '--set') {
      const next = words[++i];
      if (!next) problems.push({ message: `${w.text} without a value`, at: w.start });
      else pair(next.text, next.offsets, `${w.text} ${next.text}`);
    } else if (w.text.startsWith('-c') && w.text.length > 2 && !w.text.startsWith('--')) {
      pair(w.text.slice(2), w.offsets.slice(2), w.text);
    } else if (w.text.startsWith('--') && w.text.length > 2) {
      pair(w.text.slice(2), w.offsets.slice(2), w.text);
    } else if (/^-[A-Za-z]/.test(w.text)) {
      const letter = w.text[1]!;
      const opt = SHORT[letter];
      if (!opt) {
        problems.push({ message: `postgres option ${w.text} is not read by pgvet`, at: w.start });
        continue;
      }
      if (opt.value !== undefined) {
        args.push({ name: opt.name, value: opt.value, nameAt: w.start, valueAt: w.start, written: w.text });
        continue;
      }
      const inline = w.text.length > 2;
      const v = inline ? { text: w.text.slice(2), offsets: w.offsets.slice(2) } : words[++i];
      if (!v) problems.push({ message: `${w.text} without a value`, at: w.start });
      else args.push({ name: opt.name, value: v.text, nameAt: w.start, valueAt: v.offsets[0] ?? w.start, written: inline ? w.text : `${w.text} ${v.text}` });
    } else {
      problems.push({ message: `"${w.text}" is not a postgres option`, at: w.start });
    }
  }
  return { args, problems };
}
