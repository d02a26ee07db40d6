import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import { FUNCTIONS, type Tenant } from '../../index';
import { startTestPlatform, identityHelpers, ok, type TestPlatform } from '../../testing';

// What a function may do is the defaults of core and the modules, adjusted per district. The
// adjustment must change what registered users can do at once, in that district only.
describe('identity: functions and their permissions per district', () => {
  let t: TestPlatform;
  let h: ReturnType<typeof identityHelpers>;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let admin: string;
  let helper: string;
  let clerk: string;
  let antwerpenHelper: string;

  const roles = async (token = admin) => ok(await t.client(token).GET('/api/v1/identity/roles'));
  const roleOf = async (fn: string) => (await roles()).items.find((r) => r.function === fn)!;
  const put = (fn: string, permissions: string[], token = admin) =>
    t.client(token).PUT('/api/v1/identity/roles/{function}', { params: { path: { function: fn } }, body: { permissions } });
  // Refusals stay on t.request: expectProblem reads the problem from the body, which the typed
  // client has already read by the time it answers.
  const raw = {
    roles: (token: string) => t.request('GET', '/api/v1/identity/roles', { token }),
    put: (fn: string, permissions: string[], token = admin) => t.request('PUT', `/api/v1/identity/roles/${fn}`, { token, body: { permissions } }),
  };
  // The fixture module's routes are not in the core contract the typed client is generated from.
  const items = (token: string, method = 'GET') => t.request(method, '/api/v1/chains/fixture/items', { token, ...(method === 'POST' ? { body: { title: 'x' } } : {}) });

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    h = identityHelpers(t);
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    admin = await t.token(limburg, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const parket = await h.organisation(admin, 'Parket Limburg');
    await h.user(admin, { name: 'Ann Hulpverlener', email: 'ann@example.org', subject: 'sub-ann' }, [[parket, 'hulpverlener']]);
    await h.user(admin, { name: 'Koen Klerk', email: 'koen@example.org', subject: 'sub-koen' }, [[parket, 'administratief-medewerker']]);
    helper = await t.token(limburg, { subject: 'sub-ann' });
    clerk = await t.token(limburg, { subject: 'sub-koen' });

    const antwerpenAdmin = await t.token(antwerpen, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    const antwerpenParket = await h.organisation(antwerpenAdmin, 'Parket Antwerpen');
    await h.user(antwerpenAdmin, { name: 'Ann Antwerpen', email: 'ann@example.org', subject: 'sub-ann' }, [[antwerpenParket, 'hulpverlener']]);
    antwerpenHelper = await t.token(antwerpen, { subject: 'sub-ann' });
  });
  afterAll(() => t.close());

  it('lists every function of the catalogue with labels, its defaults and every permission there is', async () => {
    const body = await roles();
    expect(body.items.map((r) => r.function)).toEqual(FUNCTIONS.map((f) => f.id));
    expect(body.items).toHaveLength(10);
    for (const r of body.items) expect(r.label).toEqual({ nl: expect.any(String), fr: expect.any(String), en: expect.any(String) });
    const clerkRole = body.items.find((r) => r.function === 'administratief-medewerker')!;
    expect(clerkRole.defaultPermissions).toEqual(expect.arrayContaining(['fixture.item.read', 'fixture.item.write']));
    expect(clerkRole.permissions).toEqual(clerkRole.defaultPermissions);
    expect(body.permissions).toEqual(expect.arrayContaining(['core.identity.manage', 'fixture.item.read']));
    await expectProblem(await raw.roles(helper), 403, 'forbidden');
  });

  it('granting a permission lets the function do it at once; withdrawing it refuses again', async () => {
    await expectProblem(await items(helper), 403, 'forbidden');
    const before = await roleOf('hulpverlener');

    const granted = await put('hulpverlener', [...before.permissions, 'fixture.item.read']);
    const role = ok(granted);
    expect(role.permissions).toContain('fixture.item.read');
    expect(role.defaultPermissions).toEqual(before.defaultPermissions);
    expect(await h.auditOf(limburg, granted.response)).toEqual([expect.objectContaining({ action: 'role.update', result: 'allowed', object_type: 'role', object_id: 'hulpverlener', changed_fields: ['permissions'] })]);

    expect((await items(helper)).status).toBe(200);
    await expectProblem(await items(helper, 'POST'), 403, 'forbidden');
    // The same function in another district keeps its defaults.
    await expectProblem(await items(antwerpenHelper), 403, 'forbidden');

    ok(await put('hulpverlener', before.permissions));
    await expectProblem(await items(helper), 403, 'forbidden');
    expect((await roleOf('hulpverlener')).permissions).toEqual(before.permissions);
  });

  it('withdrawing a default permission refuses it while the rest of the function still works', async () => {
    expect((await items(clerk, 'POST')).status).toBe(201);
    const role = await roleOf('administratief-medewerker');
    ok(await put('administratief-medewerker', role.permissions.filter((p) => p !== 'fixture.item.write')));
    await expectProblem(await items(clerk, 'POST'), 403, 'forbidden');
    expect((await items(clerk)).status).toBe(200);
    ok(await put('administratief-medewerker', role.defaultPermissions));
    expect((await items(clerk, 'POST')).status).toBe(201);
  });

  it('refuses an unknown permission by name, an unknown function, and a lock-out of the administrators', async () => {
    const unknown = await raw.put('hulpverlener', ['core.partner.read', 'core.everything']);
    const problem = await expectProblem(unknown, 400, 'validation');
    expect(problem.field).toBe('body.permissions[1]');
    expect(problem.detail).toMatch(/unknown permission "core\.everything"/);
    expect(await h.auditOf(limburg, unknown)).toEqual([expect.objectContaining({ action: 'role.update', result: 'invalid' })]);

    await expectProblem(await raw.put('koning', []), 404, 'not-found');
    const lockout = await raw.put('tenant-beheerder', ['core.identity.read']);
    expect((await expectProblem(lockout, 400, 'validation')).detail).toMatch(/core\.identity\.manage/);
    expect((await roleOf('tenant-beheerder')).permissions).toContain('core.identity.manage');
  });

  it('only whoever may manage identities adjusts grants, and the refusal is audited', async () => {
    const res = await raw.put('hulpverlener', ['fixture.item.read', 'fixture.item.write'], helper);
    await expectProblem(res, 403, 'forbidden');
    expect(await h.auditOf(limburg, res)).toEqual([expect.objectContaining({ action: 'role.update', result: 'denied', acting_function: 'hulpverlener' })]);
    expect((await roleOf('hulpverlener')).permissions).not.toContain('fixture.item.write');
  });
});
