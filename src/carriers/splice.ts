/**
 * `tune --write` / `--diff` on carriers without a YAML parameter map: Terraform parameter blocks,
 * compose commands and `docker run` lines (`-c name=value`), Ansible option/value lists and
 * Bitnami's embedded postgresql.conf text. Each edit is a byte splice at the value's own span
 * (found from the position the reader recorded), or new lines cloned from the last entry of the
 * same list, so comments, quoting and layout stay; tool.ts checks every edit by reading the
 * result again before anything is written.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { CarrierId, CarrierSetting } from './model.js';

export interface TokenSplice {
  start: number;
  end: number;
  text: string;
  name: string;
  where: string;
}

export interface TokenContext {
  text: string;
  carrier: CarrierId;
  offsetOf: (line: number, column: number) => number;
  lineOf: (offset: number) => number;
  /** Start offset of each line (0-based line index). */
  starts: number[];
  catalog: Catalog;
}

/** Carriers whose values tune --write edits as tokens (tool.ts edits the YAML maps itself). */
export const TOKEN_CARRIERS: ReadonlySet<CarrierId> = new Set(['terraform', 'compose', 'docker-run', 'ansible-autobase', 'ansible-geerlingguy', 'helm-bitnami']);

/** A value that needs no quotes anywhere: a conf bare word, a shell word, a plain YAML string. */
const BARE = /^[A-Za-z0-9_.+-]+$/;

/** The literal at `offset`: a quoted string (with its quotes) or a bare token. */
export function literalAt(text: string, offset: number, stops = /[\s,\]}#'"]/): { start: number; end: number; quote: '"' | "'" | null } {
  const c = text[offset];
  if (c === '"' || c === "'") {
    let i = offset + 1;
    while (i < text.length && text[i] !== '\n') {
      if (c === '"' && text[i] === '\\') {
        i += 2;
        continue;
      }
      if (text[i] === c) {
        if (c === "'" && text[i + 1] === "'") {
          i += 2;
          continue;
        }
        return { start: offset, end: i + 1, quote: c };
      }
      i++;
    }
    return { start: offset, end: offset, quote: c };
  }
  let i = offset;
  while (i < text.length && !stops.test(text[i]!)) i++;
  return { start: offset, end: i, quote: null };
}

function quoteLike(value: string, quote: '"' | "'" | null, carrier: CarrierId): string | undefined {
  if (quote === '"') return JSON.stringify(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (BARE.test(value)) return value;
  // a bare token that needs quotes: Terraform and YAML take a double-quoted string
  if (carrier === 'terraform' || carrier.startsWith('ansible')) return JSON.stringify(value);
  return undefined;
}

/** Replace an existing value in place, or say why it cannot be. */
export function replaceValue(ctx: TokenContext, s: CarrierSetting, value: string): TokenSplice | { why: string } {
  const { text } = ctx;
  if (s.value.type === 'expression' || s.value.text === null) {
    const m = /^\$\{(\w+):?-([^}]*)\}$/.exec(s.value.raw);
    if (!m) return { why: `${s.name} at ${s.at.line}:${s.at.column} is an expression (${s.value.raw}): change what it refers to` };
  }
  const start = ctx.offsetOf(s.at.line, s.at.column);
  const lit = literalAt(text, start, ctx.carrier === 'compose' || ctx.carrier === 'docker-run' ? /[\s,\]'"\\]/ : /[\s,\]}#'"]/);
  if (lit.end <= lit.start) return { why: `${s.name} at ${s.at.line}:${s.at.column} is not a one-line value pgvet can replace in place` };
  const raw = text.slice(lit.start, lit.end);
  // ${VAR:-default} (compose): the default changes, the variable stays
  const interp = /^(\$\{\w+:?-)([^}]*)(\})$/.exec(raw);
  if (interp) {
    if (!BARE.test(value)) return { why: `${s.name}: ${value} needs quotes inside ${raw}; edit it by hand` };
    return { start: lit.start + interp[1]!.length, end: lit.end - 1, text: value, name: s.name, where: `${s.at.line}:${s.at.column} (the default of ${raw})` };
  }
  const out = quoteLike(value, lit.quote, ctx.carrier);
  if (out === undefined) return { why: `${s.name}: ${value} needs quotes in ${s.section}; edit it by hand` };
  return { start: lit.start, end: lit.end, text: out, name: s.name, where: `${s.at.line}:${s.at.column} (changed)` };
}

