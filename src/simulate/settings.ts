/**
 * How the simulator reads settings: the resolver's effective values (base units) turned into
 * the absolute numbers the model works with. The model never parses text itself.
 */
import { unitScale } from '../catalog/values.js';
import type { ParamInfo } from '../catalog/types.js';

/** What the model needs from a resolution: `Resolution['settings']` satisfies it. */
export interface SettingSource {
  get(name: string): { value: number | string | boolean; param: ParamInfo } | undefined;
}

export interface SettingReader {
  /** True when the version has this parameter. */
  has(name: string): boolean;
  /** The value in the parameter's own base unit (8kB pages for shared_buffers); `fallback` when the version lacks it. */
  num(name: string, fallback?: number): number;
  /** Memory parameters in bytes (-1 and other sentinels stay as they are). */
  bytes(name: string, fallback?: number): number;
  bool(name: string, fallback?: boolean): boolean;
  str(name: string, fallback?: string): string;
}

export function settingReader(source: SettingSource): SettingReader {
  const get = (name: string): { value: number | string | boolean; param: ParamInfo } | undefined => source.get(name);
  const missing = (name: string): never => {
    throw new Error(`simulate: parameter ${name} is not known to this version`);
  };
  return {
    has: (name) => get(name) !== undefined,
    num(name, fallback) {
      const s = get(name);
      if (!s) return fallback ?? missing(name);
      return typeof s.value === 'number' ? s.value : Number(s.value);
    },
    bytes(name, fallback) {
      const s = get(name);
      if (!s) return fallback ?? missing(name);
      const v = typeof s.value === 'number' ? s.value : Number(s.value);
      if (v < 0) return v;
      const scale = unitScale(s.param.unit);
      return scale && scale.kind === 'memory' ? v * scale.factor : v;
    },
    bool(name, fallback) {
      const s = get(name);
      if (!s) return fallback ?? missing(name);
      return s.value === true || s.value === 'on' || s.value === 'true';
    },
    str(name, fallback) {
      const s = get(name);
      if (!s) return fallback ?? missing(name);
      return String(s.value);
    },
  };
}
