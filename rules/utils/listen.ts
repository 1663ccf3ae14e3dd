/** Does listen_addresses open the server to every interface? */
import { wildcardEntry } from '../../src/guidance/security.js';
import type { RuleContext } from '../../src/engine/types.js';

export function wildcardListen(ctx: RuleContext): string | null {
  return wildcardEntry(ctx.settings.str('listen_addresses', ''));
}
