import type { RuleCases } from '../../src/engine/cases.js';

const GB = 1024 ** 3;

export default {
  valid: [
    { name: 'the default localhost', conf: '# nothing set\n' },
    { name: 'defaults on 16GB/4 cores', conf: '# nothing set\n', host: { ramBytes: 16 * GB, cores: 4 } },
    { name: 'wildcard with ssl on', conf: "listen_addresses = '*'\nssl = on\n" },
    { name: 'a private address without ssl', conf: "listen_addresses = '10.0.0.5'\n" },
    { name: 'localhost and a private address', conf: "listen_addresses = 'localhost, 10.0.0.5'\n" },
    { name: 'unix sockets only', conf: "listen_addresses = ''\n" },
    { name: 'a host name that contains a star is not the wildcard', conf: "listen_addresses = 'db*.example'\n" },
  ],
  invalid: [
    { name: 'wildcard, ssl off by default', conf: "listen_addresses = '*'\n", lines: [1], messageIncludes: "listen_addresses = '*' accepts connections on every network interface, and with ssl = off every query and result (and passwords, with the password method) crosses the network unencrypted" },
    { name: 'wildcard, ssl off explicitly', conf: "ssl = off\nlisten_addresses = '*'\n", lines: [2] },
    { name: 'IPv4 wildcard in a list', conf: "listen_addresses = 'localhost, 0.0.0.0'\n", lines: [1], messageIncludes: "listen_addresses = '0.0.0.0'" },
    { name: 'a quoted wildcard is the wildcard (SplitGUCList)', conf: "listen_addresses = 'localhost,\"*\"'\n", lines: [1], messageIncludes: "listen_addresses = '*'" },
    { name: 'IPv6 wildcard', conf: "listen_addresses = '::'\n", lines: [1], messageIncludes: "'::'" },
  ],
} satisfies RuleCases;
