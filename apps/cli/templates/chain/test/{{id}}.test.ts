import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import chainModule, { CHAIN_ID } from '../src';

// Chain {{id}} on the real platform (real PostgreSQL, fresh database): the kernel validates it at
// boot, a district arranged through the API registers a case and moves it along its workflow.
describe('chain {{id}}', () => {
  let t: TestPlatform;
  const tokens: Record<'magistraat' | 'parketjurist', string> = { magistraat: '', parketjurist: '' };

  /** The body of a 201; otherwise the test fails showing the status and the problem. */
  async function created(res: Promise<Response>): Promise<{ id: string; state?: string }> {
    const r = await res;
    const body = await r.text();
    expect({ status: r.status, body }).toMatchObject({ status: 201 });
    return JSON.parse(body);
  }

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [chainModule] });
    const tenant = await t.createTenant('district', [CHAIN_ID]);
    const admin = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const post = (path: string, body: unknown) => created(t.request('POST', path, { token: admin, body }));
    // The parket of the chain sees its cases; a user's function decides what they may do.
    const parket = await post('/api/v1/partners/organisations', { name: 'Parket', type: 'parket', chains: [CHAIN_ID] });
    for (const fn of ['magistraat', 'parketjurist'] as const) {
      const user = await post('/api/v1/identity/users', { name: fn, email: `${fn}@district.example`, subject: fn });
      await post(`/api/v1/identity/users/${user.id}/memberships`, { organisationId: parket.id, function: fn });
      tokens[fn] = await t.token(tenant, { subject: fn });
    }
  });
  afterAll(() => t?.close());

  it('registers a case and closes it; a function without the permission is refused', async () => {
    const registered = await created(t.request('POST', '/api/v1/cases', { token: tokens.magistraat, body: { chain: CHAIN_ID, caseType: 'dossier' } }));
    expect(registered.state).toBe('open');
    const close = (token: string) => t.request('POST', `/api/v1/cases/${registered.id}/transitions`, { token, body: { action: 'sluit-af' } });

    expect((await close(tokens.parketjurist)).status).toBe(403);
    const closed = await close(tokens.magistraat);
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ id: registered.id, state: 'afgesloten' });
  });
});