const lineText = (ctx: TokenContext, li: number): string => {
  const end = li + 1 < ctx.starts.length ? ctx.starts[li + 1]! : ctx.text.length;
  return ctx.text.slice(ctx.starts[li]!, end);
};

/** Where a new line goes after line `li` (before its line end), and the line end to put first. */
function afterLine(ctx: TokenContext, li: number, eol: string): { at: number; eol: string } {
  const line = lineText(ctx, li);
  const base = ctx.starts[li]!;
  const body = line.replace(/\r?\n$/, '');
  return { at: base + body.length, eol };
}

/**
 * Add new settings after the last one of the same list: cloned lines (Terraform blocks, Ansible
 * items), new conf lines (Bitnami), or more `-c name=value` (compose, docker run).
 */
export function insertValues(ctx: TokenContext, last: CarrierSetting, adds: ReadonlyArray<{ name: string; value: string }>, eol: string): TokenSplice | { why: string } {
  const { text } = ctx;
  const names = adds.map((a) => a.name).join(',');
  const keyStart = ctx.offsetOf(last.key.line, last.key.column);
  const valStart = ctx.offsetOf(last.at.line, last.at.column);
  const keyLit = literalAt(text, keyStart);
  const valLit = literalAt(text, valStart);
  switch (ctx.carrier) {
    case 'helm-bitnami': {
      // a conf line in a block scalar: same indentation as the last setting's line
      if (last.key.line === last.at.line && /^\s*[A-Za-z_][\w.]*\s*=/.test(lineText(ctx, last.key.line - 1)) && !/:\s*[|>]/.test(lineText(ctx, last.key.line - 1))) {
        const bad = adds.find((a) => !BARE.test(a.value));
        if (bad) return { why: `${bad.name}: ${bad.value} needs quotes inside the embedded text; add it by hand` };
        const indent = ' '.repeat(last.key.column - 1);
        const { at } = afterLine(ctx, last.key.line - 1, eol);
        return { start: at, end: at, text: adds.map((a) => `${eol}${indent}${a.name} = ${a.value}`).join(''), name: names, where: `after ${last.section} ${last.name} (${last.key.line})` };
      }
      return { why: `${last.section} is not a block of conf lines pgvet can add to` };
    }
    case 'compose':
    case 'docker-run': {
      const bad = adds.find((a) => !BARE.test(a.value));
      if (bad) return { why: `${bad.name}: ${bad.value} needs quotes on the command line; add it by hand` };
      // a block list (`- -c` then `- name=value`): two new items per setting
      const keyLine = lineText(ctx, last.key.line - 1).replace(/\r?\n$/, '');
      const item = /^(\s*-\s+)(['"]?)[A-Za-z_][\w.]*=/.exec(keyLine);
      const prev = last.key.line >= 2 ? lineText(ctx, last.key.line - 2).replace(/\r?\n$/, '') : '';
      if (item && /^\s*-\s+(['"]?)-c\1\s*$/.test(prev)) {
        const flag = /^\s*-\s+(.*?)\s*$/.exec(prev)![1]!;
        const { at } = afterLine(ctx, last.key.line - 1, eol);
        return { start: at, end: at, text: adds.map((a) => `${eol}${item[1]}${flag}${eol}${item[1]}${item[2]}${a.name}=${a.value}${item[2]}`).join(''), name: names, where: `after -c ${last.name} (${last.key.line})` };
      }
      // the last -c value's token; a quoted list item gets more items, a command string more words
      const nameStart = keyStart;
      const before = text[nameStart - 1];
      if (before === '"' || before === "'") {
        const item = literalAt(text, nameStart - 1);
        const next = text.slice(item.end).match(/^\s*([,\]])/);
        if (next) return { start: item.end, end: item.end, text: adds.map((a) => `, ${before}-c${before}, ${before}${a.name}=${a.value}${before}`).join(''), name: names, where: `after -c ${last.name} (${last.key.line})` };
        // a block list item: new items on new lines
        const line = lineText(ctx, last.key.line - 1);
        const m = /^(\s*-\s*)/.exec(line);
        if (!m) return { why: `the command list around ${last.name} is not one pgvet can add to` };
        const { at } = afterLine(ctx, last.key.line - 1, eol);
        return { start: at, end: at, text: adds.map((a) => `${eol}${m[1]}-c${eol}${m[1]}${before}${a.name}=${a.value}${before}`).join(''), name: names, where: `after -c ${last.name} (${last.key.line})` };
      }
      // one -c pair per line (a folded compose command, a docker run line ending in \): a new line each
      const own = lineText(ctx, last.key.line - 1).replace(/\r?\n$/, '');
      const m = /^(\s*)-c\s+\S+?(\s+\\)?$/.exec(own);
      if (m && last.key.line === last.at.line) {
        const { at } = afterLine(ctx, last.key.line - 1, eol);
        const cont = m[2] ?? '';
        // a shell line ending the command gets a continuation; the new last line then ends it
        const lead = ctx.carrier === 'docker-run' && !cont ? ' \\' : '';
        const lines = adds.map((a, i) => `${eol}${m[1]}-c ${a.name}=${a.value}${cont || (lead && i < adds.length - 1 ? ' \\' : '')}`);
        return { start: at, end: at, text: lead + lines.join(''), name: names, where: `after -c ${last.name} (${last.key.line})` };
      }
      const tok = literalAt(text, valStart, /[\s'"\\]/);
      const end = valLit.quote ? valLit.end : tok.end;
      return { start: end, end, text: adds.map((a) => ` -c ${a.name}=${a.value}`).join(''), name: names, where: `after -c ${last.name} (${last.key.line})` };
    }
    case 'ansible-autobase':
    case 'ansible-geerlingguy': {
      // clone the last item's lines (option first), replacing the option and the value
      const first = Math.min(last.key.line, last.at.line) - 1;
      const lastLine = Math.max(last.key.line, last.at.line) - 1;
      if (!/^\s*-\s/.test(lineText(ctx, first)) || valLit.end <= valLit.start || keyLit.end <= keyLit.start) return { why: `the list around ${last.name} is not one pgvet can add to` };
      const from = ctx.starts[first]!;
      const to = from + Array.from({ length: lastLine - first + 1 }, (_, i) => lineText(ctx, first + i)).join('').replace(/\r?\n$/, '').length;
      const tpl = text.slice(from, to);
      const out: string[] = [];
      for (const a of adds) {
        const v = quoteLike(a.value, valLit.quote, ctx.carrier);
        const k = quoteLike(a.name, keyLit.quote, ctx.carrier);
        if (v === undefined || k === undefined) return { why: `${a.name}: ${a.value} cannot be written in the list's style; add it by hand` };
        // splice the later span first
        const spans = [
          { s: keyLit.start - from, e: keyLit.end - from, t: k },
          { s: valLit.start - from, e: valLit.end - from, t: v },
        ].sort((x, y) => y.s - x.s);
        let line = tpl;
        for (const sp of spans) line = line.slice(0, sp.s) + sp.t + line.slice(sp.e);
        out.push(line);
      }
      return { start: to, end: to, text: out.map((l) => `${eol}${l}`).join(''), name: names, where: `after ${last.section} ${last.name} (${last.key.line})` };
    }
    case 'terraform': {
      // an item of a map that for_each turns into one resource per parameter: clone its line
      if (last.section.includes('[') && last.key.line === last.at.line) {
        const li = last.key.line - 1;
        const from = ctx.starts[li]!;
        const tpl = lineText(ctx, li).replace(/\r?\n$/, '');
        if (keyLit.end <= keyLit.start || valLit.end <= valLit.start) return { why: `the map around ${last.name} is not one pgvet can add to` };
        const out = adds.map((a) => {
          const spans = [
            { s: keyLit.start - from, e: keyLit.end - from, t: keyLit.quote ? JSON.stringify(a.name) : a.name },
            { s: valLit.start - from, e: valLit.end - from, t: valLit.quote || !/^\d+$/.test(a.value) ? JSON.stringify(a.value) : a.value },
          ].sort((x, y) => y.s - x.s);
          let line = tpl;
          for (const sp of spans) line = line.slice(0, sp.s) + sp.t + line.slice(sp.e);
          return line;
        });
        const at = from + tpl.length;
        return { start: at, end: at, text: out.map((l) => `${eol}${l}`).join(''), name: names, where: `after ${last.section} (${last.key.line})` };
      }
      // clone the block that holds the last parameter (parameter { … } / database_flags { … })
      let open = last.key.line - 1;
      while (open >= 0 && !/^\s*(parameter|database_flags)\s*\{\s*$/.test(lineText(ctx, open).replace(/\r?\n$/, ''))) {
        if (/\}/.test(lineText(ctx, open)) && open !== last.key.line - 1) {
          open = -1;
          break;
        }
        open--;
      }
      if (open < 0) return { why: `${last.section} keeps its parameters in a way pgvet cannot add to (only parameter { } and database_flags { } blocks); add it by hand` };
      const indent = /^(\s*)/.exec(lineText(ctx, open))![1]!;
      let close = last.at.line - 1;
      while (close < ctx.starts.length && lineText(ctx, close).replace(/\r?\n$/, '') !== `${indent}}`) close++;
      if (close >= ctx.starts.length || keyLit.quote !== '"') return { why: `the block around ${last.name} is not one pgvet can copy` };
      const from = ctx.starts[open]!;
      const to = ctx.starts[close]! + lineText(ctx, close).replace(/\r?\n$/, '').length;
      const tpl = text.slice(from, to);
      const applyLine = tpl.split(/\r?\n/).findIndex((l) => /^\s*apply_method\s*=/.test(l));
      const out: string[] = [];
      for (const a of adds) {
        const info = ctx.catalog.lookup(a.name);
        const isStatic = info?.context === 'postmaster';
        const spans = [
          { s: keyLit.start - from, e: keyLit.end - from, t: JSON.stringify(a.name) },
          { s: valLit.start - from, e: valLit.end - from, t: JSON.stringify(a.value) },
        ].sort((x, y) => y.s - x.s);
        let block = tpl;
        for (const sp of spans) block = block.slice(0, sp.s) + sp.t + block.slice(sp.e);
        const lines = block.split(/\r?\n/);
        if (last.section.startsWith('aws_') || /parameter_group/.test(last.section)) {
          const method = isStatic ? 'pending-reboot' : 'immediate';
          if (applyLine >= 0) lines[applyLine] = lines[applyLine]!.replace(/=\s*"[^"]*"/, `= "${method}"`);
          else if (isStatic) {
            const valueLine = lines.findIndex((l) => /^\s*value\s*=/.test(l));
            const pad = /^(\s*)/.exec(lines[valueLine] ?? '')![1]!;
            lines.splice(valueLine + 1, 0, `${pad}apply_method = "pending-reboot"`);
          }
        }
        out.push(lines.join(eol));
      }
      return { start: to, end: to, text: out.map((b) => `${eol}${eol}${b}`).join(''), name: names, where: `after the block of ${last.name} (${last.key.line})` };
    }
    default:
      return { why: `${ctx.carrier} has no list pgvet can add to` };
  }
}
