import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { wildcardListen } from '../utils/listen.js';

/**
 * listen_addresses = '*' (or 0.0.0.0 / ::) accepts connections on every interface; with ssl = off
 * every password exchange and every query crosses the network in clear text (runtime-config-
 * connection, ssl-tcp).
 */
export default defineRule({
  meta: {
    id: 'PGV601',
    name: 'listen-all-without-ssl',
    description: "listen_addresses = '*' with ssl = off: every interface, no encryption.",
    defaultSeverity: 'warning',
    parameters: ['listen_addresses', 'ssl'],
    messages: {
      plain: (d) => `listen_addresses = '${d.addr}' accepts connections on every network interface, and with ssl = off every query and result (and passwords, with the password method) crosses the network unencrypted`,
    },
  },
  check(ctx) {
    const addr = wildcardListen(ctx);
    if (!addr || ctx.settings.bool('ssl')) return [];
    return [{ messageId: 'plain' as const, data: { addr }, ...locateSetting(ctx, 'listen_addresses'), parameter: 'listen_addresses', help: 'turn ssl on (with a certificate), or listen only where clients are (e.g. a private address), and require hostssl in pg_hba.conf' }];
  },
});
