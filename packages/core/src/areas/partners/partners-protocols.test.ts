import { expectProblem } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, ok, type ApiQuery, type ApiSchema, type TestPlatform } from '../../testing';

type Protocol = ApiSchema<'PartnerProtocol'>;
type ProtocolCreate = ApiSchema<'PartnerProtocolCreate'>;
type AuditRow = { action: string; result: string; object_type: string | null; object_id: string | null; changed_fields: string[] | null };

// 458ter protocols through HTTP: no protocol without a legal basis, participants only from the
// district's own organisations (a foreign id is a 400 that reveals nothing), denials and audit.
describe('458ter protocols', () => {
  let t: TestPlatform;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let admin: string;
  let reader: string;
  let outsider: string;
  let antwerpenAdmin: string;
  const org: Record<string, string> = {};
  let foreignOrg: string;

  const post = (body: ProtocolCreate, token = admin) => t.client(token).POST('/api/v1/partners/protocols', { body });
  const patch = (id: string, body: ApiSchema<'PartnerProtocolUpdate'>, token = admin) =>
    t.client(token).PATCH('/api/v1/partners/protocols/{id}', { params: { path: { id } }, body });
  const get = (id: string, token = admin) => t.client(token).GET('/api/v1/partners/protocols/{id}', { params: { path: { id } } });
  const list = (token: string, query: ApiQuery<'/api/v1/partners/protocols'> = {}) => t.client(token).GET('/api/v1/partners/protocols', { params: { query } });
  // Refusals stay on t.request: expectProblem reads the problem from the body, which the typed
  // client has already read by the time it answers (and some of these bodies would not compile).
  const raw = {
    post: (body: unknown, token = admin) => t.request('POST', '/api/v1/partners/protocols', { token, body }),
    patch: (id: string, body: unknown, token = admin) => t.request('PATCH', `/api/v1/partners/protocols/${id}`, { token, body }),
    get: (id: string, token = admin) => t.request('GET', `/api/v1/partners/protocols/${id}`, { token }),
    list: (token: string) => t.request('GET', '/api/v1/partners/protocols', { token }),
  };
  const auditOf = (tenant: Tenant, res: Response): Promise<AuditRow[]> =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<AuditRow>(
      'SELECT action, result, object_type, object_id, changed_fields FROM audit_records WHERE request_id = $1', [res.headers.get('x-request-id')]));

  async function organisation(token: string, body: ApiSchema<'PartnerOrganisationCreate'>): Promise<string> {
    return ok(await t.client(token).POST('/api/v1/partners/organisations', { body }), 201).id;
  }

  /** A framework agreement in the style of a Family Justice Center's; every text is synthetic. */
  const protocol = (over: Partial<ProtocolCreate> = {}): ProtocolCreate => ({
    title: 'Kaderovereenkomst Proefhuis',
    legalBasis: { type: 'gemotiveerde-machtiging-procureur', reference: 'Synthetische machtiging PROEF/001' },
    purpose: { code: 'bescherming-integriteit', description: 'Intrafamiliaal geweld stoppen in complexe gezinnen.' },
    participants: [
      { organisationId: org.fjc, function: 'casusregisseur' },
      { organisationId: org.parket, function: 'parketcriminoloog' },
      { organisationId: org.caw, function: 'hulpverlener' },
    ],
    modalities: { chairOrganisationId: org.fjc, frequency: 'tweewekelijks', minutes: true, retentionPeriod: 'P5Y' },
    validity: { from: '2024-01-01' },
    chains: ['ifg'],
    parties: [{ organisationId: org.fjc, signedOn: '2023-12-15' }, { organisationId: org.parket, signedOn: '2023-12-18' }, { organisationId: org.caw }],
    ...over,
  });
  const create = async (over: Partial<ProtocolCreate> = {}): Promise<Protocol> => ok(await post(protocol(over)), 201);

  beforeAll(async () => {
    t = await startTestPlatform();
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    admin = await t.token(limburg, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    reader = await t.token(limburg, { subject: 'hulpverlener', roles: ['hulpverlener'] });
    outsider = await t.token(limburg, { subject: 'analist', roles: ['analist'] });
    antwerpenAdmin = await t.token(antwerpen, { subject: 'beheerder-antwerpen', roles: ['tenant-beheerder'] });
    org.fjc = await organisation(admin, { name: 'Veilig Huis Proef', type: 'veilig-huis' });
    org.parket = await organisation(admin, { name: 'Parket Proef', type: 'parket' });
    org.caw = await organisation(admin, { name: 'CAW Proef', type: 'caw' });
    foreignOrg = await organisation(antwerpenAdmin, { name: 'CAW Elders', type: 'caw' });
  });
  afterAll(() => t.close());

  it('records a protocol with its legal basis, purpose, participants, modalities, validity and parties', async () => {
    const res = await post(protocol());
    const created = ok(res, 201);
    expect(res.response.headers.get('location')).toBe(`/api/v1/partners/protocols/${created.id}`);
    expect(created).toMatchObject(protocol());
    expect(created.validity).toEqual({ from: '2024-01-01' });

    expect(ok(await get(created.id, reader))).toEqual(created);

    const ifg = ok(await list(reader, { chain: 'ifg' }));
    expect(ifg.items.map((p) => p.id)).toContain(created.id);
    const none = ok(await list(reader, { chain: 'zeden' }));
    expect(none.items).toEqual([]);
  });

  it('serves the purposes and kinds of legal basis with their labels', async () => {
    const body = ok(await t.client(reader).GET('/api/v1/partners/protocol-purposes'));
    expect(body.purposes.map((p) => p.id)).toEqual(['bescherming-integriteit', 'terrorisme', 'georganiseerde-criminaliteit']);
    expect(body.purposes[0].label.en).toMatch(/physical or psychological integrity/);
    expect(body.legalBasisTypes.map((p) => p.id)).toEqual(['wet-of-decreet', 'gemotiveerde-machtiging-procureur']);
  });

  it('replaces the fields given and records which ones changed, one level deep', async () => {
    const p = await create({ title: 'Protocol Te Wijzigen' });
    const res = await patch(p.id, {
      modalities: { ...p.modalities, retentionPeriod: 'P2Y' },
      validity: { from: '2024-01-01', until: '2026-12-31' },
      participants: [...p.participants, { organisationId: org.caw, function: 'casusregisseur' }],
    });
    const updated = ok(res);
    expect(updated.modalities.retentionPeriod).toBe('P2Y');
    expect(updated.validity).toEqual({ from: '2024-01-01', until: '2026-12-31' });
    expect(updated.participants).toHaveLength(4);
    expect(updated.parties).toEqual(p.parties);
    const [record] = await auditOf(limburg, res.response);
    expect(record).toMatchObject({ action: 'protocol.update', result: 'allowed', object_type: 'protocol', object_id: p.id });
    expect([...record.changed_fields!].sort()).toEqual(['modalities.retentionPeriod', 'participants', 'validity.until']);

    const same = await patch(p.id, { title: 'Protocol Te Wijzigen' });
    expect(ok(same).updatedAt).toBe(updated.updatedAt);
  });

  it.each([
    ['no legal basis', (p: Record<string, unknown>) => { delete p.legalBasis; }, 'body.legalBasis'],
    ['a legal basis without reference', (p: Record<string, unknown>) => { p.legalBasis = { type: 'wet-of-decreet', reference: '' }; }, 'body.legalBasis.reference'],
    ['a blank reference', (p: Record<string, unknown>) => { p.legalBasis = { type: 'wet-of-decreet', reference: '   ' }; }, 'body.legalBasis.reference'],
    ['an unknown kind of legal basis', (p: Record<string, unknown>) => { p.legalBasis = { type: 'goed-gevoel', reference: 'x' }; }, 'body.legalBasis.type'],
    ['an unknown purpose', (p: Record<string, unknown>) => { p.purpose = { code: 'nieuwsgierigheid', description: 'x' }; }, 'body.purpose.code'],
    ['a retention that is no ISO 8601 duration', (p: Record<string, unknown>) => { p.modalities = { ...(p.modalities as object), retentionPeriod: '5 jaar' }; }, 'body.modalities.retentionPeriod'],
    ['a retention of nothing', (p: Record<string, unknown>) => { p.modalities = { ...(p.modalities as object), retentionPeriod: 'P0D' }; }, 'body.modalities.retentionPeriod'],
    ['a chair that does not take part', (p: Record<string, unknown>) => { p.modalities = { ...(p.modalities as object), chairOrganisationId: org.caw }; p.participants = [{ organisationId: org.fjc, function: 'casusregisseur' }]; }, 'body.modalities.chairOrganisationId'],
    ['an end before the start', (p: Record<string, unknown>) => { p.validity = { from: '2024-01-01', until: '2023-12-31' }; }, 'body.validity.until'],
    ['a date that does not exist', (p: Record<string, unknown>) => { p.validity = { from: '2024-02-30' }; }, 'body.validity.from'],
    ['an unknown function', (p: Record<string, unknown>) => { p.participants = [{ organisationId: org.fjc, function: 'waarzegger' }]; }, 'body.participants.0.function'],
    ['a participant listed twice', (p: Record<string, unknown>) => { p.participants = [{ organisationId: org.fjc, function: 'casusregisseur' }, { organisationId: org.fjc, function: 'casusregisseur' }]; }, 'body.participants.1'],
    ['no participants', (p: Record<string, unknown>) => { p.participants = []; }, 'body.participants'],
  ])('refuses %s with a 400 naming the field', async (_what, mutate, field) => {
    const body = protocol() as Record<string, unknown>;
    mutate(body);
    const problem = await expectProblem(await raw.post(body), 400, 'validation');
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it("refuses another district's organisation anywhere in a protocol with a 400 naming the field, worded like an unknown id", async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const cases: [(id: string) => Partial<ProtocolCreate>, string][] = [
      [(id) => ({ participants: [...protocol().participants, { organisationId: id, function: 'hulpverlener' }] }), 'body.participants.3.organisationId'],
      [(id) => ({ parties: [{ organisationId: id }] }), 'body.parties.0.organisationId'],
    ];
    for (const [over, field] of cases) {
      const foreign = await expectProblem(await raw.post(protocol(over(foreignOrg))), 400, 'validation');
      const missing = await expectProblem(await raw.post(protocol(over(unknown))), 400, 'validation');
      expect(foreign.field).toBe(field);
      expect(foreign.detail).toBe(missing.detail);
      expect(foreign.errors).toEqual(missing.errors);
    }
    const p = await create({ title: 'Protocol Zonder Buitenstaanders' });
    const res = await raw.patch(p.id, { parties: [{ organisationId: foreignOrg }] });
    expect((await expectProblem(res, 400, 'validation')).field).toBe('body.parties.0.organisationId');
  });

  it("holds in the database too: a participant row cannot point to another district's organisation", async () => {
    const p = await create({ title: 'Protocol Databankgrens' });
    await expect(t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) => s.query(
      `INSERT INTO protocol_participants (tenant_id, protocol_id, organisation_id, function, position) VALUES ($1, $2, $3, 'hulpverlener', 9)`,
      [limburg.id, p.id, foreignOrg]))).rejects.toThrow(/foreign key/);
  });

  it('denies without the permission (403) and answers another district\'s protocol like a missing one (404)', async () => {
    const p = await create({ title: 'Protocol Afgeschermd' });
    await expectProblem(await raw.get(p.id, outsider), 403, 'forbidden');
    await expectProblem(await raw.list(outsider), 403, 'forbidden');
    await expectProblem(await raw.post(protocol({ title: 'Niet Van Mij' }), reader), 403, 'forbidden');
    await expectProblem(await raw.patch(p.id, { title: 'Gewijzigd' }, reader), 403, 'forbidden');

    const strip = ({ instance, requestId, ...rest }: Record<string, unknown>) => rest;
    const missing = '00000000-0000-4000-8000-000000000000';
    const [a, b] = [await expectProblem(await raw.get(p.id, antwerpenAdmin), 404, 'not-found'), await expectProblem(await raw.get(missing, antwerpenAdmin), 404, 'not-found')];
    expect(strip(a as never)).toEqual(strip(b as never));
    await expectProblem(await raw.patch(p.id, { title: 'Gekaapt' }, antwerpenAdmin), 404, 'not-found');
    expect(ok(await get(p.id)).title).toBe('Protocol Afgeschermd');
  });

  it('leaves exactly one audit record per request, allowed or refused', async () => {
    const created = await post(protocol({ title: 'Protocol Voor Audit' }));
    const p = ok(created, 201);
    const cases: [{ response: Response }, Partial<AuditRow>][] = [
      [created, { action: 'protocol.create', result: 'allowed', object_id: p.id }],
      [await get(p.id, reader), { action: 'protocol.read', result: 'allowed', object_id: p.id }],
      [await list(reader), { action: 'protocol.list', result: 'allowed' }],
      [await patch(p.id, { chains: ['ifg', 'jeugd'] }), { action: 'protocol.update', result: 'allowed', changed_fields: ['chains'] }],
      [await get(p.id, outsider), { action: 'protocol.read', result: 'denied', object_id: p.id }],
      [await patch(p.id, { parties: [{ organisationId: foreignOrg }] }), { action: 'protocol.update', result: 'invalid', object_id: p.id }],
    ];
    for (const [{ response: res }, expected] of cases) {
      const records = await auditOf(limburg, res);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ object_type: 'protocol', ...expected });
    }
  });
});
