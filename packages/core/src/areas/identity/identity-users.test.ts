import { fixtureModule, expectProblem } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, identityHelpers, ok, type ApiQuery, type ApiSchema, type TestPlatform, type User } from '../../testing';

// Users, their memberships and the organisation they act for, through HTTP: who the actor of a
// request is decides what it may do, refusals are as deliberate as successes, and every request
// leaves exactly one audit record.
describe('identity: users, memberships and the acting organisation', () => {
  let t: TestPlatform;
  let h: ReturnType<typeof identityHelpers>;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let admin: string;
  let antwerpenAdmin: string;
  let parket: string;
  let zone: string;
  let justitiehuis: string;
  let antwerpenParket: string;

  const me = async (token: string, acting?: string) =>
    ok(await t.client(token).GET('/api/v1/me', { params: { header: { 'X-Acting-Organisation': acting } } }));
  const userToken = (subject: string, roles: string[] = []) => t.token(limburg, { subject, roles });
  // `status` is optional in the contract (default active), which these tests rely on; the
  // generated type requires it (openapi-typescript's defaultNonNullable also reaches component
  // schemas used as request bodies), hence the one cast.
  const createUser = (body: Omit<ApiSchema<'IdentityUserCreate'>, 'status'>) =>
    t.client(admin).POST('/api/v1/identity/users', { body: body as ApiSchema<'IdentityUserCreate'> });
  const getUser = (id: string, token = admin) => t.client(token).GET('/api/v1/identity/users/{id}', { params: { path: { id } } });
  const patchUser = (id: string, body: ApiSchema<'IdentityUserUpdate'>) => t.client(admin).PATCH('/api/v1/identity/users/{id}', { params: { path: { id } }, body });
  const listUsers = (token: string, query: ApiQuery<'/api/v1/identity/users'>) => t.client(token).GET('/api/v1/identity/users', { params: { query } });
  // Refusals checked with expectProblem stay on t.request: it reads the problem from the body,
  // which the typed client has already read by the time it answers. So do the fixture module's
  // routes, which are not in the core contract the typed client is generated from.

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule] });
    h = identityHelpers(t);
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    // The bootstrap path: no user has this subject, so the token's roles claim counts.
    admin = await t.token(limburg, { subject: 'eerste-beheerder', roles: ['tenant-beheerder'] });
    antwerpenAdmin = await t.token(antwerpen, { subject: 'eerste-beheerder', roles: ['tenant-beheerder'] });
    parket = await h.organisation(admin, 'Parket Limburg');
    zone = await h.organisation(admin, 'Politiezone Carma', 'politiezone', { policeZoneCode: '5381' });
    justitiehuis = await h.organisation(admin, 'Justitiehuis Hasselt', 'justitiehuis');
    antwerpenParket = await h.organisation(antwerpenAdmin, 'Parket Antwerpen');
  });
  afterAll(() => t.close());

  it('a subject with no user is the bootstrap path: /me shows the token roles\' permissions and no organisation', async () => {
    const body = await me(admin);
    expect(body).toMatchObject({ subject: 'eerste-beheerder', user: null, memberships: [], acting: null });
    expect(body.permissions).toEqual(expect.arrayContaining(['core.identity.read', 'core.identity.manage']));
  });

  it('creates a user (201 + Location), reads it and finds it in the list', async () => {
    const res = await createUser({ name: 'An Peeters', email: 'An.Peeters@parket.example', subject: 'sub-an' });
    const user = ok(res, 201);
    expect(res.response.headers.get('location')).toBe(`/api/v1/identity/users/${user.id}`);
    expect(user).toMatchObject({ name: 'An Peeters', email: 'An.Peeters@parket.example', subject: 'sub-an', status: 'active', memberships: [] });

    const added = await t.client(admin).POST('/api/v1/identity/users/{id}/memberships', {
      params: { path: { id: user.id } }, body: { organisationId: parket, function: 'magistraat' },
    });
    const membership = ok(added, 201);
    expect(added.response.headers.get('location')).toBe(`/api/v1/identity/users/${user.id}/memberships/${membership.id}`);

    const read = ok(await getUser(user.id));
    expect(read.memberships).toEqual([{ id: membership.id, organisationId: parket, organisationName: 'Parket Limburg', function: 'magistraat' }]);
    const list = ok(await listUsers(admin, { limit: 100 }));
    expect(list.items.find((u) => u.id === user.id)).toEqual(read);
  });

  it('pages through users in e-mail order with an opaque cursor; a forged cursor is a 400', async () => {
    for (const n of ['c', 'a', 'b']) await h.user(admin, { name: `Pagina ${n}`, email: `pagina-${n}@example.org` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await listUsers(admin, { limit: 2, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    const pages = seen.filter((e) => e.startsWith('pagina-'));
    expect(pages).toEqual(['pagina-a@example.org', 'pagina-b@example.org', 'pagina-c@example.org']);
    expect(new Set(seen).size).toBe(seen.length);
    const forged = await t.request('GET', '/api/v1/identity/users?cursor=bm9wZQ', { token: admin });
    expect((await expectProblem(forged, 400, 'validation')).field).toBe('query.cursor');
  });

  it('a user with one membership acts for it without saying so; its token roles claim is ignored', async () => {
    await h.user(admin, { name: 'Bart Claes', email: 'bart@zone.example', subject: 'sub-bart' }, [[zone, 'politie-inspecteur']]);
    // The token claims tenant-beheerder; a registered user gets only what its membership gives.
    const token = await userToken('sub-bart', ['tenant-beheerder']);
    const body = await me(token);
    expect(body.user).toMatchObject({ name: 'Bart Claes', email: 'bart@zone.example', status: 'active' });
    expect(body.acting).toEqual({
      organisationId: zone, organisationName: 'Politiezone Carma', function: 'politie-inspecteur',
      functionLabel: { nl: 'Politie-inspecteur', fr: 'Inspecteur de police', en: 'Police inspector' },
    });
    expect(body.permissions).toContain('core.person.register');
    expect(body.permissions).not.toContain('core.identity.read');
    await expectProblem(await t.request('GET', '/api/v1/identity/users', { token }), 403, 'forbidden');
  });

  it('a user without memberships is known but may do nothing', async () => {
    await h.user(admin, { name: 'Nog Niemand', email: 'niemand@example.org', subject: 'sub-niemand' });
    const token = await userToken('sub-niemand', ['tenant-beheerder']);
    expect(await me(token)).toMatchObject({ user: { name: 'Nog Niemand' }, memberships: [], acting: null, permissions: [] });
    await expectProblem(await t.request('GET', '/api/v1/tenant', { token, headers: { 'X-Acting-Organisation': parket } }), 403, 'forbidden');
    await expectProblem(await t.request('GET', '/api/v1/identity/roles', { token }), 403, 'forbidden');
  });

  describe('a user with several memberships', () => {
    let token: string;
    let user: User;
    beforeAll(async () => {
      user = await h.user(admin, { name: 'Chris Janssens', email: 'chris@example.org', subject: 'sub-chris' },
        [[parket, 'administratief-medewerker'], [justitiehuis, 'justitieassistent']]);
      token = await userToken('sub-chris');
    });

    // On t.request: a fixture module route, and refusals checked with expectProblem.
    it('must name the organisation it acts for: 400 naming the header, and the refusal is audited', async () => {
      const res = await t.request('GET', '/api/v1/chains/fixture/items', { token });
      const problem = await expectProblem(res, 400, 'validation');
      expect(problem.field).toBe('header.x-acting-organisation');
      expect(problem.detail).toMatch(/X-Acting-Organisation/);
      const audited = await t.request('GET', '/api/v1/identity/users', { token });
      await expectProblem(audited, 400, 'validation');
      expect(await h.auditOf(limburg, audited)).toEqual([expect.objectContaining({ action: 'user.list', result: 'invalid', actor_subject: 'sub-chris' })]);
    });

    it('acts with the function of the membership it names', async () => {
      const asClerk = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: 'dossier' }, headers: { 'X-Acting-Organisation': parket } });
      expect(asClerk.status).toBe(201);
      // The justice assistant has no fixture permissions: the same person, another organisation.
      const asAssistant = await t.request('POST', '/api/v1/chains/fixture/items', { token, body: { title: 'dossier' }, headers: { 'X-Acting-Organisation': justitiehuis } });
      await expectProblem(asAssistant, 403, 'forbidden');
      const body = await me(token, justitiehuis);
      expect(body.acting).toMatchObject({ organisationId: justitiehuis, function: 'justitieassistent' });
    });

    it('/me answers without a choice and lists the memberships to choose from', async () => {
      const body = await me(token);
      expect(body.acting).toBeNull();
      expect(body.permissions).toEqual([]);
      expect(body.memberships.map((m) => [m.organisationName, m.function])).toEqual([
        ['Justitiehuis Hasselt', 'justitieassistent'], ['Parket Limburg', 'administratief-medewerker']]);
    });

    // On t.request: refusals checked with expectProblem (and 'parket' is no uuid, as the header must be).
    it('naming an organisation it is not a member of is a 403: one of this district, or of another', async () => {
      for (const org of [zone, antwerpenParket, '00000000-0000-4000-8000-000000000000']) {
        const res = await t.request('GET', '/api/v1/tenant', { token, headers: { 'X-Acting-Organisation': org } });
        const problem = await expectProblem(res, 403, 'forbidden');
        expect(problem.detail).toMatch(/not a member/);
      }
      await expectProblem(await t.request('GET', '/api/v1/tenant', { token, headers: { 'X-Acting-Organisation': 'parket' } }), 400, 'validation');
    });

    it('the audit record names the user, the organisation and the function it acted for', async () => {
      const res = await t.request('GET', `/api/v1/identity/users/${user.id}`, { token, headers: { 'X-Acting-Organisation': parket } });
      await expectProblem(res, 403, 'forbidden');
      expect(await h.auditOf(limburg, res)).toEqual([expect.objectContaining({
        action: 'user.read', result: 'denied', actor_user_id: user.id, acting_organisation_id: parket, acting_function: 'administratief-medewerker', object_id: user.id,
      })]);
    });

    it('losing a membership leaves one, which is then implied', async () => {
      const membership = user.memberships.length ? user.memberships : ok(await getUser(user.id)).memberships;
      const assistant = membership.find((m) => m.function === 'justitieassistent')!;
      const res = await t.client(admin).DELETE('/api/v1/identity/users/{id}/memberships/{membershipId}', { params: { path: { id: user.id, membershipId: assistant.id } } });
      expect(res.response.status).toBe(204);
      expect(await h.auditOf(limburg, res.response)).toEqual([expect.objectContaining({ action: 'user.membership-remove', result: 'allowed', object_id: user.id, changed_fields: ['memberships'] })]);
      expect((await me(token)).acting).toMatchObject({ organisationId: parket, function: 'administratief-medewerker' });
      await expectProblem(await t.request('DELETE', `/api/v1/identity/users/${user.id}/memberships/${assistant.id}`, { token: admin }), 404, 'not-found');
    });
  });

  it('a disabled user is shut out at once, and its token roles do not fall back to the bootstrap path', async () => {
    const user = await h.user(admin, { name: 'Dirk Maes', email: 'dirk@example.org', subject: 'sub-dirk' }, [[parket, 'magistraat']]);
    const token = await userToken('sub-dirk', ['tenant-beheerder']);
    expect((await t.client(token).GET('/api/v1/tenant')).response.status).toBe(200);
    const patch = await patchUser(user.id, { status: 'disabled', name: 'Dirk Maes' });
    expect(ok(patch).status).toBe('disabled');
    expect(await h.auditOf(limburg, patch.response)).toEqual([expect.objectContaining({ action: 'user.update', result: 'allowed', changed_fields: ['status'] })]);
    const refused = await expectProblem(await t.request('GET', '/api/v1/tenant', { token }), 403, 'forbidden');
    expect(refused.detail).toMatch(/disabled/);
    ok(await patchUser(user.id, { status: 'active' }));
    expect((await t.client(token).GET('/api/v1/tenant')).response.status).toBe(200);
  });

  // On t.request, but for the last read: refusals checked with expectProblem (and an unknown property).
  it('refuses bad input naming the field: e-mail, function, organisation, unknown property', async () => {
    const badEmail = await t.request('POST', '/api/v1/identity/users', { token: admin, body: { name: 'X', email: 'not-an-address' } });
    expect((await expectProblem(badEmail, 400, 'validation')).field).toBe('body.email');
    const extra = await t.request('POST', '/api/v1/identity/users', { token: admin, body: { name: 'X', email: 'x@example.org', role: 'admin' } });
    expect((await expectProblem(extra, 400, 'validation')).field).toMatch(/^body/);

    const user = await h.user(admin, { name: 'Els Wouters', email: 'els@example.org' });
    const members = `/api/v1/identity/users/${user.id}/memberships`;
    const badFunction = await t.request('POST', members, { token: admin, body: { organisationId: parket, function: 'koning' } });
    const fnProblem = await expectProblem(badFunction, 400, 'validation');
    expect(fnProblem.field).toBe('body.function');
    expect(fnProblem.detail).toMatch(/unknown function "koning"/);
    expect(await h.auditOf(limburg, badFunction)).toEqual([expect.objectContaining({ action: 'user.membership-add', result: 'invalid', object_id: user.id })]);

    // An organisation of another district is as unknown as one that does not exist.
    for (const organisationId of [antwerpenParket, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.request('POST', members, { token: admin, body: { organisationId, function: 'analist' } });
      expect((await expectProblem(res, 400, 'validation')).field).toBe('body.organisationId');
    }
    const patchEmail = await t.request('PATCH', `/api/v1/identity/users/${user.id}`, { token: admin, body: { email: 'nope' } });
    expect((await expectProblem(patchEmail, 400, 'validation')).field).toBe('body.email');
    expect(ok(await getUser(user.id)).memberships).toEqual([]);
  });

  // On t.request: refusals checked with expectProblem.
  it('e-mail addresses are unique per district regardless of case (409), and so are subjects and memberships', async () => {
    const user = await h.user(admin, { name: 'Fien Jacobs', email: 'fien@example.org', subject: 'sub-fien' }, [[parket, 'parketjurist']]);
    const dup = await t.request('POST', '/api/v1/identity/users', { token: admin, body: { name: 'Other Fien', email: 'FIEN@Example.org' } });
    expect((await expectProblem(dup, 409, 'conflict')).detail).toMatch(/e-mail/);
    expect(await h.auditOf(limburg, dup)).toEqual([expect.objectContaining({ action: 'user.create', result: 'invalid' })]);
    await expectProblem(await t.request('POST', '/api/v1/identity/users', { token: admin, body: { name: 'Y', email: 'y@example.org', subject: 'sub-fien' } }), 409, 'conflict');
    await expectProblem(await t.request('POST', `/api/v1/identity/users/${user.id}/memberships`, { token: admin, body: { organisationId: parket, function: 'magistraat' } }), 409, 'conflict');
    // Another district may have its own Fien.
    await h.user(antwerpenAdmin, { name: 'Fien Antwerpen', email: 'fien@example.org', subject: 'sub-fien' });
  });

  it("another district's users are invisible: 404 exactly like a missing id, and absent from lists", async () => {
    const user = await h.user(admin, { name: 'Geert Smets', email: 'geert@example.org' });
    const foreign = await t.request('GET', `/api/v1/identity/users/${user.id}`, { token: antwerpenAdmin });
    const missing = await t.request('GET', '/api/v1/identity/users/00000000-0000-4000-8000-000000000000', { token: antwerpenAdmin });
    const [a, b] = [await expectProblem(foreign, 404, 'not-found'), await expectProblem(missing, 404, 'not-found')];
    expect(a.detail).toBe(b.detail);
    await expectProblem(await t.request('PATCH', `/api/v1/identity/users/${user.id}`, { token: antwerpenAdmin, body: { name: 'Overgenomen' } }), 404, 'not-found');
    await expectProblem(await t.request('POST', `/api/v1/identity/users/${user.id}/memberships`, { token: antwerpenAdmin, body: { organisationId: antwerpenParket, function: 'analist' } }), 404, 'not-found');
    const list = ok(await listUsers(antwerpenAdmin, { limit: 100 }));
    expect(list.items.map((u) => u.id)).not.toContain(user.id);
    // A Limburg subject's token for Antwerpen is not that user.
    expect((await me(await t.token(antwerpen, { subject: 'sub-bart' }))).user).toBeNull();
  });

  it('each request leaves exactly one audit record, with the names of the changed fields and never their values', async () => {
    const create = await createUser({ name: 'Hilde Peeters', email: 'hilde@example.org', subject: 'sub-hilde' });
    const user = ok(create, 201);
    const [record] = await h.auditOf(limburg, create.response);
    expect(await h.auditOf(limburg, create.response)).toHaveLength(1);
    expect(record).toMatchObject({ action: 'user.create', result: 'allowed', object_type: 'user', object_id: user.id, purpose: 'administration', actor_subject: 'eerste-beheerder' });
    expect(record.changed_fields?.sort()).toEqual(['email', 'name', 'status', 'subject']);
    expect(JSON.stringify(record)).not.toMatch(/hilde@example\.org|Hilde Peeters/);

    const patch = await patchUser(user.id, { name: 'Hilde Peeters-Maes', email: 'hilde@example.org' });
    ok(patch);
    expect(await h.auditOf(limburg, patch.response)).toEqual([expect.objectContaining({ action: 'user.update', changed_fields: ['name'] })]);

    const self = await t.client(await userToken('sub-hilde')).GET('/api/v1/me');
    ok(self);
    expect(await h.auditOf(limburg, self.response)).toEqual([expect.objectContaining({ action: 'user.read-self', result: 'allowed', object_id: user.id, actor_user_id: user.id })]);

    const notFound = await t.request('GET', '/api/v1/identity/users/00000000-0000-4000-8000-000000000000', { token: admin });
    await expectProblem(notFound, 404, 'not-found');
    expect(await h.auditOf(limburg, notFound)).toEqual([expect.objectContaining({ action: 'user.read', result: 'not-found' })]);
  });
});
