/** Lint a carrier document as `pgvet lint -` does, for the platform rules' cases and README examples. */
import { effectiveConfig } from '../../src/carriers/effective.js';
import { lintEffective } from '../../src/carriers/lint.js';
import type { CarrierId } from '../../src/carriers/model.js';
import type { PlatformFinding } from '../../src/carriers/checks.js';
import { readCarriers } from '../../src/carriers/read.js';
import type { PgMajor } from '../../src/catalog/types.js';
import type { Finding } from '../../src/engine/types.js';
import type { Host } from '../../src/host/types.js';

export function lintCarrierText(text: string, options: { carrier?: CarrierId; version?: PgMajor; host?: Partial<Host> } = {}): Array<Finding & Partial<Pick<PlatformFinding, 'messageId' | 'data'>>> {
  const servers = readCarriers(['<stdin>'], { stdin: new TextEncoder().encode(text), ...(options.carrier ? { carrier: options.carrier } : {}) }).flatMap((r) => r.servers);
  if (servers.length === 0) throw new Error('no server in the carrier document');
  return servers.flatMap((s) => lintEffective(effectiveConfig(s), { ...(options.version !== undefined ? { version: options.version } : {}), ...(options.host ? { host: options.host } : {}) }).findings);
}
