import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting, valueOf } from '../utils/locate.js';

/**
 * random_page_cost and effective_io_concurrency describe the storage to the planner. The
 * defaults (4.0, and 1 before 18) model spinning disks; on SSD/NVMe/SAN everyone uses
 * random_page_cost = 1.1 and effective_io_concurrency 200 (PGTune, peer-tools.md §4.17–18).
 */
const EIC: Record<string, number> = { ssd: 200, nvme: 1000, san: 300, hdd: 2 };

export default defineRule<'rpcFast' | 'rpcHdd' | 'eicLow' | 'eicHdd'>({
  meta: {
    id: 'PGV501',
    name: 'planner-costs-for-storage',
    description: 'random_page_cost or effective_io_concurrency that describe another kind of storage than the host has.',
    defaultSeverity: 'info',
    needs: ['storage'],
    parameters: ['random_page_cost', 'effective_io_concurrency'],
    messages: {
      rpcFast: (d) => `random_page_cost = ${d.value} models spinning disks; on ${d.storage} a random read costs about the same as a sequential one (1.1), and index scans will be chosen more often, correctly`,
      rpcHdd: (d) => `random_page_cost = ${d.value} on hdd makes random reads look nearly as cheap as sequential ones; the default 4 fits spinning disks`,
      eicLow: (d) => `effective_io_concurrency = ${d.value} on ${d.storage}: the device can serve many concurrent reads (${d.target} is usual)`,
      eicHdd: (d) => `effective_io_concurrency = ${d.value} on hdd: a single disk serves about 2 reads at once`,
    },
  },
  check(ctx) {
    const storage = ctx.host.storage!;
    const out: RuleFinding<'rpcFast' | 'rpcHdd' | 'eicLow' | 'eicHdd'>[] = [];
    const rpc = Number(valueOf(ctx, 'random_page_cost'));
    const eic = Number(valueOf(ctx, 'effective_io_concurrency'));
    const rpcAt = { ...locateSetting(ctx, 'random_page_cost'), parameter: 'random_page_cost' };
    const eicAt = { ...locateSetting(ctx, 'effective_io_concurrency'), parameter: 'effective_io_concurrency' };
    if (storage !== 'hdd' && rpc >= 2) out.push({ messageId: 'rpcFast', data: { value: rpc, storage }, ...rpcAt, suggestion: 'random_page_cost = 1.1' });
    if (storage === 'hdd' && rpc < 2) out.push({ messageId: 'rpcHdd', data: { value: rpc }, ...rpcAt, suggestion: 'random_page_cost = 4' });
    if (storage !== 'hdd' && eic < 16) out.push({ messageId: 'eicLow', data: { value: eic, storage, target: EIC[storage]! }, ...eicAt, suggestion: `effective_io_concurrency = ${EIC[storage]}` });
    // 18 raised the default to 16, judged safe for low-IOPS devices too (commit ff79b5b)
    if (storage === 'hdd' && eic > 16) out.push({ messageId: 'eicHdd', data: { value: eic }, ...eicAt, suggestion: 'effective_io_concurrency = 2' });
    return out;
  },
});
