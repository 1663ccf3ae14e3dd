/**
 * Which inputs are carriers rather than postgresql.conf, decided without loading the readers
 * (a plain `pgvet lint postgresql.conf` never loads the YAML parser: see scripts/bundle.mjs).
 */
import fs from 'node:fs';

const CARRIER_EXT = /\.(ya?ml|json|tf|j2|jinja2?|tpl|gotmpl|jsonnet|libsonnet|sh|bash)$/i;

/** A file or directory pgvet reads as a carrier. */
export function isCarrierPath(file: string): boolean {
  if (file === '<stdin>' || file === '-') return false;
  if (CARRIER_EXT.test(file)) return true;
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** A file (not a directory) pgvet reads as a carrier: what `simulate` and `tune` take (one server). */
export function isCarrierFile(file: string): boolean {
  if (!CARRIER_EXT.test(file)) return false;
  try {
    return !fs.statSync(file).isDirectory();
  } catch {
    return true;
  }
}

export function looksLikeTerraform(text: string): boolean {
  return /^\s*(resource|module|variable|provider|locals|terraform|data|output)\s+("[^"]*"\s*)*\{/m.test(text);
}

/**
 * Standard input that is not postgresql.conf: a `name:` at the start of a line is a syntax error
 * in postgresql.conf and the shape of every YAML carrier; `---`, Terraform blocks, `docker run`.
 */
export function looksLikeCarrierText(text: string): boolean {
  return /^[A-Za-z_][\w.-]*:([ \t]|$)/m.test(text) || /^---[ \t]*$/m.test(text) || looksLikeTerraform(text) || /\b(?:docker|podman)\s+run\b/.test(text);
}
