import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { isSet, locateSetting } from '../utils/locate.js';
import { splitDirectoriesString, splitGucList } from '../../src/catalog/checks.js';

/**
 * PostmasterMain opens its sockets from two lists that the GUC machinery accepts as any string:
 * listen_addresses (SplitGUCList) and unix_socket_directories (SplitDirectoriesString). A list it
 * cannot split, or two empty lists (no socket at all), stops the server at startup, in every
 * version; `postgres -C` and a reload accept both.
 */
type Msg = 'syntax' | 'noSocket';

export default defineRule<Msg>({
  meta: {
    id: 'PGV018',
    name: 'listen-sockets',
    description: 'listen_addresses or unix_socket_directories that the postmaster cannot split into a list, or both empty: the server refuses to start.',
    defaultSeverity: 'error',
    parameters: ['listen_addresses', 'unix_socket_directories'],
    messages: {
      syntax: (d) => `invalid list syntax in parameter "${d.param}": ${d.why}`,
      noSocket: () => 'no socket created for listening: listen_addresses and unix_socket_directories are both empty',
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const tcp = ctx.settings.str('listen_addresses', '');
    const unix = ctx.settings.str('unix_socket_directories', '');
    const tcpList = splitGucList(tcp, ',');
    const unixList = splitDirectoriesString(unix, ',');
    if (tcpList === null) {
      out.push({ messageId: 'syntax', data: { param: 'listen_addresses', why: 'addresses are separated by commas, with no empty entries; quote a name with double quotes' }, ...locateSetting(ctx, 'listen_addresses'), parameter: 'listen_addresses', help: "e.g. listen_addresses = 'localhost, 10.0.0.5'" });
    }
    if (unixList === null) {
      out.push({ messageId: 'syntax', data: { param: 'unix_socket_directories', why: 'directories are separated by commas, with no empty entries; quote a name with double quotes' }, ...locateSetting(ctx, 'unix_socket_directories'), parameter: 'unix_socket_directories', help: "e.g. unix_socket_directories = '/var/run/postgresql, /tmp'" });
    }
    if (tcpList?.length === 0 && unixList?.length === 0) {
      const param = isSet(ctx, 'listen_addresses') ? 'listen_addresses' : 'unix_socket_directories';
      out.push({ messageId: 'noSocket', data: {}, ...locateSetting(ctx, param), parameter: param, suggestion: param === 'listen_addresses' ? "listen_addresses = 'localhost'" : "unix_socket_directories = '/tmp'", help: 'clients need at least one way in: a TCP address or a socket directory' });
    }
    return out;
  },
});
