// yargs only uses strictEqual and notStrictEqual from node:assert, whose loading costs ~2.5 ms of
// cold start (it pulls in the assertion-error and colour machinery). The bundle uses these two.
export function strictEqual(actual, expected, message) {
  if (actual !== expected) throw new Error(message ?? `Expected ${String(actual)} to be ${String(expected)}`);
}
export function notStrictEqual(actual, expected, message) {
  if (actual === expected) throw new Error(message ?? `Expected ${String(actual)} not to be ${String(expected)}`);
}
export default { strictEqual, notStrictEqual };
