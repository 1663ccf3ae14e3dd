/** "Did you mean": the closest names by edit distance (Damerau–Levenshtein, optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** Candidates within a distance that grows with the name's length, best first. */
export function closestNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(lower.length / 4)));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const dist = editDistance(lower, c.toLowerCase());
    if (dist <= limit) scored.push([c, dist]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).map(([c]) => c);
}
