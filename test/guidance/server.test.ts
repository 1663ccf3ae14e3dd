/**
 * The real servers' verdict on the guidance: every recommendation for a small and a big host,
 * written as a postgresql.conf, is accepted by PostgreSQL 13–18 (`postgres -C`), and on 15+ the
 * vm.nr_hugepages count the policy gives is the server's own shared_memory_size_in_huge_pages.
 */
import { PG_MAJORS, type PgMajor } from '../../src/catalog/types.js';
import type { GuidanceResult } from '../../src/guidance/index.js';
import { checkConfigFile, getCluster, pgAvailable, writeScratch } from '../support/pg.js';
import { run, type HostCase } from './support.js';

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Every recommendation as a conf line (all quoted: the file syntax accepts it for every type). */
function confOf(r: GuidanceResult): string {
  return r.params.map((g) => `${g.name} = ${quote(g.recommended.text)}`).join('\n') + '\n';
}

const hosts = (version: PgMajor): HostCase[] => [
  { ram: 1, cores: 1, workload: 'web', storage: 'ssd', version },
  { ram: 64, cores: 16, workload: 'oltp', storage: 'nvme', version, replicas: 2 },
];

describe.each(PG_MAJORS.map((v) => [v] as const))('PostgreSQL %i', (version) => {
  const maybe = pgAvailable(version) ? test : test.skip;
  for (const h of hosts(version)) {
    maybe(`accepts every recommendation for ${h.ram}GB/${h.cores} ${h.workload}${h.replicas ? ' with replicas' : ''}`, async () => {
      const r = run(h);
      const cluster = await getCluster(version);
      const file = writeScratch(cluster, `guidance/${h.ram}gb.conf`, confOf(r));
      const check = await checkConfigFile(cluster, file);
      expect(check.stderr).toBe('');
      expect(check.accepted).toBe(true);
      const huge = r.byName.get('huge_pages')!;
      if (version >= 15) {
        const pages = await checkConfigFile(cluster, file, { show: 'shared_memory_size_in_huge_pages' });
        expect(pages.accepted).toBe(true);
        expect(Number(pages.value)).toBe(huge.inputs['vm.nr_hugepages']);
      }
    }, 60_000);
  }
});
