import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { CHECKS } from '../../src/guidance/checks.js';
import { approxBytes, formatBytes } from '../../src/format.js';
import { at } from '../utils/values.js';

const GIG = 1024 ** 3;

type Msg = 'howMany' | 'tooFew' | 'gigantic';

/**
 * huge_pages = try (the default) silently falls back to 4kB pages when too few huge pages are
 * reserved (postgresqltuner: VmPeak / Hugepagesize → vm.nr_hugepages; docs/reference/dba-review.md#m11). The
 * count is the simulator's shared_memory_size_in_huge_pages (calibrated against real servers).
 * huge_pages = off is PGV103; = on without pages is PGV015.
 */
export default defineRule<Msg>({
  meta: {
    id: 'PGV112',
    name: 'huge-pages-reservation',
    description: 'huge_pages = try with a large shared_buffers: how many huge pages to reserve, or the host has fewer reserved than the server needs and it falls back to 4kB pages.',
    defaultSeverity: 'info',
    parameters: ['huge_pages', 'shared_buffers', 'huge_page_size'],
    messages: {
      howMany: (d) => `huge_pages = try with shared_buffers = ${d.sb}: reserve ${d.pages} huge pages of ${d.size} (vm.nr_hugepages) for the ${d.shm} of shared memory, or the server silently falls back to 4kB pages and every backend pays page tables for it`,
      gigantic: (d) => `${d.shm} of shared memory on ${d.size} huge pages is ${d.pages} pages: on a dedicated host, 1GB pages (huge_page_size = 1GB, reserved at boot with hugepagesz=1G hugepages=${d.gigPages}) need 512 times fewer TLB entries`,
      tooFew: (d) => `huge_pages = try, but the host reserves ${d.reserved} huge pages and this configuration needs ${d.pages} (${d.shm} of shared memory): the server starts on 4kB pages; raise vm.nr_hugepages to ${d.pages}`,
    },
  },
  check(ctx) {
    const out: RuleFinding<Msg>[] = [];
    const mode = ctx.settings.str('huge_pages');
    if (mode === 'off') return out;
    const shm = ctx.estimate().sharedMemory;
    // postgresqltuner: prefer 1GB pages on dedicated hosts; huge_page_size exists from 14
    if (ctx.settings.has('huge_page_size') && ctx.settings.bytes('huge_page_size') === 0 && shm.hugePageSize < GIG && shm.bytes >= CHECKS.gigaPagesSharedMemory) {
      out.push({ messageId: 'gigantic', data: { shm: approxBytes(shm.bytes), size: formatBytes(shm.hugePageSize), pages: shm.hugePages, gigPages: Math.ceil(shm.bytes / GIG) }, ...at(ctx, 'huge_page_size'), suggestion: 'huge_page_size = 1GB' });
    }
    if (mode !== 'try') return out;
    const data = { pages: shm.hugePages, size: formatBytes(shm.hugePageSize), shm: approxBytes(shm.bytes) };
    const reserved = ctx.host.hugePages;
    if (typeof reserved === 'number' && reserved < shm.hugePages) {
      out.push({ messageId: 'tooFew', data: { ...data, reserved }, ...at(ctx, 'huge_pages') });
      return out;
    }
    if (reserved === undefined || reserved === false) {
      const sb = ctx.settings.bytes('shared_buffers');
      if (sb >= CHECKS.hugePagesSharedBuffers) out.push({ messageId: 'howMany', data: { ...data, sb: formatBytes(sb) }, ...at(ctx, 'huge_pages'), help: 'once reserved, huge_pages = on makes a missing reservation a start-up error instead of a silent fallback' });
    }
    return out;
  },
});
