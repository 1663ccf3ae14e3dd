import { defineRule } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';
import { bytesOf } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * huge_pages = off with a large buffer pool: page tables for gigabytes of shared memory in 4kB
 * pages cost every backend memory and the CPU TLB misses (runtime-config-resource, huge_pages;
 * PGTune suggests "try" from 2GB of shared_buffers).
 */
const HUGE_PAGE = 2 * 1024 ** 2;

export default defineRule({
  meta: {
    id: 'PGV103',
    name: 'huge-pages',
    description: 'huge_pages = off with 2GB or more of shared_buffers: use huge pages (try) and reserve them.',
    defaultSeverity: 'info',
    parameters: ['huge_pages', 'shared_buffers'],
    messages: {
      off: (d) => `huge_pages = off with shared_buffers = ${d.sb}: huge pages save page-table memory in every backend and TLB misses; reserve about ${d.pages} 2MB pages (vm.nr_hugepages) and set huge_pages = try`,
    },
  },
  check(ctx) {
    if (valueOf(ctx, 'huge_pages') !== 'off') return [];
    const sb = bytesOf(ctx, 'shared_buffers');
    if (sb < 2 * 1024 ** 3) return [];
    // shared memory ≈ 1.03 × shared_buffers + the rest (postgres-facts §3.3); PG15+ tells exactly: postgres -C shared_memory_size_in_huge_pages
    const pages = Math.ceil((sb * 1.03 + 64 * 1024 ** 2) / HUGE_PAGE);
    return [{ messageId: 'off' as const, data: { sb: formatBytes(sb), pages }, ...locateSetting(ctx, 'huge_pages'), parameter: 'huge_pages', suggestion: 'huge_pages = try', help: ctx.version >= 15 ? 'the exact count: postgres -C shared_memory_size_in_huge_pages -D $PGDATA' : 'count: (shared memory size) / 2MB' }];
  },
});
