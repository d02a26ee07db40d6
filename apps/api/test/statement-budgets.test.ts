import mModule from '@ketenhuis/chain-m';
import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';

/**
 * How many database statements (round trips, BEGIN and COMMIT included) each request a user
 * waits on costs, counted on the application pool: a budget per endpoint, so a change that adds
 * a round trip to a hot path fails here rather than in production. When a feature needs more,
 * the budget changes in the same commit, with the reason. Counted after a first request of the
 * same user, which pays once for what is cached (the actor and its grants).
 */
const BUDGETS = {
  // The tenant bound with START TRANSACTION; the case in one statement; the audit record sent
  // with COMMIT (atCommit).
  'GET /cases/{id}': 3,
  'GET /cases': 3,
  'GET /persons?nationalNumber=': 3,
  // The case with its participant; the clock's setting and deadline; the event; then the number,
  // reference, timeline entry and the case as answered in one statement (ADR 0013); the audit
  // record with COMMIT.
  'POST /cases': 7,
  'POST /cases/{id}/transitions': 7,
};

describe('statements per request', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let jurist: string;
  let inspecteur: string;
  const measured: Record<string, number> = {};

  /** Statements the request cost; nothing else runs against the pool meanwhile (no worker). */
  async function count(label: keyof typeof BUDGETS, send: () => Promise<Response>, status: number): Promise<number> {
    const before = t.platform.statements.total;
    const res = await send();
    expect({ label, status: res.status }).toEqual({ label, status });
    await res.arrayBuffer();
    measured[label] = t.platform.statements.total - before;
    return measured[label];
  }

  const registerCase = (token: string) => t.request('POST', '/api/v1/cases', {
    token, body: { chain: 'm', caseType: 'snelrecht', fields: { pvDate: '2026-12-01', arrest: false } },
  });

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [mModule] });
    const h = identityHelpers(t);
    tenant = await t.createTenant('limburg', ['m']);
    const beheerder = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const parket = await h.organisation(beheerder, 'Parket Limburg', 'parket', { chains: ['m'] });
    const zone = await h.organisation(beheerder, 'Politiezone Carma', 'politiezone', { policeZoneCode: '9931' });
    await h.user(beheerder, { name: 'jurist', email: 'jurist@limburg.example', subject: 'jurist' }, [[parket, 'parketjurist']]);
    await h.user(beheerder, { name: 'inspecteur', email: 'inspecteur@limburg.example', subject: 'inspecteur' }, [[zone, 'politie-inspecteur']]);
    jurist = await t.token(tenant, { subject: 'jurist' });
    inspecteur = await t.token(tenant, { subject: 'inspecteur' });
    // A first request of each user, and a little history, before anything is counted.
    for (let i = 0; i < 3; i++) expect((await registerCase(inspecteur)).status).toBe(201);
    expect((await t.request('GET', '/api/v1/cases', { token: jurist })).status).toBe(200);
  });
  afterAll(async () => {
    process.stdout.write(`statements per request: ${JSON.stringify(measured)}\n`);
    await t.close();
  });

  it('registers a case within its budget', async () => {
    expect(await count('POST /cases', () => registerCase(inspecteur), 201)).toBeLessThanOrEqual(BUDGETS['POST /cases']);
  });

  it('reads a case within its budget', async () => {
    const created = (await (await registerCase(inspecteur)).json()) as { id: string };
    expect(await count('GET /cases/{id}', () => t.request('GET', `/api/v1/cases/${created.id}`, { token: jurist }), 200)).toBeLessThanOrEqual(BUDGETS['GET /cases/{id}']);
  });

  it('lists cases within its budget', async () => {
    expect(await count('GET /cases', () => t.request('GET', '/api/v1/cases?limit=20', { token: jurist }), 200)).toBeLessThanOrEqual(BUDGETS['GET /cases']);
  });

  it('finds a person by national number within its budget', async () => {
    const nationalNumber = syntheticNationalNumber(mulberry32(7));
    expect((await t.request('POST', '/api/v1/persons', { token: jurist, body: { firstName: 'Test', lastName: 'Persoon', nationalNumber } })).status).toBe(201);
    const path = `/api/v1/persons?nationalNumber=${nationalNumber}`;
    expect(await count('GET /persons?nationalNumber=', () => t.request('GET', path, { token: jurist }), 200)).toBeLessThanOrEqual(BUDGETS['GET /persons?nationalNumber=']);
  });

  it('takes a transition within its budget', async () => {
    const created = (await (await registerCase(inspecteur)).json()) as { id: string };
    const body = { action: 'plan-hoorzitting', input: { hearingDate: '2027-01-15T09:00:00+01:00' } };
    const send = () => t.request('POST', `/api/v1/cases/${created.id}/transitions`, { token: jurist, body });
    expect(await count('POST /cases/{id}/transitions', send, 200)).toBeLessThanOrEqual(BUDGETS['POST /cases/{id}/transitions']);
  });
});
