/**
 * The one way pgvet reads a setting's value: rules (`ctx.settings`), the simulator, the guidance
 * policy, tune and the platform checks all go through it. It reads the resolver's effective
 * values (typed, in the parameter's base unit) and turns them into the numbers the callers work
 * with: bytes for memory, milliseconds for time. Nobody multiplies by 8192 or 1024 by hand.
 *
 * A parameter the version lacks: `get` gives undefined, `has` false, and the typed readers their
 * `fallback`. Asking for one without a fallback is a bug in the caller (a rule reads only the
 * parameters its versions have, the simulator only those of its version): an InternalError.
 */
import { unitScale } from '../catalog/values.js';
import type { ParamInfo } from '../catalog/types.js';
import { InternalError } from '../errors.js';

export type SettingValue = number | string | boolean;

/** What the reader reads: `Resolution['settings']` satisfies it, and so do planned settings (tune, guidance). */
export interface SettingSource {
  get(name: string): { value: SettingValue; param: ParamInfo } | undefined;
}

export interface SettingReader {
  /** The typed value in the parameter's base unit (8kB pages for shared_buffers); undefined when the version lacks it. */
  get(name: string): SettingValue | undefined;
  /** True when the version has this parameter. */
  has(name: string): boolean;
  /** The value as a number in the parameter's own base unit (NaN for text that is not a number). */
  num(name: string, fallback?: number): number;
  /** Memory in bytes (base unit × its size); negative sentinels (-1) stay as they are; unitless values as they are. */
  bytes(name: string, fallback?: number): number;
  /** Time in milliseconds (base unit × its length); negative sentinels (-1) stay as they are; unitless values as they are. */
  ms(name: string, fallback?: number): number;
  /** true for on (a boolean parameter, or an enum whose value is on/true). */
  bool(name: string, fallback?: boolean): boolean;
  /** The value as text (an enum's or a string's value; a number's digits in its base unit). */
  str(name: string, fallback?: string): string;
}

export function settingReader(source: SettingSource): SettingReader {
  // Each typed reader: the setting, or the fallback when the version lacks it, or a bug.
  const read = <T>(name: string, fallback: T | undefined, convert: (value: SettingValue, param: ParamInfo) => T): T => {
    const s = source.get(name);
    if (s) return convert(s.value, s.param);
    if (fallback !== undefined) return fallback;
    throw new InternalError(`setting reader: parameter ${name} is not known to this version, and the caller gave no fallback`);
  };
  const scaled =
    (kind: 'memory' | 'time') =>
    (value: SettingValue, param: ParamInfo): number => {
      const v = typeof value === 'number' ? value : Number(value);
      if (v < 0) return v;
      const scale = unitScale(param.unit);
      return scale && scale.kind === kind ? v * scale.factor : v;
    };
  const bytes = scaled('memory');
  const ms = scaled('time');
  return {
    get: (name) => source.get(name)?.value,
    has: (name) => source.get(name) !== undefined,
    num: (name, fallback) => read(name, fallback, (v) => (typeof v === 'number' ? v : Number(v))),
    bytes: (name, fallback) => read(name, fallback, bytes),
    ms: (name, fallback) => read(name, fallback, ms),
    bool: (name, fallback) => read(name, fallback, (v) => v === true || v === 'on' || v === 'true'),
    str: (name, fallback) => read(name, fallback, (v) => String(v)),
  };
}
