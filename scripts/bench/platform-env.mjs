import { coreTestingLib, requireFromCore, testingLib } from './packages.mjs';

const { fixtureModule } = testingLib;
const { startTestPlatform } = coreTestingLib;
const { defineChainModule } = requireFromCore('@ketenhuis/sdk');

/** A chain with one case type, so the case registry has something to register. */
const benchChain = defineChainModule({
  id: 'bench', title: { nl: 'Benchketen', fr: 'Chaîne de mesure', en: 'Bench chain' }, version: '1.0.0',
  permissions: ['bench.case.close'],
  caseTypes: [{
    id: 'bench-dossier',
    title: { nl: 'Benchdossier', fr: 'Dossier de mesure', en: 'Bench case' },
    workflow: {
      initial: 'intake',
      states: [
        { id: 'intake', title: { nl: 'Intake', fr: 'Accueil', en: 'Intake' } },
        { id: 'afgesloten', title: { nl: 'Afgesloten', fr: 'Clôturé', en: 'Closed' }, final: true },
      ],
      transitions: [{ action: 'sluit-af', from: 'intake', to: 'afgesloten', permission: 'bench.case.close' }],
    },
  }],
});

const ZONE_CODE = '9901';
const CASE_PERSONS = 20;
// Long enough to outlive any sensible BENCH_DURATION times the number of cases.
const TTL = 12 * 3600;

async function created(res, what) {
  if (res.status !== 201) throw new Error(`creating ${what} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * The district the case registry is measured in, arranged through the API as a district would:
 * a police zone and a parket working in the bench chain, each with one registered user acting for
 * it, so every case request resolves a membership and runs the visibility check of production.
 */
async function caseDistrict(t, tenant) {
  const beheerder = await t.token(tenant, { subject: 'bench-beheerder', roles: ['tenant-beheerder'], ttlSeconds: TTL });
  const post = (token, path, body, what) => t.request('POST', path, { token, body }).then((res) => created(res, what));
  const organisation = (body) => post(beheerder, '/api/v1/partners/organisations', body, `organisation ${body.name}`).then((o) => o.id);
  const orgs = {
    zone: await organisation({ name: 'Politiezone Bench', type: 'politiezone', policeZoneCode: ZONE_CODE }),
    parket: await organisation({ name: 'Parket Bench', type: 'parket', chains: [benchChain.id] }),
  };
  const member = async (name, organisationId, fn) => {
    const subject = `bench-${name}`;
    const user = await post(beheerder, '/api/v1/identity/users', { name, email: `${name}@bench.example`, subject }, `user ${name}`);
    await post(beheerder, `/api/v1/identity/users/${user.id}/memberships`, { organisationId, function: fn }, `membership of ${name}`);
    return t.token(tenant, { subject, ttlSeconds: TTL });
  };
  const inspecteur = await member('inspecteur', orgs.zone, 'politie-inspecteur');
  const jurist = await member('jurist', orgs.parket, 'parketjurist');
  const personIds = [];
  for (let i = 1; i <= CASE_PERSONS; i++) {
    personIds.push((await post(jurist, '/api/v1/persons', { firstName: `Persoon${i}`, lastName: 'Synthetisch' }, 'a person')).id);
  }
  return { chain: benchChain.id, caseType: 'bench-dossier', zoneCode: ZONE_CODE, orgs, inspecteur, jurist, personIds };
}

/**
 * One platform for every case: a fresh test database, the fixture module, a bench chain and the
 * chains the cases bring (`modules`), one tenant that enables them all with `itemCount` items made
 * through the API, a token whose role may read and write them, and the case district above (`cases`).
 */
export async function startPlatformEnv({ itemCount = 100, poolMax = 10, modules = [] } = {}) {
  const t = await startTestPlatform({ modules: [fixtureModule, benchChain, ...modules], poolMax, config: { logLevel: 'silent' } });
  try {
    const tenant = await t.createTenant('bench');
    const token = await t.token(tenant, { subject: 'bench-user', roles: ['administratief-medewerker'], ttlSeconds: TTL });
    const itemIds = [];
    for (let i = 1; i <= itemCount; i++) {
      const res = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: `Synthetic item ${i}` } });
      itemIds.push((await created(res, 'a fixture item')).id);
    }
    const cases = await caseDistrict(t, tenant);
    return { t, baseUrl: t.baseUrl, tenant, token, itemIds, cases, poolMax, close: () => t.close() };
  } catch (err) {
    await t.close();
    throw err;
  }
}

/** A case registration as the police send it: one subject and one PV of the district's zone. */
export function caseRegistration(env, i) {
  const { chain, caseType, zoneCode, personIds } = env.cases;
  return {
    chain, caseType,
    externalReferences: [{ kind: 'pv', value: `HA.55.L1.${String(i).padStart(6, '0')}/2026`, policeZoneCode: zoneCode }],
    subjects: [{ personId: personIds[i % personIds.length], role: 'verdachte' }],
  };
}

/** GETs `path` on the platform and fails unless it answers 200; a case uses it to copy a real body for its baseline. */
export async function fetchOk(env, path, token = env.token) {
  const res = await env.t.request('GET', path, { token });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** POSTs `body` to `path` on the platform and fails unless it answers 201; returns the created body. */
export async function postCreated(env, path, body, token = env.token) {
  return created(await env.t.request('POST', path, { token, body }), `POST ${path}`);
}
