/**
 * The run's knobs, from the environment: FUZZ_SEED replays a run (it is printed with every
 * failure), FUZZ_REQUESTS sets how many requests a run sends in total.
 */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(raw)}`);
  return value;
}

/** Random unless given: each run of the suite explores other values. */
export const FUZZ_SEED = positiveInt('FUZZ_SEED', Math.floor(Math.random() * 2 ** 31));
export const FUZZ_REQUESTS = positiveInt('FUZZ_REQUESTS', 2_400);
/** Requests in flight at once: a few partner systems, not a load test. */
export const FUZZ_CONCURRENCY = 8;
/** How many megabyte-sized requests a run sends (bodies and query strings), on random operations. */
export const FUZZ_HEAVY_REQUESTS = 12;
/** A file to write every request and answer to (support/fuzz/dump.ts); none by default. */
export const FUZZ_DUMP = process.env.FUZZ_DUMP || undefined;
