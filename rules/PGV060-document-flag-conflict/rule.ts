import { defineRule } from '../../src/engine/types.js';

/**
 * A platform check: it runs on a carrier's server model (src/carriers/checks.ts, with the
 * platform facts of src/carriers/platforms/*.json), not on a postgresql.conf, so check() has
 * nothing to read in a plain configuration file. The metadata and messages live here.
 */
export default defineRule<'version' | 'host'>({
  meta: {
    id: 'PGV060',
    name: 'document-flag-conflict',
    description: "A flag disagrees with what the document states (major version, memory, CPUs, replicas): the flag wins.",
    defaultSeverity: 'info',
    messages: {
      version: (d) => `--pg-version ${d.flag} disagrees with the document, which runs PostgreSQL ${d.stated} (${d.from}: ${d.raw}): checked against ${d.flag}`,
      host: (d) => `${d.flag} ${d.given} disagrees with the document's ${d.own}: checked with ${d.given}`,
    },
  },
  check: () => [],
});
