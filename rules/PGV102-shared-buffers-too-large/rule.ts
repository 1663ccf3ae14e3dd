import { defineRule, type RuleFinding } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';
import { bytesOf, percent, roundSize } from '../utils/host-math.js';
import { formatBytes } from '../../src/catalog/values.js';

/**
 * shared_buffers beyond 40% of RAM ("unlikely that an allocation of more than 40% of RAM to
 * shared_buffers will work better than a smaller amount", runtime-config-resource), or at least
 * the whole RAM (or container limit), which the kernel cannot give.
 */
export default defineRule<'large' | 'overRam'>({
  meta: {
    id: 'PGV102',
    name: 'shared-buffers-too-large',
    description: 'shared_buffers above 40% of RAM (rarely better, starves the OS cache) or above the RAM itself.',
    defaultSeverity: 'warning',
    needs: ['ramBytes'],
    parameters: ['shared_buffers'],
    messages: {
      large: (d) => `shared_buffers is ${d.value}, ${d.pct} of ${d.ram} RAM; above 40% it rarely helps and leaves too little for the OS cache (25% is ${d.target})`,
      overRam: (d) => `shared_buffers is ${d.value}, at least the host's ${d.ram} of ${d.what}: the server cannot map that much shared memory`,
    },
  },
  check(ctx) {
    const ram = ctx.host.ramBytes!;
    const sb = bytesOf(ctx, 'shared_buffers');
    const target = formatBytes(roundSize(ram / 4));
    const at = { ...locateSetting(ctx, 'shared_buffers'), parameter: 'shared_buffers', suggestion: `shared_buffers = ${target}` };
    const out: RuleFinding<'large' | 'overRam'>[] = [];
    if (sb >= ram) out.push({ messageId: 'overRam', data: { value: formatBytes(sb), ram: formatBytes(ram), what: ctx.host.containerLimited ? 'container memory limit' : 'RAM' }, ...at });
    else if (sb > 0.4 * ram) out.push({ messageId: 'large', data: { value: formatBytes(sb), pct: percent(sb, ram), ram: formatBytes(ram), target }, ...at });
    return out;
  },
});
