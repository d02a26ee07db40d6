import { testingLib } from '../packages.mjs';
import { fetchOk } from '../platform-env.mjs';

const { mulberry32, syntheticNationalNumber, syntheticName } = testingLib;
const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const BATCH = 2_000;

/**
 * Seeds the registry with synthetic persons (encrypted numbers and their keyed hashes, made with
 * the platform's own cipher), straight into the tenant's table: the API would take minutes.
 */
async function seedPersons(env) {
  const { platform } = env.t;
  const rng = mulberry32(97);
  const numbers = new Set();
  while (numbers.size < PERSONS) numbers.add(syntheticNationalNumber(rng));
  const all = [...numbers];
  for (let i = 0; i < all.length; i += BATCH) {
    const slice = all.slice(i, i + BATCH);
    const names = slice.map(() => syntheticName(rng));
    await platform.uow.run({ tenantId: env.tenant.id, tenantSlug: env.tenant.slug }, (scope) => scope.query(
      `INSERT INTO persons (tenant_id, first_name, last_name, national_number_ciphertext, national_number_index, national_number_kind)
       SELECT $1, f, l, c, x, 'rrn' FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(f, l, c, x)`,
      [env.tenant.id, names.map((n) => n.firstName), names.map((n) => n.lastName),
        slice.map((d) => platform.cipher.encrypt(d, env.tenant.id)), slice.map((d) => platform.cipher.blindIndex(d, env.tenant.id))]));
  }
  return all;
}

// National-number search over a registry of BENCH_PERSONS (default 100,000) persons: parse and
// check digits, keyed hash, one indexed lookup under RLS, decryption for the answer, and an audit
// record written in the same transaction.
export default {
  name: `GET /persons?nationalNumber= (${PERSONS} persons)`,
  async setup(env) {
    const numbers = await seedPersons(env);
    const sample = numbers.filter((_, i) => i % Math.ceil(numbers.length / 1000) === 0);
    const path = (d) => `/api/v1/persons?nationalNumber=${d}`;
    return {
      baseline: { method: 'get', route: '/api/v1/persons', body: await fetchOk(env, path(sample[0])) },
      // The keyed hash is part of the floor: no request finds an encrypted number without it.
      floor: {
        sql: 'SELECT id FROM persons WHERE national_number_index = $1',
        params: (req, auth) => [env.t.platform.cipher.blindIndex(req.query.nationalNumber, auth.tenantId)],
      },
      requests: sample.map((d) => ({ method: 'GET', path: path(d), headers: { authorization: `Bearer ${env.token}` } })),
    };
  },
};
