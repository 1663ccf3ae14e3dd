/**
 * PGV018 against real servers: the postmaster splits listen_addresses and
 * unix_socket_directories only when it starts, so the differential suite (which sets both on the
 * command line to keep test servers private) never sees the file's own values. Here the file
 * keeps them; every case listens on nothing but 127.0.0.1 (on a private port) or must be refused.
 */
import { PG_MAJORS, type PgMajor } from '../src/catalog/types.js';
import { lintFile } from './support/lint-helpers.js';
import { getCluster, pgAvailable, startServer, writeScratch } from './support/pg.js';

const CASES: Array<{ name: string; conf: string }> = [
  { name: 'loopback only, no unix socket', conf: "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" },
  { name: 'spaces around entries, a quoted entry', conf: "listen_addresses = '  \"127.0.0.1\" ,localhost '\nunix_socket_directories = ''\n" },
  { name: 'a trailing comma', conf: "listen_addresses = '127.0.0.1,'\nunix_socket_directories = ''\n" },
  { name: 'a leading comma', conf: "listen_addresses = ',127.0.0.1'\nunix_socket_directories = ''\n" },
  { name: 'two addresses separated by a space', conf: "listen_addresses = '127.0.0.1 localhost'\nunix_socket_directories = ''\n" },
  { name: 'an unterminated quote', conf: "listen_addresses = '\"127.0.0.1'\nunix_socket_directories = ''\n" },
  { name: 'an empty socket directory entry', conf: "listen_addresses = '127.0.0.1'\nunix_socket_directories = '/tmp,,/tmp'\n" },
  { name: 'an unterminated quote in the directories', conf: "listen_addresses = '127.0.0.1'\nunix_socket_directories = '\"/tmp'\n" },
  { name: 'both empty', conf: "listen_addresses = ''\nunix_socket_directories = ''\n" },
  { name: 'whitespace and an empty directory list', conf: "listen_addresses = '   '\nunix_socket_directories = ''\n" },
  { name: 'both empty, set twice', conf: "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\nlisten_addresses = ''\n" },
];

for (const version of PG_MAJORS) {
  (pgAvailable(version) ? describe : describe.skip)(`PostgreSQL ${version}: listen sockets`, () => {
    test('pgvet refuses exactly what the postmaster refuses, for the reason it gives', async () => {
      const cluster = await getCluster(version as PgMajor);
      const disagreements: string[] = [];
      let refused = 0;
      for (const c of CASES) {
        const file = writeScratch(cluster, `listen/${c.name.replace(/\W+/g, '-')}.conf`, c.conf);
        const errors = lintFile(file, { version }).findings.filter((f) => f.severity === 'error');
        const server = await startServer(cluster, file, { socketsFromFile: true, extraArgs: ['-c', 'logging_collector=off'] });
        try {
          const fatal = server.messages.find((m) => m.level === 'FATAL')?.text ?? '';
          if (!server.started) refused++;
          if (server.started !== (errors.length === 0)) disagreements.push(`${c.name}: server ${server.started ? 'starts' : `refuses (${fatal})`}, pgvet ${errors.map((e) => e.message).join('; ') || 'accepts'}`);
          else if (!server.started && !errors.some((e) => e.ruleId === 'PGV018' && e.message.startsWith(fatal))) disagreements.push(`${c.name}: server says "${fatal}", pgvet "${errors.map((e) => e.message).join('; ')}"`);
        } finally {
          if (server.started) await server.stop();
        }
      }
      expect(disagreements).toEqual([]);
      expect(refused).toBe(9);
    }, 120_000);
  });
}
