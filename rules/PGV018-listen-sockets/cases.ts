import type { RuleCases } from '../../src/engine/cases.js';

export default {
  valid: [
    { name: 'the defaults', conf: '# nothing set\n' },
    { name: 'several addresses, spaces around commas', conf: "listen_addresses = 'localhost , 127.0.0.1,::1'\n" },
    { name: 'all interfaces', conf: "listen_addresses = '*'\n" },
    { name: 'a quoted name, and an empty quoted one', conf: "listen_addresses = '\"localhost\", \"\"'\n" },
    { name: 'TCP only', conf: "unix_socket_directories = ''\nlisten_addresses = 'localhost'\n" },
    { name: 'unix sockets only', conf: "listen_addresses = ''\n" },
    { name: 'a directory with a space in it', conf: "unix_socket_directories = '/run/my sockets, /tmp'\n" },
  ],
  invalid: [
    { name: 'a trailing comma', conf: "listen_addresses = 'localhost,'\n", lines: [1], messageIncludes: 'invalid list syntax in parameter "listen_addresses"' },
    { name: 'a leading comma', conf: "listen_addresses = ',localhost'\n", lines: [1] },
    { name: 'addresses separated by a space', conf: "listen_addresses = 'localhost 10.0.0.5'\n", lines: [1] },
    { name: 'an unterminated double quote', conf: "listen_addresses = '\"localhost'\n", lines: [1] },
    { name: 'an empty directory entry', conf: "unix_socket_directories = '/tmp,,/run/postgresql'\n", lines: [1], messageIncludes: 'invalid list syntax in parameter "unix_socket_directories"' },
    { name: 'no socket at all', conf: "listen_addresses = ''\nunix_socket_directories = ''\n", lines: [1], messageIncludes: 'no socket created for listening' },
    { name: 'whitespace is an empty list too', conf: "unix_socket_directories = ''\nlisten_addresses = '  '\n", lines: [2] },
  ],
} satisfies RuleCases;
