import chainM from '@ketenhuis/chain-m';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { fixtureModule } from '@ketenhuis/testing';
import { fuzzContexts } from './support/fuzz/contexts';
import { buildDistrict, type District } from './support/fuzz/district';
import { dumpOutcomes } from './support/fuzz/dump';
import { FUZZ_CONCURRENCY, FUZZ_DUMP, FUZZ_HEAVY_REQUESTS, FUZZ_REQUESTS, FUZZ_SEED } from './support/fuzz/knobs';
import { operationsOf, type OpenApiDoc, type Operation } from './support/fuzz/openapi-operations';
import { toWire } from './support/fuzz/request-plan';
import { schedule } from './support/fuzz/schedule';
import { sendAll, type Outcome } from './support/fuzz/send';
import { describeFailure, failureReport, judge, type Failure } from './support/fuzz/verdict';

// Malformed requests against every operation of the served OpenAPI document (core and each
// installed chain module), derived from the operation's own schemas, with ids of real objects so
// the requests reach the handlers. The platform must never answer 5xx, must answer every 4xx as
// problem+json carrying its status, and must still be ready afterwards.
// Replay a failing run with FUZZ_SEED=<seed> (printed in every failure); FUZZ_REQUESTS sets the size.
describe('OpenAPI-driven fuzzing', () => {
  let t: TestPlatform;
  let home: District;
  let operations: Operation[];
  let baselines: Outcome[];
  let outcomes: Outcome[];
  let catalogueSize = 0;
  let seconds = 0;
  // About 6 ms a request on two idle cores; the margin is for a machine busy with other suites.
  const HOOK_TIMEOUT_MS = Math.max(240_000, FUZZ_REQUESTS * 25);
  const seedNote = `(seed ${FUZZ_SEED}; replay with FUZZ_SEED=${FUZZ_SEED} FUZZ_REQUESTS=${FUZZ_REQUESTS})`;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, chainM] });
    home = await buildDistrict(t, 'fuzz-a');
    const away = await buildDistrict(t, 'fuzz-b');
    const served = await fetch(`${t.baseUrl}/api/v1/openapi.json`);
    expect(served.status).toBe(200);
    operations = operationsOf(await served.json() as OpenApiDoc);

    const started = Date.now();
    const plan = schedule(fuzzContexts(operations, home, away), FUZZ_REQUESTS, FUZZ_SEED, FUZZ_HEAVY_REQUESTS);
    catalogueSize = plan.catalogueSize;
    const controls = new Map(plan.baselines.map((b) => [b.plan.op.key, toWire(b.plan, home)]));
    // No control for a race's copies: it would race them too, and tell nothing.
    const wire = (ms: typeof plan.mutations) => ms.map((mutation) => ({
      mutation, wire: toWire(mutation.plan, home), control: mutation.burst ? undefined : controls.get(mutation.plan.op.key),
    }));
    // The valid requests first, one at a time, while every object is as arranged.
    baselines = await sendAll(t.baseUrl, wire(plan.baselines), 1);
    outcomes = await sendAll(t.baseUrl, wire(plan.mutations), FUZZ_CONCURRENCY);
    seconds = (Date.now() - started) / 1000;
    if (FUZZ_DUMP) dumpOutcomes(FUZZ_DUMP, [...baselines, ...outcomes]);
    const statuses = new Map<number, number>();
    for (const o of [...baselines, ...outcomes]) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
    console.log(`openapi fuzz ${seedNote}: ${operations.length} operations, ${baselines.length + outcomes.length} requests `
      + `(catalogue of ${catalogueSize}) in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, HOOK_TIMEOUT_MS);
  afterAll(() => t?.close());

  it('sends fuzz requests to every operation of the served document', () => {
    const reached = new Set(outcomes.map((o) => o.mutation.plan.op.key));
    const missing = operations.filter((op) => !reached.has(op.key)).map((op) => op.key);
    if (missing.length) throw new Error(`operations of the document that got no fuzz request ${seedNote}:\n  ${missing.join('\n  ')}`);
    expect(operations.length).toBeGreaterThan(0);
    expect(baselines.length + outcomes.length).toBeGreaterThanOrEqual(Math.min(FUZZ_REQUESTS, 2_000));
  });

  it('gets each operation\'s valid request past authentication and permissions, so the fuzz reaches the handlers', () => {
    // A 401/403 here means the fuzzer picked the wrong caller (support/fuzz/actor-for-operation.ts).
    const refused = baselines.filter((o) => o.status === 401 || o.status === 403);
    if (refused.length) {
      throw new Error(`valid requests refused before their handler ${seedNote}:\n${refused.map((o) => describeFailure({ outcome: o, reasons: [`status ${o.status}`] })).join('\n')}`);
    }
  });

  it('answers no request with a 5xx (or not at all)', () => {
    const failures: Failure[] = [...baselines, ...outcomes].filter((o) => o.status === 0 || o.status >= 500).map((o) => ({ outcome: o, reasons: judge(o) }));
    if (failures.length) throw new Error(failureReport(failures, FUZZ_SEED, FUZZ_REQUESTS));
  });

  it('answers every 4xx with application/problem+json whose status is the HTTP status', () => {
    const failures: Failure[] = [...baselines, ...outcomes]
      .filter((o) => o.status >= 400 && o.status < 500)
      .map((o) => ({ outcome: o, reasons: judge(o) }))
      .filter((f) => f.reasons.length > 0);
    if (failures.length) throw new Error(failureReport(failures, FUZZ_SEED, FUZZ_REQUESTS));
  });

  it('is still ready after the run', async () => {
    const res = await fetch(`${t.baseUrl}/readyz`);
    const text = await res.text();
    expect({ status: res.status, ready: res.status === 200 ? (JSON.parse(text) as { status: string }).status : text, seed: FUZZ_SEED })
      .toEqual({ status: 200, ready: 'ready', seed: FUZZ_SEED });
  });
});
