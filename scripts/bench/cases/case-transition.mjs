import { requireFromCore } from '../packages.mjs';
import { postCreated } from '../platform-env.mjs';

const { defineChainModule } = requireFromCore('@ketenhuis/sdk');

const CASES = Number(process.env.BENCH_TRANSITION_CASES ?? 500);
const PARALLEL = 8;
if (!Number.isInteger(CASES) || CASES < 1) throw new Error(`BENCH_TRANSITION_CASES must be a whole number of at least 1, got "${process.env.BENCH_TRANSITION_CASES}"`);

/**
 * A workflow that never ends: `wissel` leads from each of its two states to the other, so the
 * same request is valid whatever state a case is in. Only the inspecteur's function may take it,
 * and the inspecteur's zone takes part in every case it registers.
 */
const cycleChain = defineChainModule({
  id: 'bench-cycle', title: { nl: 'Benchcyclus', fr: 'Cycle de mesure', en: 'Bench cycle' }, version: '1.0.0',
  permissions: ['bench-cycle.case.move'],
  grants: { 'politie-inspecteur': ['bench-cycle.case.move'] },
  caseTypes: [{
    id: 'cyclus',
    title: { nl: 'Cyclus', fr: 'Cycle', en: 'Cycle' },
    workflow: {
      initial: 'heen',
      states: [
        { id: 'heen', title: { nl: 'Heen', fr: 'Aller', en: 'There' } },
        { id: 'terug', title: { nl: 'Terug', fr: 'Retour', en: 'Back' } },
      ],
      transitions: [
        { action: 'wissel', from: 'heen', to: 'terug', permission: 'bench-cycle.case.move' },
        { action: 'wissel', from: 'terug', to: 'heen', permission: 'bench-cycle.case.move' },
      ],
    },
  }],
});

async function seedCases(env, token) {
  const ids = new Array(CASES);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < CASES; i = next++) {
      ids[i] = (await postCreated(env, '/api/v1/cases', { chain: cycleChain.id, caseType: 'cyclus' }, token)).id;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return ids;
}

// One workflow transition among BENCH_TRANSITION_CASES (default 500) cases of the bench cycle
// chain, taken by the police inspector whose zone registered them: the membership lookup, body
// validation, the visibility check, the workflow lookup and permission check, the state change
// under its optimistic check, the timeline entry, the clocks bookkeeping, the outbox event and
// the audit record in one transaction, then the case read back for the answer. No two requests
// are in flight for the same case (exclusiveSlots), as two at once would rightly answer 409.
export default {
  name: `POST /cases/{id}/transitions (${CASES} cases)`,
  modules: [cycleChain],
  async setup(env) {
    const { inspecteur } = env.cases;
    const ids = await seedCases(env, inspecteur);
    const path = (id) => `/api/v1/cases/${id}/transitions`;
    const body = { action: 'wissel' };
    return {
      baseline: { method: 'post', route: '/api/v1/cases/:id/transitions', body: await postOk(env, path(ids[0]), body, inspecteur) },
      // A read of the case to move: the floor of a request, not of a write (see docs/performance.md).
      floor: { sql: 'SELECT id FROM cases WHERE id = $1', params: (req) => [req.params.id] },
      requests: [{ method: 'POST', path: path('{slot}'), headers: { authorization: `Bearer ${inspecteur}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }],
      exclusiveSlots: ids,
    };
  },
};

/** A transition answers 200 with the moved case; its body is what the baseline serves. */
async function postOk(env, path, body, token) {
  const res = await env.t.request('POST', path, { token, body });
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
