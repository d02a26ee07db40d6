import { expectProblem } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, ok, type ApiQuery, type ApiSchema, type TestPlatform } from '../../testing';

type Org = ApiSchema<'PartnerOrganisation'>;
type AuditRow = { action: string; result: string; object_type: string | null; object_id: string | null; changed_fields: string[] | null; purpose: string };

// Partner organisations through HTTP: the catalogue, CRUD, the rules a schema cannot express,
// uniqueness per district, denials and the audit trail every request leaves.
describe('partner organisations', () => {
  let t: TestPlatform;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let admin: string;
  let reader: string;
  let outsider: string;
  let analist: string;
  let antwerpenAdmin: string;

  const post = (body: ApiSchema<'PartnerOrganisationCreate'>, token = admin) => t.client(token).POST('/api/v1/partners/organisations', { body });
  const patch = (id: string, body: ApiSchema<'PartnerOrganisationUpdate'>, token = admin) =>
    t.client(token).PATCH('/api/v1/partners/organisations/{id}', { params: { path: { id } }, body });
  const get = (id: string, token = admin) => t.client(token).GET('/api/v1/partners/organisations/{id}', { params: { path: { id } } });
  const list = (token: string, query: ApiQuery<'/api/v1/partners/organisations'> = {}) => t.client(token).GET('/api/v1/partners/organisations', { params: { query } });
  // Refusals stay on t.request: expectProblem reads the problem from the body, which the typed
  // client has already read by the time it answers (and some of these bodies would not compile).
  const raw = {
    post: (body: unknown, token = admin) => t.request('POST', '/api/v1/partners/organisations', { token, body }),
    patch: (id: string, body: unknown, token = admin) => t.request('PATCH', `/api/v1/partners/organisations/${id}`, { token, body }),
    get: (id: string, token = admin) => t.request('GET', `/api/v1/partners/organisations/${id}`, { token }),
    list: (token: string, query = '') => t.request('GET', `/api/v1/partners/organisations${query}`, { token }),
  };
  const create = async (body: ApiSchema<'PartnerOrganisationCreate'>, token = admin): Promise<Org> => ok(await post(body, token), 201);
  /** The audit records of one request, read in its tenant's own unit of work. */
  const auditOf = (tenant: Tenant, res: Response): Promise<AuditRow[]> =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<AuditRow>(
      'SELECT action, result, object_type, object_id, changed_fields, purpose FROM audit_records WHERE request_id = $1', [res.headers.get('x-request-id')]));

  beforeAll(async () => {
    t = await startTestPlatform();
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    admin = await t.token(limburg, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    reader = await t.token(limburg, { subject: 'regisseur', roles: ['casusregisseur'] });
    analist = await t.token(limburg, { subject: 'analist', roles: ['analist'] });
    outsider = await t.token(limburg, { subject: 'niemand', roles: [] });
    antwerpenAdmin = await t.token(antwerpen, { subject: 'beheerder-antwerpen', roles: ['tenant-beheerder'] });
  });
  afterAll(() => t.close());

  it('serves the catalogue of organisation types with Dutch, French and English labels', async () => {
    const { items } = ok(await t.client(outsider).GET('/api/v1/partners/organisation-types'));
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(['parket', 'politiezone', 'justitiehuis', 'veilig-huis', 'caw', 'cgg', 'opgroeien',
      'vertrouwenscentrum-kindermishandeling', 'kind-en-gezin', 'clb', 'ocmw-lokaal-bestuur', 'gevangenis', 'hca-dienst', 'zorgcentrum-na-seksueel-geweld', 'andere']));
    expect(items).toHaveLength(15);
    for (const i of items) expect(i.label).toEqual({ nl: expect.any(String), fr: expect.any(String), en: expect.any(String) });
    expect(items.filter((i) => i.policeZoneCode === 'required').map((i) => i.id)).toEqual(['politiezone']);
  });

  it('creates, reads and lists organisations; the KBO number is normalised and the type proposes professional secrecy', async () => {
    const res = await post({ name: 'CAW Voorbeeldstreek', type: 'caw', kbo: 'BE0123456749', chains: ['ifg', 'ifg', 'jeugd'] });
    const caw = ok(res, 201);
    expect(res.response.headers.get('location')).toBe(`/api/v1/partners/organisations/${caw.id}`);
    expect(caw).toMatchObject({ name: 'CAW Voorbeeldstreek', type: 'caw', kbo: '0123.456.749', professionalSecrecy: true, chains: ['ifg', 'jeugd'] });
    expect(caw).not.toHaveProperty('policeZoneCode');

    const zone = await create({ name: 'Politiezone Testkust', type: 'politiezone', policeZoneCode: '9911', professionalSecrecy: false });
    expect(zone).toMatchObject({ policeZoneCode: '9911', professionalSecrecy: false, chains: [] });

    expect(ok(await get(caw.id, reader))).toEqual(caw);

    const zones = ok(await list(reader, { type: 'politiezone' }));
    expect(zones.items.map((o) => o.id)).toEqual([zone.id]);
    const byChain = ok(await list(reader, { chain: 'jeugd' }));
    expect(byChain.items.map((o) => o.id)).toEqual([caw.id]);
  });

  it('pages through the list in name order with an opaque cursor', async () => {
    for (const name of ['Pagina C', 'Pagina A', 'Pagina B', 'Pagina D', 'Pagina E']) await create({ name, type: 'andere' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const body = ok(await list(reader, { type: 'andere', limit: 2, cursor }));
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((o) => o.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Pagina A', 'Pagina B', 'Pagina C', 'Pagina D', 'Pagina E']);
    const bad = await raw.list(reader, '?cursor=bm90LWEtY3Vyc29y');
    expect((await expectProblem(bad, 400, 'validation')).field).toBe('query.cursor');
  });

  it('updates only what is given, and records which fields changed', async () => {
    const cgg = await create({ name: 'CGG Teststad', type: 'cgg' });
    const res = await patch(cgg.id, { name: 'CGG Teststad-Oost', kbo: '0123.456.848', professionalSecrecy: true });
    const updated = ok(res);
    expect(updated).toMatchObject({ name: 'CGG Teststad-Oost', kbo: '0123.456.848', type: 'cgg', professionalSecrecy: true });
    const [record] = await auditOf(limburg, res.response);
    expect(record).toMatchObject({ action: 'partner.update', result: 'allowed', object_type: 'organisation', object_id: cgg.id, purpose: 'administration' });
    expect([...record.changed_fields!].sort()).toEqual(['kbo', 'name']);

    const cleared = await patch(cgg.id, { kbo: null });
    expect(ok(cleared)).not.toHaveProperty('kbo');

    const same = await patch(cgg.id, { name: 'CGG Teststad-Oost' });
    expect(ok(same).updatedAt).toBe(ok(await get(cgg.id)).updatedAt);
    expect((await auditOf(limburg, same.response))[0].changed_fields ?? []).toEqual([]);
  });

  it.each([
    ['a KBO number whose check digits fail', { name: 'X', type: 'caw', kbo: '0123.456.750' }, 'body.kbo'],
    ['a KBO number of the wrong length', { name: 'X', type: 'caw', kbo: '12345' }, 'body.kbo'],
    ['a police zone without its zone code', { name: 'Politiezone Zonder Code', type: 'politiezone' }, 'body.policeZoneCode'],
    ['a zone code on an organisation that is no police zone', { name: 'X', type: 'caw', policeZoneCode: '9912' }, 'body.policeZoneCode'],
    ['a zone code that is not 4 digits', { name: 'X', type: 'politiezone', policeZoneCode: '991' }, 'body.policeZoneCode'],
    ['an unknown type', { name: 'X', type: 'ruimtevaartagentschap' }, 'body.type'],
    ['a chain id that is no module id', { name: 'X', type: 'caw', chains: ['IFG!'] }, 'body.chains.0'],
    ['an unknown property', { name: 'X', type: 'caw', kleur: 'blauw' }, 'body.kleur'],
    ['a missing name', { type: 'caw' }, 'body.name'],
  ])('refuses %s with a 400 naming the field', async (_what, body, field) => {
    const res = await raw.post(body);
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('checks the whole organisation after a partial update (a police zone keeps needing its code)', async () => {
    const org = await create({ name: 'Dienst Wordt Zone', type: 'andere' });
    const res = await raw.patch(org.id, { type: 'politiezone' });
    expect((await expectProblem(res, 400, 'validation')).field).toBe('body.policeZoneCode');
    expect((await patch(org.id, { type: 'politiezone', policeZoneCode: '9913' })).response.status).toBe(200);
  });

  it('refuses a second organisation with the same KBO number or zone code (409), per district only', async () => {
    await create({ name: 'Justitiehuis Proef', type: 'justitiehuis', kbo: '0200.000.043' });
    const dupKbo = await raw.post({ name: 'Justitiehuis Kopie', type: 'justitiehuis', kbo: 'BE 0200 000 043' });
    expect((await expectProblem(dupKbo, 409, 'conflict')).detail).toMatch(/KBO number 0200\.000\.043/);

    await create({ name: 'Politiezone Proef', type: 'politiezone', policeZoneCode: '9914' });
    const dupZone = await raw.post({ name: 'Politiezone Kopie', type: 'politiezone', policeZoneCode: '9914' });
    expect((await expectProblem(dupZone, 409, 'conflict')).detail).toMatch(/code 9914/);

    const other = await create({ name: 'Politiezone Proef', type: 'politiezone', policeZoneCode: '9914', kbo: '0200.000.043' }, antwerpenAdmin);
    expect(other.policeZoneCode).toBe('9914');

    const moved = await create({ name: 'Justitiehuis Ander', type: 'justitiehuis' });
    expect((await expectProblem(await raw.patch(moved.id, { kbo: '0200000043' }), 409, 'conflict')).detail).toMatch(/0200\.000\.043/);
  });

  it('records a merger of police zones as data; the merged zone keeps its code', async () => {
    const west = await create({ name: 'Politiezone West', type: 'politiezone', policeZoneCode: '9921' });
    const oost = await create({ name: 'Politiezone Oost', type: 'politiezone', policeZoneCode: '9922' });
    const merged = await create({ name: 'Politiezone Samen', type: 'politiezone', policeZoneCode: '9923' });
    for (const z of [west, oost]) {
      expect(ok(await patch(z.id, { mergedIntoId: merged.id }))).toMatchObject({ policeZoneCode: z.policeZoneCode, mergedIntoId: merged.id });
    }
    const foreign = await create({ name: 'Politiezone Elders', type: 'politiezone', policeZoneCode: '9924' }, antwerpenAdmin);
    expect((await expectProblem(await raw.patch(merged.id, { mergedIntoId: merged.id }), 400, 'validation')).field).toBe('body.mergedIntoId');
    expect((await expectProblem(await raw.patch(merged.id, { mergedIntoId: foreign.id }), 400, 'validation')).field).toBe('body.mergedIntoId');
    // Into a zone that merged itself: name its successor instead, so no cycle can form.
    expect((await expectProblem(await raw.patch(merged.id, { mergedIntoId: west.id }), 400, 'validation')).field).toBe('body.mergedIntoId');
    expect((await patch(west.id, { mergedIntoId: null })).response.status).toBe(200);
  });

  it('denies without the permission: 403 for reading without core.partner.read, for writing without core.partner.manage', async () => {
    const org = await create({ name: 'Geheim Niet', type: 'andere' });
    await expectProblem(await raw.list(outsider), 403, 'forbidden');
    await expectProblem(await raw.get(org.id, outsider), 403, 'forbidden');
    await expectProblem(await raw.post({ name: 'Nieuw', type: 'andere' }, reader), 403, 'forbidden');
    await expectProblem(await raw.patch(org.id, { name: 'Anders' }, analist), 403, 'forbidden');
    expect((await get(org.id, analist)).response.status).toBe(200);
    expect(ok(await get(org.id)).name).toBe('Geheim Niet');
  });

  it("answers another district's organisation exactly like a missing one (404), for reads and writes", async () => {
    const org = await create({ name: 'Parket Antwerpen Proef', type: 'parket' }, antwerpenAdmin);
    const missing = '00000000-0000-4000-8000-000000000000';
    const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => rest;
    for (const [foreign, absent] of [[raw.get(org.id), raw.get(missing)], [raw.patch(org.id, { name: 'Gekaapt' }), raw.patch(missing, { name: 'Gekaapt' })]]) {
      const [a, b] = [await expectProblem(await foreign, 404, 'not-found'), await expectProblem(await absent, 404, 'not-found')];
      expect(strip(a as never)).toEqual(strip(b as never));
    }
    expect(ok(await get(org.id, antwerpenAdmin)).name).toBe('Parket Antwerpen Proef');
    const all = ok(await list(admin, { limit: 100 }));
    expect(all.items.map((o) => o.id)).not.toContain(org.id);
  });

  it('leaves exactly one audit record per request, allowed or refused, with what it was about', async () => {
    const created = await post({ name: 'Kind en Gezin Proef', type: 'kind-en-gezin' });
    const org = ok(created, 201);
    const cases: [{ response: Response }, Partial<AuditRow>][] = [
      [created, { action: 'partner.create', result: 'allowed', object_id: org.id }],
      [await get(org.id, reader), { action: 'partner.read', result: 'allowed', object_id: org.id }],
      [await list(reader), { action: 'partner.list', result: 'allowed', object_id: null }],
      [await patch(org.id, { chains: ['ifg'] }), { action: 'partner.update', result: 'allowed', object_id: org.id, changed_fields: ['chains'] }],
      [await get(org.id, outsider), { action: 'partner.read', result: 'denied', object_id: org.id }],
      [await patch(org.id, { kbo: '0123.456.750' }), { action: 'partner.update', result: 'invalid', object_id: org.id }],
      [await get('00000000-0000-4000-8000-000000000001', reader), { action: 'partner.read', result: 'not-found' }],
    ];
    for (const [{ response: res }, expected] of cases) {
      const records = await auditOf(limburg, res);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ object_type: 'organisation', purpose: 'administration', ...expected });
    }
    expect((await auditOf(limburg, created.response))[0].changed_fields).toEqual(['name', 'type']);
  });
});
