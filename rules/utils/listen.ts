/** Does listen_addresses open the server to every interface? */
import type { RuleContext } from '../../src/engine/types.js';

export function wildcardListen(ctx: RuleContext): string | null {
  const raw = ctx.settings.str('listen_addresses', '');
  const parts = raw.split(',').map((p) => p.trim());
  return parts.find((p) => p === '*' || p === '0.0.0.0' || p === '::') ?? null;
}
