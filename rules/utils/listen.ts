/** Does listen_addresses open the server to every interface? */
import { valueOf } from './locate.js';
import { wildcardEntry } from '../../src/guidance/security.js';
import type { RuleContext } from '../../src/engine/types.js';

export function wildcardListen(ctx: RuleContext): string | null {
  return wildcardEntry(String(valueOf(ctx, 'listen_addresses') ?? ''));
}
