import { defineRule } from '../../src/engine/types.js';

/**
 * The data directory on NFS (postgres-checkup a008.go flags it; the docs' "Use of Network File
 * Systems": NFS must be mounted hard and sync, and cannot be trusted otherwise).
 */
export default defineRule<'nfs'>({
  meta: {
    id: 'PGV612',
    name: 'data-on-network-filesystem',
    description: 'The data directory is on NFS (--filesystem nfs): durability depends on the mount options and the server.',
    defaultSeverity: 'warning',
    parameters: [],
    messages: {
      nfs: () => 'the data directory is on NFS: unless it is mounted hard (not soft), with sync, a write error or server restart can lose data PostgreSQL believed was on disk; prefer local or block storage',
    },
  },
  check(ctx) {
    if (ctx.host.filesystem !== 'nfs') return [];
    return [{ messageId: 'nfs', data: {}, file: ctx.config.main, line: 0, column: 0, help: 'if NFS is unavoidable: mount -o hard,sync (and no async export on the server)' }];
  },
});
