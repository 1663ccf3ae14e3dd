import { defineRule } from '../../src/engine/types.js';
import { at } from '../utils/values.js';

/**
 * TLS 1.0/1.1 are deprecated (RFC 8996); PostgreSQL's default minimum is TLSv1.2 since 14 (13 too:
 * the catalog's default is TLSv1.2 on 13–18). CloudNativePG sets TLSv1.3.
 */
export default defineRule<'old'>({
  meta: {
    id: 'PGV611',
    name: 'tls-minimum-version',
    description: 'ssl is on but ssl_min_protocol_version allows TLS 1.0 or 1.1, deprecated protocols clients can be downgraded to.',
    defaultSeverity: 'warning',
    parameters: ['ssl', 'ssl_min_protocol_version'],
    messages: {
      old: (d) => `ssl_min_protocol_version = '${d.version}': TLS 1.0 and 1.1 are deprecated (RFC 8996) and allow clients to negotiate weak ciphers; the default is TLSv1.2`,
    },
  },
  check(ctx) {
    if (!ctx.settings.bool('ssl')) return [];
    const v = ctx.settings.str('ssl_min_protocol_version');
    if (v !== 'TLSv1' && v !== 'TLSv1.1') return [];
    return [{ messageId: 'old', data: { version: v }, ...at(ctx, 'ssl_min_protocol_version'), suggestion: "ssl_min_protocol_version = 'TLSv1.2'" }];
  },
});
