import { defineRule } from '../../src/engine/types.js';
import { locateSetting } from '../utils/locate.js';

/** ReadControlFile: min_wal_size and max_wal_size must each be at least two WAL segments. */
const SEGMENT_MB = 16; // initdb's default --wal-segsize; pgvet assumes it

export default defineRule({
  meta: {
    id: 'PGV013',
    name: 'wal-size-below-two-segments',
    description: 'min_wal_size or max_wal_size below two WAL segments (32MB with the default 16MB segments): the server refuses to start.',
    defaultSeverity: 'error',
    parameters: ['min_wal_size', 'max_wal_size'],
    messages: {
      small: (d) => `"${d.name}" must be at least twice "wal_segment_size": it is ${d.value}MB, two ${SEGMENT_MB}MB segments need ${2 * SEGMENT_MB}MB`,
    },
  },
  check(ctx) {
    return ['min_wal_size', 'max_wal_size'].flatMap((name) => {
      const mb = ctx.settings.num(name);
      // ConvertToXSegs: integer division of MB by the segment size
      if (Math.floor(mb / SEGMENT_MB) >= 2) return [];
      return [{ messageId: 'small' as const, data: { name, value: mb }, ...locateSetting(ctx, name), parameter: name, suggestion: `${name} = ${2 * SEGMENT_MB}MB`, help: 'assumes the default 16MB WAL segments (initdb --wal-segsize)' }];
    });
  },
});
