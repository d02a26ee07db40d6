import { caseRegistration, fetchOk, postCreated } from '../platform-env.mjs';

const CASES = Number(process.env.BENCH_CASES ?? 1_000);
const PARALLEL = 8;
if (!Number.isInteger(CASES) || CASES < 1) throw new Error(`BENCH_CASES must be a whole number of at least 1, got "${process.env.BENCH_CASES}"`);

/** Registers the cases through the API, as the police would, a few at a time. */
async function seedCases(env) {
  const ids = new Array(CASES);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < CASES; i = next++) {
      ids[i] = (await postCreated(env, '/api/v1/cases', caseRegistration(env, 100_000 + i), env.cases.inspecteur)).id;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return ids;
}

// One case by id among BENCH_CASES (default 1,000) registered by the police zone, read by the
// parket of the chain: the membership lookup, the visibility check (not a participant, so the
// parket's chains decide), the case with its PV, subject, participant and link queries, and an
// audit record written in the same transaction.
export default {
  name: `GET /cases/{id} (${CASES} cases)`,
  async setup(env) {
    const ids = await seedCases(env);
    const path = (id) => `/api/v1/cases/${id}`;
    const { jurist } = env.cases;
    return {
      baseline: { method: 'get', route: '/api/v1/cases/:id', body: await fetchOk(env, path(ids[0]), jurist) },
      floor: { sql: 'SELECT id FROM cases WHERE id = $1', params: (req) => [req.params.id] },
      // Each connection walks all cases, so the database does not answer one hot row.
      requests: ids.map((id) => ({ method: 'GET', path: path(id), headers: { authorization: `Bearer ${jurist}` } })),
    };
  },
};
