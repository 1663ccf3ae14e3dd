/**
 * "Did you mean": the closest names by edit distance (Damerau–Levenshtein, optimal string
 * alignment). Only names within a small distance count, so the work is bounded: a candidate whose
 * length differs by more than the limit is skipped at once, and the distance is computed in a band
 * of width 2 × limit + 1 that stops as soon as every cell of a row is over the limit. A 100,000
 * character name costs one length comparison per candidate.
 */

/** The full edit distance (for tests and short strings). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The edit distance of a and b if it is at most `limit`, else limit + 1. Time O(min(|a|,|b|) ×
 * limit), memory O(|b|).
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (m === 0 || n === 0) return Math.max(m, n);
  const over = limit + 1;
  // three rows: i - 2, i - 1, i; cells outside the band hold `over` (reused: no allocation per call)
  if (rows[0]!.length < n + 1) rows = [0, 1, 2].map(() => new Int32Array(Math.max(n + 1, rows[0]!.length * 2)));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  prev2.fill(over, 0, n + 1);
  prev.fill(over, 0, n + 1);
  cur.fill(over, 0, n + 1);
  for (let j = 0; j <= Math.min(n, limit); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(n, i + limit);
    cur.fill(over, Math.max(0, from - 2), Math.min(n, to + 1) + 1);
    cur[0] = i <= limit ? i : over;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, over);
}

/** Candidates within a distance that grows with the name's length (at most 3), best first. */
export function closestNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(lower.length / 4)));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    // the cheap test first: names this far apart in length cannot be this close
    if (Math.abs(c.length - lower.length) > limit) continue;
    const dist = boundedDistance(lower, c.toLowerCase(), limit);
    if (dist <= limit) scored.push([c, dist]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).map(([c]) => c);
}
