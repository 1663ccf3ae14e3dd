/**
 * Jest setup: the tests run on a fixed date, so that what they expect does not change with the
 * calendar. On 2024-06-01 no supported major is past or near its end of life, so the lifecycle
 * rules (PGV801, PGV802) stay quiet unless a test sets its own date (a case's `today`, or
 * SOURCE_DATE_EPOCH for a spawned CLI). An explicit SOURCE_DATE_EPOCH wins.
 */
process.env.SOURCE_DATE_EPOCH ??= String(Date.UTC(2024, 5, 1) / 1000);
