/** What the readers share: sizes and CPUs as manifests write them, image tags, parameter maps. */
import { isMap, isScalar } from 'yaml';
import { parseCores, parseSize } from '../host/units.js';
import type { CarrierNote, CarrierSetting, HostSpec, PgVersionStated, Position, Scope, ServerModel, Stated } from './model.js';
import { deref, entries, get, position, rawText, resolveScalar, scalarText, str, type Dialect, type YamlDoc } from './yaml.js';

/** Bytes from a Kubernetes quantity or a size ("500Mi", "1Gi", "128mb"), or undefined. */
export function bytesOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseSize(text.trim().replace(/^(\d+(?:\.\d+)?)([kmgt])b$/i, (_m, n: string, u: string) => `${n}${u.toUpperCase()}B`));
  } catch {
    return undefined;
  }
}

export function coresOf(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseCores(text.trim());
  } catch {
    return undefined;
  }
}

/** A stated size at a YAML node, or a note when it cannot be read. */
export function statedBytes(yd: YamlDoc, node: unknown, path: string, notes: CarrierNote[]): Stated<number> | undefined {
  const raw = str(yd, node);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = bytesOf(raw);
  const at = position(yd, node, path);
  if (value === undefined) {
    notes.push({ message: `${path}: "${raw}" is not a size pgvet can read; ignored`, at });
    return undefined;
  }
  return { value, raw, at };
}

export function statedCores(yd: YamlDoc, node: unknown, path: string, notes: CarrierNote[]): Stated<number> | undefined {
  const raw = str(yd, node);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = coresOf(raw);
  const at = position(yd, node, path);
  if (value === undefined) {
    notes.push({ message: `${path}: "${raw}" is not a CPU quantity pgvet can read; ignored`, at });
    return undefined;
  }
  return { value, raw, at };
}

export function statedCount(yd: YamlDoc, node: unknown, path: string, notes: CarrierNote[]): Stated<number> | undefined {
  const raw = str(yd, node);
  if (raw === undefined) return undefined;
  const at = position(yd, node, path);
  if (!/^\s*\d+\s*$/.test(raw)) {
    notes.push({ message: `${path}: "${raw}" is not a whole number; ignored`, at });
    return undefined;
  }
  return { value: Number(raw), raw, at };
}

/** Kubernetes container resources: requests and limits of memory, cpu and huge pages. */
export function k8sResources(yd: YamlDoc, resources: unknown, path: string, notes: CarrierNote[]): HostSpec {
  const host: HostSpec = {};
  const res = deref(yd, resources);
  if (!res) return host;
  const limits = get(yd, res, 'limits');
  const requests = get(yd, res, 'requests');
  const ml = statedBytes(yd, get(yd, limits, 'memory'), `${path}.limits.memory`, notes);
  const mr = statedBytes(yd, get(yd, requests, 'memory'), `${path}.requests.memory`, notes);
  const cl = statedCores(yd, get(yd, limits, 'cpu'), `${path}.limits.cpu`, notes);
  const cr = statedCores(yd, get(yd, requests, 'cpu'), `${path}.requests.cpu`, notes);
  if (ml) host.memoryLimitBytes = ml;
  if (mr) host.memoryRequestBytes = mr;
  if (cl) host.cpuLimit = cl;
  if (cr) host.cpuRequest = cr;
  for (const size of ['hugepages-1Gi', 'hugepages-2Mi']) {
    const hp = statedBytes(yd, get(yd, requests, size) ?? get(yd, limits, size), `${path}.requests.${size}`, notes);
    if (hp) {
      host.hugepagesBytes = hp;
      break;
    }
  }
  return host;
}

/**
 * The PostgreSQL major of an image reference: `postgres:16-alpine`, `ghcr.io/cloudnative-pg/postgresql:18.6-system-trixie`,
 * `pgvector/pgvector:pg16`, `timescale/timescaledb:latest-pg16`, `postgis/postgis:16-3.4`, `ghcr.io/zalando/spilo-18:4.1-p2`.
 */
export function majorFromImage(image: string): { major: number; from: string } | undefined {
  const noDigest = image.split('@')[0]!;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const name = colon > slash ? noDigest.slice(0, colon) : noDigest;
  const tag = colon > slash ? noDigest.slice(colon + 1) : '';
  const spilo = /spilo-(\d+)$/.exec(name);
  if (spilo) return { major: Number(spilo[1]), from: 'Spilo image name' };
  const pgTag = /(?:^|[-_])pg(\d{2})(?:$|[.-])/.exec(tag);
  if (pgTag) return { major: Number(pgTag[1]), from: 'image tag' };
  const lead = /^v?(\d{1,2})(?:\.\d+)*(?:$|[-_.a-z])/.exec(tag);
  if (lead && Number(lead[1]) >= 9) return { major: Number(lead[1]), from: 'image tag' };
  const ubi = /-(\d{2})\.\d+(?:-|$)/.exec(tag);
  if (ubi && Number(ubi[1]) >= 9) return { major: Number(ubi[1]), from: 'image tag' };
  return undefined;
}

export function versionFromImage(yd: YamlDoc, node: unknown, path: string): PgVersionStated | undefined {
  const image = str(yd, node);
  if (!image) return undefined;
  const m = majorFromImage(image);
  return m ? { major: m.major, raw: image, at: position(yd, node, path), from: m.from } : undefined;
}

export function versionFromNumber(yd: YamlDoc, node: unknown, path: string, from: string): PgVersionStated | undefined {
  const raw = str(yd, node);
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)(?:\.\d+)?\s*$/.exec(raw);
  return m ? { major: Number(m[1]), raw, at: position(yd, node, path), from } : undefined;
}

/** The settings of a YAML mapping of parameters (name: value). */
export function mapSettings(yd: YamlDoc, node: unknown, section: string, scope: Scope, dialect: Dialect, notes: CarrierNote[]): CarrierSetting[] {
  const m = deref(yd, node);
  if (m === null || (isScalar(m) && (m.value === null || scalarText(m) === ''))) return [];
  if (!isMap(m)) {
    notes.push({ message: `${section} is not a mapping of parameter names to values; ignored`, at: position(yd, node, section) });
    return [];
  }
  const out: CarrierSetting[] = [];
  for (const e of entries(yd, m)) {
    const path = `${section}.${e.key}`;
    out.push({
      name: e.key,
      value: withTemplateNote(resolveScalar(yd, e.value, dialect)),
      layer: 'user',
      section,
      scope,
      key: position(yd, e.keyNode, path),
      at: position(yd, e.value ?? e.keyNode, path),
    });
  }
  return out;
}

/** Templates left in a value (`{{ }}`, `${ }`) cannot be known here: the value is not evaluated. */
export function withTemplateNote<T extends { text: string | null; note?: string }>(v: T): T {
  if (v.text !== null && /\{\{[\s\S]*\}\}|\{%[\s\S]*%\}/.test(v.text)) return { ...v, text: null, note: 'a template expression ({{ }}): its value is known only once it is rendered' };
  return v;
}

export function newServer(partial: Pick<ServerModel, 'carrier' | 'platform' | 'name' | 'kind' | 'at'>): ServerModel {
  return { ...partial, host: {}, volumes: {}, settings: [], confTexts: [], switches: {}, notes: [] };
}

export function docName(yd: YamlDoc, fallback: string): string {
  return str(yd, get(yd, yd.root, 'metadata', 'name')) ?? fallback;
}

export function docPosition(yd: YamlDoc): Position {
  return position(yd, yd.root);
}

export { rawText };
