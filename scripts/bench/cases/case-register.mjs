import { caseRegistration, postCreated } from '../platform-env.mjs';

const VARIANTS = 100;

// Case registration by a police inspector (a registered user acting for the zone): the
// membership lookup, OpenAPI body validation, the chain and zone checks, the reference number
// taken under the chain's counter row lock (so concurrent registrations queue), the case, its
// participant, PV, subject and timeline rows, an outbox event and the audit record, all in one
// transaction, then the case read back for the answer.
export default {
  name: 'POST /cases (1 subject, 1 PV)',
  async setup(env) {
    const { inspecteur } = env.cases;
    const headers = { authorization: `Bearer ${inspecteur}`, 'content-type': 'application/json' };
    return {
      baseline: { method: 'post', route: '/api/v1/cases', status: 201, body: await postCreated(env, '/api/v1/cases', caseRegistration(env, 0), inspecteur) },
      // A read of the subject the registration names: the floor of a request, not of a write
      // (see docs/performance.md).
      floor: { sql: 'SELECT id FROM persons WHERE id = $1', params: (req) => [req.body.subjects[0].personId] },
      // Different subjects and PVs, so no request repeats the one before it on a connection.
      requests: Array.from({ length: VARIANTS }, (_, i) => ({
        method: 'POST', path: '/api/v1/cases', headers, body: JSON.stringify(caseRegistration(env, i + 1)),
      })),
    };
  },
};
