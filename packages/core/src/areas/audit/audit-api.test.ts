import fc from 'fast-check';
import { mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';
import { AuditChainer, EXPORT_LIMITS, chainHash, subjectAccessExport, verifyAuditChain, type ExportLimits, type Tenant } from '../../index';
import {
  startTestPlatform, caseApi, caseChains, caseDistrict, ok, type ApiQuery, type ApiSchema, type TestPlatform, type CaseBody, type CaseDistrict,
} from '../../testing';

type AuditItem = ApiSchema<'AuditRecord'>;
type AuditQuery = ApiQuery<'/api/v1/audit'>;
type Page = { items: AuditItem[]; nextCursor?: string };
type Problem = { field?: string; status: number };
type PersonBody = ApiSchema<'Person'>;
type ExportBody = ApiSchema<'AuditSubjectExport'>;

// Synthetic numbers with valid check digits (generated, never real people).
const rng = mulberry32(20261201);
const dotted = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
const OCCURRED_AT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

describe('audit API', () => {
  let t: TestPlatform;
  let api: ReturnType<typeof caseApi>;
  let limburg: CaseDistrict;
  let antwerpen: CaseDistrict;
  let requestCount = 0;
  /** Our own request ids, so each request's records can be found. */
  const rid = (label: string) => `audit-api-${++requestCount}-${label}`;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains, poolMax: 8 });
    api = caseApi(t);
    limburg = await caseDistrict(t, 'limburg');
    antwerpen = await caseDistrict(t, 'antwerpen');
  });
  afterAll(() => t?.close());

  /** The typed client, sending our own request id. */
  const client = (token: string, requestId: string) => t.client(token, { 'x-request-id': requestId });
  const query = (token: string, params: AuditQuery = {}, requestId = rid('query')) =>
    client(token, requestId).GET('/api/v1/audit', { params: { query: params } });

  /** Every page of a query, in the order given. */
  async function all(token: string, params: AuditQuery = {}): Promise<AuditItem[]> {
    const items: AuditItem[] = [];
    let cursor: string | undefined;
    do {
      const page = ok(await query(token, { limit: 100, ...params, ...(cursor ? { cursor } : {}) }));
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** The records of one request id, straight from the tenant's table (not through the API under test). */
  const recordsOf = (tenant: Tenant, requestId: string) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) =>
      s.query<{ action: string; result: string }>('SELECT action, result FROM audit_records WHERE request_id = $1', [requestId]));

  async function registered(token: string, body: ApiSchema<'PersonInput'>, requestId = rid('register')): Promise<PersonBody> {
    return ok(await client(token, requestId).POST('/api/v1/persons', { body }), 201);
  }
  async function read(token: string, id: string, requestId = rid('read')): Promise<number> {
    return (await client(token, requestId).GET('/api/v1/persons/{id}', { params: { path: { id } } })).response.status;
  }

  it('records every field of a person operation: who, for which organisation and function, what, result, purpose, when', async () => {
    const number = syntheticNationalNumber(rng, { birthYear: 1979 });
    const registerId = rid('fields-register');
    const readId = rid('fields-read');
    const person = await registered(limburg.jurist, { firstName: 'Mira', lastName: 'Claes', nationalNumber: number }, registerId);
    expect(await read(limburg.jurist, person.id, readId)).toBe(200);

    const items = await all(limburg.beheerder, { objectId: person.id });
    const [jurist] = await t.platform.uow.run({ tenantId: limburg.tenant.id, tenantSlug: 'limburg' }, (s) =>
      s.query<{ id: string }>(`SELECT id FROM users WHERE subject = 'limburg-jurist'`));
    const common = {
      id: expect.stringMatching(/^\d+$/), tenantId: limburg.tenant.id, occurredAt: expect.stringMatching(OCCURRED_AT),
      actorSubject: 'limburg-jurist', actorUserId: jurist.id, actingOrganisationId: limburg.orgs.parket, actingFunction: 'parketjurist',
      objectType: 'person', objectId: person.id, result: 'allowed', purpose: 'casework', seq: null, prevHash: null, hash: null, chained: false,
    };
    expect(items).toEqual([
      { ...common, requestId: readId, action: 'person.read', changedFields: [] },
      { ...common, requestId: registerId, action: 'person.register', changedFields: expect.arrayContaining(['firstName', 'lastName', 'nationalNumber']) },
    ]);
    // Field names, never values.
    expect(JSON.stringify(items)).not.toContain(number);
    expect(Number(items[0].id)).toBeGreaterThan(Number(items[1].id));

    // Once chained, each record carries its place in the chain, and anyone can recompute its hash.
    await new AuditChainer(t.platform.db).chainTenant(limburg.tenant.id);
    for (const item of await all(limburg.beheerder, { objectId: person.id })) {
      expect(item).toEqual(expect.objectContaining({ chained: true, seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) }));
      expect(chainHash(item.prevHash as string, String(item.seq), {
        id: item.id, tenant_id: item.tenantId, occurred_at: item.occurredAt, request_id: item.requestId, actor_subject: item.actorSubject,
        actor_user_id: item.actorUserId, acting_organisation_id: item.actingOrganisationId, acting_function: item.actingFunction, action: item.action,
        object_type: item.objectType, object_id: item.objectId, result: item.result, purpose: item.purpose, changed_fields: item.changedFields,
      })).toBe(item.hash);
    }

    // Reading the trail is on the trail too.
    const lookId = rid('look');
    ok(await query(limburg.beheerder, { action: 'person.read' }, lookId));
    const [look] = (await all(limburg.beheerder, { action: 'audit.query', actor: 'limburg-beheerder' })).filter((x) => x.requestId === lookId);
    expect(look).toEqual(expect.objectContaining({
      action: 'audit.query', objectType: 'audit', objectId: null, result: 'allowed', purpose: 'administration', actorSubject: 'limburg-beheerder', tenantId: limburg.tenant.id,
    }));
  });

  it('filters by actor, action, object, result and time, each narrowing exactly as asked', async () => {
    const person = await registered(limburg.jurist, { firstName: 'Filter', lastName: 'Persoon' });
    const missing = '00000000-0000-4000-8000-00000000f11e';
    const reads = [rid('f-read'), rid('f-read'), rid('f-read')];
    for (const r of reads) expect(await read(limburg.jurist, person.id, r)).toBe(200);
    const deniedId = rid('f-denied');
    expect((await client(limburg.hulpverlener, deniedId).POST('/api/v1/persons', { body: { firstName: 'Niet', lastName: 'Toegestaan' } })).response.status).toBe(403);
    const missingId = rid('f-missing');
    expect(await read(limburg.assistent, missing, missingId)).toBe(404);

    const byActor = await all(limburg.beheerder, { actor: 'limburg-hulpverlener' });
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((i) => i.actorSubject === 'limburg-hulpverlener')).toBe(true);
    expect(byActor.map((i) => i.requestId)).toContain(deniedId);

    const denied = await all(limburg.beheerder, { action: 'person.register', result: 'denied' });
    expect(denied.map((i) => i.requestId)).toEqual([deniedId]);
    expect(denied[0]).toEqual(expect.objectContaining({ actingFunction: 'hulpverlener', actingOrganisationId: limburg.orgs.caw, objectId: null }));

    const notFound = await all(limburg.beheerder, { objectType: 'person', objectId: missing });
    expect(notFound).toEqual([expect.objectContaining({ requestId: missingId, result: 'not-found', action: 'person.read', actorSubject: 'limburg-assistent' })]);
    const allNotFound = await all(limburg.beheerder, { result: 'not-found' });
    expect(allNotFound.every((i) => i.result === 'not-found')).toBe(true);
    expect(await all(limburg.beheerder, { objectType: 'case', objectId: person.id })).toEqual([]);

    // Time: `from` includes the moment given, `to` excludes it.
    const ofPerson = await all(limburg.beheerder, { objectId: person.id, action: 'person.read' });
    expect(ofPerson.map((i) => i.requestId)).toEqual([...reads].reverse());
    const middle = ofPerson[1];
    const fromMiddle = await all(limburg.beheerder, { objectId: person.id, from: middle.occurredAt });
    expect(fromMiddle.map((i) => i.requestId)).toEqual([reads[2], reads[1]]);
    const toMiddle = await all(limburg.beheerder, { objectId: person.id, to: middle.occurredAt });
    expect(toMiddle.map((i) => i.action)).toEqual(['person.read', 'person.register']);
    expect(toMiddle[0].requestId).toBe(reads[0]);
    expect(await all(limburg.beheerder, { objectId: person.id, from: middle.occurredAt, to: middle.occurredAt })).toEqual([]);
  });

  it('walks every record page by page, newest first, none twice, none left out', async () => {
    const person = await registered(limburg.jurist, { firstName: 'Pagina', lastName: 'Wandelaar' });
    for (let i = 0; i < 23; i++) expect(await read(limburg.assistent, person.id)).toBe(200);
    const pages: Page[] = [];
    let cursor: string | undefined;
    do {
      pages.push(ok(await query(limburg.beheerder, { objectId: person.id, limit: 5, ...(cursor ? { cursor } : {}) })));
      cursor = pages[pages.length - 1].nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 4]);
    const ids = pages.flatMap((p) => p.items.map((i) => BigInt(i.id)));
    expect(ids.every((id, i) => i === 0 || id < ids[i - 1])).toBe(true);
    expect(pages.flatMap((p) => p.items)).toEqual(await all(limburg.beheerder, { objectId: person.id }));

    // The whole district's trail too. The walk's own queries are recorded with higher ids than
    // the cursor it follows, so it sees exactly what was there when it began.
    const [{ n }] = await t.platform.uow.run({ tenantId: limburg.tenant.id, tenantSlug: 'limburg' }, (s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_records'));
    const everything = await all(limburg.beheerder);
    expect(everything.length).toBe(n);
    expect(new Set(everything.map((i) => i.id)).size).toBe(n);

    for (const cursor of ['not-a-cursor', Buffer.from('audit:12x').toString('base64url'), Buffer.from('audit:99999999999999999999').toString('base64url')]) {
      const res = await query(limburg.beheerder, { cursor });
      expect(res.response.status).toBe(400);
      expect(res.error?.field).toBe('query.cursor');
    }
  });

  it('refuses callers without the permission with 403, and records each refusal', async () => {
    const person = await registered(limburg.jurist, { firstName: 'Geweigerd', lastName: 'Inzage' });
    const attempts: [string, (c: ReturnType<typeof client>) => Promise<{ response: Response }>, string][] = [
      [limburg.jurist, (c) => c.GET('/api/v1/audit'), rid('deny-query')],
      [limburg.hulpverlener, (c) => c.GET('/api/v1/persons/{id}/audit-export', { params: { path: { id: person.id } } }), rid('deny-export')],
      [await t.token(limburg.tenant, { subject: 'limburg-analist', roles: ['analist'] }), (c) => c.GET('/api/v1/audit', { params: { query: { action: 'person.read' } } }), rid('deny-analist')],
    ];
    for (const [token, call, requestId] of attempts) {
      const { response } = await call(client(token, requestId));
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const refusals = (await all(limburg.beheerder, { result: 'denied' })).filter((i) => attempts.some((a) => a[2] === i.requestId));
    expect(refusals).toEqual([
      expect.objectContaining({ requestId: attempts[2][2], action: 'audit.query', actorSubject: 'limburg-analist', purpose: 'administration' }),
      expect.objectContaining({ requestId: attempts[1][2], action: 'person.audit-export', objectId: person.id, actorSubject: 'limburg-hulpverlener', actingOrganisationId: limburg.orgs.caw }),
      expect.objectContaining({ requestId: attempts[0][2], action: 'audit.query', objectId: null, actorSubject: 'limburg-jurist', actingFunction: 'parketjurist' }),
    ]);
  });

  it("never shows another district's records, though both did the same things", async () => {
    const sent: Record<string, string[]> = { limburg: [], antwerpen: [] };
    const persons: Record<string, string> = {};
    for (const d of [limburg, antwerpen]) {
      const slug = d.tenant.slug;
      const r = [rid(`${slug}-same`), rid(`${slug}-same`), rid(`${slug}-same`)];
      sent[slug].push(...r);
      persons[slug] = (await registered(d.jurist, { firstName: 'Zelfde', lastName: 'Naam' }, r[0])).id;
      expect(await read(d.jurist, persons[slug], r[1])).toBe(200);
      expect((await client(d.jurist, r[2]).GET('/api/v1/persons', { params: { query: { name: 'Zelfde Naam' } } })).response.status).toBe(200);
    }
    for (const [mine, theirs] of [[limburg, antwerpen], [antwerpen, limburg]]) {
      const everything = await all(mine.beheerder);
      expect(everything.every((i) => i.tenantId === mine.tenant.id)).toBe(true);
      const ids = new Set(everything.map((i) => i.requestId));
      expect(sent[mine.tenant.slug].every((r) => ids.has(r))).toBe(true);
      expect(sent[theirs.tenant.slug].some((r) => ids.has(r))).toBe(false);
      expect(await all(mine.beheerder, { objectId: persons[theirs.tenant.slug] })).toEqual([]);
      expect(await all(mine.beheerder, { actor: `${theirs.tenant.slug}-jurist` })).toEqual([]);
    }
  });

  describe('subject access export', () => {
    let number: string;
    let subject: PersonBody;
    let bystander: PersonBody;
    let itsCase: CaseBody;
    let otherCase: CaseBody;
    let exportId: string;
    let res: Response;
    let body: ExportBody;

    beforeAll(async () => {
      number = syntheticNationalNumber(rng, { birthYear: 1990, sex: 'F' });
      subject = await registered(limburg.jurist, { firstName: 'Inzage', lastName: 'Verzoeker', nationalNumber: number });
      bystander = await registered(limburg.jurist, { firstName: 'Ander', lastName: 'Persoon' });
      itsCase = await api.registered(limburg.jurist, { subjects: [{ personId: subject.id, role: 'slachtoffer' }, { personId: bystander.id, role: 'verdachte' }] });
      otherCase = await api.registered(limburg.jurist, { subjects: [{ personId: bystander.id, role: 'getuige' }] });
      expect(await read(limburg.inspecteur, subject.id)).toBe(200);
      expect(await read(limburg.jurist, bystander.id)).toBe(200);
      const getCase = (token: string, id: string) => t.client(token).GET('/api/v1/cases/{id}', { params: { path: { id } } });
      expect((await getCase(limburg.assistent, itsCase.id)).response.status).toBe(404); // not a participant: refused, and recorded
      expect((await getCase(limburg.jurist, otherCase.id)).response.status).toBe(200);
      expect((await t.client(limburg.jurist).GET('/api/v1/persons/{id}/timeline', { params: { path: { id: subject.id } } })).response.status).toBe(200);
      exportId = rid('export');
      const exported = await client(limburg.beheerder, exportId).GET('/api/v1/persons/{id}/audit-export', { params: { path: { id: subject.id } } });
      res = exported.response;
      body = exported.data!; // the first test checks that it answered 200
    });

    it('is a JSON file holding the person in full, their cases and their roles', () => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="audit-export-${subject.id}.json"`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(body.format).toBe('ketenhuis.subject-access-export.v1');
      expect(body.tenant).toEqual({ id: limburg.tenant.id, slug: 'limburg' });
      // The tenant-beheerder may not read identifiers elsewhere; a subject access request discloses them.
      expect(body.person).toEqual(expect.objectContaining({ id: subject.id, firstName: 'Inzage', nationalNumber: dotted(number) }));
      expect(body.person.nationalNumberMasked).toBeUndefined();
      expect(body.cases).toEqual([expect.objectContaining({ id: itsCase.id, reference: itsCase.reference, chain: 'snel', roles: ['slachtoffer'] })]);
    });

    it('holds every record about the person and their cases, and none about anyone else', () => {
      expect(body.personAuditRecords.every((r) => r.objectType === 'person' && r.objectId === subject.id)).toBe(true);
      expect(body.personAuditRecords.map((r) => [r.action, r.actorSubject, r.result])).toEqual([
        ['person.register', 'limburg-jurist', 'allowed'],
        ['person.read', 'limburg-inspecteur', 'allowed'],
        ['person.timeline.read', 'limburg-jurist', 'allowed'],
      ]);
      expect(body.personAuditRecords[1]).toEqual(expect.objectContaining({ actingOrganisationId: limburg.orgs.zone, actingFunction: 'politie-inspecteur', purpose: 'casework', occurredAt: expect.stringMatching(OCCURRED_AT) }));
      expect(body.caseAuditRecords.every((r) => r.objectType === 'case' && r.objectId === itsCase.id)).toBe(true);
      expect(body.caseAuditRecords.map((r) => [r.action, r.actorSubject, r.result])).toEqual([
        ['case.register', 'limburg-jurist', 'allowed'],
        ['case.read', 'limburg-assistent', 'not-found'],
      ]);
      const text = JSON.stringify(body);
      expect(text).not.toContain(bystander.id);
      expect(text).not.toContain(otherCase.id);
      expect(body.recordCount).toBe(5);
      expect(body).toEqual(expect.objectContaining({ recordLimit: 100_000, truncated: false }));
    });

    it('is itself recorded, and the next export shows it', async () => {
      expect(await recordsOf(limburg.tenant, exportId)).toEqual([{ action: 'person.audit-export', result: 'allowed' }]);
      const again = ok(await t.client(limburg.beheerder).GET('/api/v1/persons/{id}/audit-export', { params: { path: { id: subject.id } } }));
      expect(again.personAuditRecords[again.personAuditRecords.length - 1]).toEqual(expect.objectContaining({
        requestId: exportId, action: 'person.audit-export', actorSubject: 'limburg-beheerder', purpose: 'administration', result: 'allowed',
      }));
    });

    it('reads in bounded pages and stops at its limits, saying so', async () => {
      const person = await registered(limburg.jurist, { firstName: 'Begrensd', lastName: 'Verzoek' });
      const c = await api.registered(limburg.jurist, { subjects: [{ personId: person.id, role: 'betrokkene' }] });
      for (let i = 0; i < 4; i++) expect(await read(limburg.jurist, person.id)).toBe(200);
      for (let i = 0; i < 2; i++) expect((await t.client(limburg.jurist).GET('/api/v1/cases/{id}', { params: { path: { id: c.id } } })).response.status).toBe(200);
      // 5 records about the person, 3 about the case.
      const exportWith = (limits: Partial<ExportLimits>) => t.platform.uow.run({ tenantId: limburg.tenant.id, tenantSlug: 'limburg' }, async (scope) =>
        (await subjectAccessExport(scope, t.platform.cipher, person.id, { ...EXPORT_LIMITS, pageSize: 2, ...limits }))!);
      const full = await exportWith({});
      expect([full.personAuditRecords.length, full.caseAuditRecords.length, full.truncated]).toEqual([5, 3, false]);
      expect(full.personAuditRecords.map((r) => r.action)).toEqual(['person.register', 'person.read', 'person.read', 'person.read', 'person.read']);
      const ids = full.personAuditRecords.map((r) => BigInt(r.id));
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);

      expect(await exportWith({ records: 8 })).toEqual(expect.objectContaining({ recordCount: 8, recordLimit: 8, truncated: false }));
      const capped = await exportWith({ records: 7 });
      expect(capped).toEqual(expect.objectContaining({ recordCount: 7, recordLimit: 7, truncated: true }));
      expect([...capped.personAuditRecords, ...capped.caseAuditRecords]).toEqual([...full.personAuditRecords, ...full.caseAuditRecords.slice(0, 2)]);
      const fewer = await exportWith({ records: 3 });
      expect([fewer.personAuditRecords, fewer.caseAuditRecords, fewer.truncated]).toEqual([full.personAuditRecords.slice(0, 3), [], true]);
      const noCases = await exportWith({ cases: 0 });
      expect([noCases.cases, noCases.caseAuditRecords, noCases.truncated]).toEqual([[], [], true]);
      expect(await exportWith({ cases: 1 })).toEqual(expect.objectContaining({ cases: [expect.objectContaining({ id: c.id, roles: ['betrokkene'] })], truncated: false }));
    });

    it("is 404 for another district's person and for one that does not exist, recorded in the caller's district only", async () => {
      const antwerpsePerson = await registered(antwerpen.jurist, { firstName: 'Inzage', lastName: 'Verzoeker', nationalNumber: number });
      for (const id of [antwerpsePerson.id, '00000000-0000-4000-8000-0000000000e0']) {
        const requestId = rid('export-404');
        const miss = await client(limburg.beheerder, requestId).GET('/api/v1/persons/{id}/audit-export', { params: { path: { id } } });
        expect(miss.response.status).toBe(404);
        expect(miss.error).not.toHaveProperty('person');
        expect(await recordsOf(limburg.tenant, requestId)).toEqual([{ action: 'person.audit-export', result: 'not-found' }]);
        expect(await recordsOf(antwerpen.tenant, requestId)).toEqual([]);
      }
    });
  });

  // On t.request: the filters are malformed on purpose (an unknown parameter, a value outside the
  // enum, dates and numbers outside the contract's formats and ranges).
  it('refuses bad filters with 400 naming the field; only what reaches the handler is recorded', async () => {
    const cases: [Record<string, string | number>, string, boolean][] = [
      [{ from: 'yesterday' }, 'query.from', false],
      [{ to: '2026-13-01T00:00:00Z' }, 'query.to', false],
      [{ limit: 0 }, 'query.limit', false],
      [{ limit: 101 }, 'query.limit', false],
      [{ result: 'maybe' }, 'query.result', false],
      [{ action: 'Person Read' }, 'query.action', false],
      [{ actorSubject: 'x' }, 'query.actorSubject', false],
      [{ from: '2026-02-29T00:00:00Z' }, 'query.from', false],
      // Well-formed, but beyond what Postgres takes: the handler answers before the query would fail.
      [{ from: '0000-01-01T00:00:00Z' }, 'query.from', true],
      [{ to: '2026-01-01T00:00:00+23:00' }, 'query.to', true],
      [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'query.to', true],
      [{ cursor: 'bm9wZQ' }, 'query.cursor', true],
    ];
    for (const [params, field, reachesHandler] of cases) {
      const requestId = rid('bad-filter');
      const res = await t.request('GET', `/api/v1/audit?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`,
        { token: limburg.beheerder, headers: { 'x-request-id': requestId } });
      expect({ params, status: res.status }).toEqual({ params, status: 400 });
      const problem = (await res.json()) as Problem & { errors?: { field: string }[] };
      expect({ params, field: problem.field }).toEqual({ params, field });
      expect(await recordsOf(limburg.tenant, requestId)).toEqual(reachesHandler ? [{ action: 'audit.query', result: 'invalid' }] : []);
    }
  });

  describe('N random operations leave exactly N records', () => {
    type Role = 'registrar' | 'reader' | 'analist' | 'beheerder' | 'nobody' | 'elsewhere';
    /** Who acts: a function's default grants, or none; `elsewhere` registers in the other district. */
    const ACTORS: Record<Role, { roles: string[]; district: 'home' | 'other'; register: boolean; read: boolean }> = {
      registrar: { roles: ['magistraat'], district: 'home', register: true, read: true },
      reader: { roles: ['hulpverlener'], district: 'home', register: false, read: true },
      analist: { roles: ['analist'], district: 'home', register: false, read: false },
      beheerder: { roles: ['tenant-beheerder'], district: 'home', register: false, read: false },
      nobody: { roles: [], district: 'home', register: false, read: false },
      elsewhere: { roles: ['administratief-medewerker'], district: 'other', register: true, read: true },
    };
    const NAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens'];
    const POOL = [...new Set(Array.from({ length: 6 }, () => syntheticNationalNumber(rng)))];
    const badCheck = (d: string) => d.slice(0, 9) + String((Number(d.slice(9)) + 1) % 100).padStart(2, '0');

    const actor = fc.constantFrom(...(Object.keys(ACTORS) as Role[]));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), actor, body: fc.constantFrom('plain', 'number', 'bad-number', 'malformed'), name: fc.constantFrom(...NAMES), n: fc.nat(POOL.length - 1) }),
      fc.record({ kind: fc.constant('read' as const), actor, target: fc.constantFrom('home', 'other', 'missing', 'malformed'), n: fc.nat() }),
      fc.record({ kind: fc.constant('search' as const), actor, by: fc.constantFrom('name', 'number', 'bad-number', 'nothing'), name: fc.constantFrom(...NAMES), n: fc.nat(POOL.length - 1) }),
    );
    type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;
    type Expected = { status: number; audited: false } | { status: number; audited: true; action: string; result: string; objectId: string | null | 'created' };

    let run = 0;

    it('one record per request that reached a handler, every field filled, results mapped, the chain intact', async () => {
      await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 200, maxLength: 240 }), async (ops) => {
        run += 1;
        const tenants = { home: await t.createTenant(`prop-home-${run}`), other: await t.createTenant(`prop-other-${run}`) };
        const tokens = Object.fromEntries(await Promise.all((Object.keys(ACTORS) as Role[]).map(async (r) =>
          [r, await t.token(tenants[ACTORS[r].district], { subject: `prop-${r}`, roles: ACTORS[r].roles })]))) as Record<Role, string>;
        // The model: who exists where, which numbers are taken where.
        const persons = { home: [(await registered(tokens.registrar, { firstName: 'Start', lastName: 'Thuis' })).id], other: [(await registered(tokens.elsewhere, { firstName: 'Start', lastName: 'Elders' })).id] };
        const taken = { home: new Set<string>(), other: new Set<string>() };

        function expected(o: Op): Expected {
          const a = ACTORS[o.actor];
          if (o.kind === 'register') {
            if (o.body === 'malformed') return { status: 400, audited: false };
            const r = { action: 'person.register', objectId: null, audited: true } as const;
            if (!a.register) return { ...r, status: 403, result: 'denied' };
            if (o.body === 'bad-number') return { ...r, status: 400, result: 'invalid' };
            if (o.body === 'number' && taken[a.district].has(POOL[o.n])) return { ...r, status: 409, result: 'invalid' };
            if (o.body === 'number') taken[a.district].add(POOL[o.n]);
            return { ...r, status: 201, result: 'allowed', objectId: 'created' };
          }
          if (o.kind === 'read') {
            if (o.target === 'malformed') return { status: 400, audited: false };
            const r = { action: 'person.read', objectId: readTarget(o), audited: true } as const;
            if (!a.read) return { ...r, status: 403, result: 'denied' };
            return o.target === a.district ? { ...r, status: 200, result: 'allowed' } : { ...r, status: 404, result: 'not-found' };
          }
          const r = { action: 'person.search', objectId: null, audited: true } as const;
          if (!a.read) return { ...r, status: 403, result: 'denied' };
          return o.by === 'name' || o.by === 'number' ? { ...r, status: 200, result: 'allowed' } : { ...r, status: 400, result: 'invalid' };
        }
        const targets = new Map<Op, string>();
        function readTarget(o: Op & { kind: 'read' }): string {
          if (!targets.has(o)) {
            targets.set(o, o.target === 'missing' ? '00000000-0000-4000-8000-000000000404' : o.target === 'malformed' ? 'not-a-uuid' : persons[o.target][o.n % persons[o.target].length]);
          }
          return targets.get(o) as string;
        }
        /** The status of the answer, and the id of the person it registered. */
        async function send(o: Op, requestId: string): Promise<{ status: number; created?: string }> {
          // Malformed on purpose (no lastName, an id that is no uuid): on t.request.
          if ((o.kind === 'register' && o.body === 'malformed') || (o.kind === 'read' && o.target === 'malformed')) {
            const opts = { token: tokens[o.actor], headers: { 'x-request-id': requestId } };
            const res = o.kind === 'register' ? await t.request('POST', '/api/v1/persons', { ...opts, body: { firstName: 'Zonder' } })
              : await t.request('GET', `/api/v1/persons/${readTarget(o)}`, opts);
            await res.text();
            return { status: res.status };
          }
          const api = client(tokens[o.actor], requestId);
          if (o.kind === 'register') {
            const body = { firstName: 'Prop', lastName: o.name, ...(o.body === 'number' ? { nationalNumber: POOL[o.n] } : o.body === 'bad-number' ? { nationalNumber: badCheck(POOL[o.n]) } : {}) };
            const { data, response } = await api.POST('/api/v1/persons', { body });
            return { status: response.status, created: response.status === 201 ? data?.id : undefined };
          }
          if (o.kind === 'read') return { status: (await api.GET('/api/v1/persons/{id}', { params: { path: { id: readTarget(o) } } })).response.status };
          const query = o.by === 'name' ? { name: o.name } : o.by === 'number' ? { nationalNumber: POOL[o.n] } : o.by === 'bad-number' ? { nationalNumber: badCheck(POOL[o.n]) } : {};
          return { status: (await api.GET('/api/v1/persons', { params: { query } })).response.status };
        }

        const sent: { requestId: string; o: Op; e: Expected; created?: string }[] = [];
        for (const [i, o] of ops.entries()) {
          const requestId = `prop-${run}-${String(i).padStart(4, '0')}`;
          const e = expected(o);
          const { status, created } = await send(o, requestId);
          expect({ i, o, status }).toEqual({ i, o, status: e.status });
          if (created) persons[ACTORS[o.actor].district].push(created);
          sent.push({ requestId, o, e, created });
        }

        type Row = { request_id: string; actor_subject: string; action: string; object_type: string | null; object_id: string | null; result: string; purpose: string; occurred_at: Date | null };
        const recordsIn = (tenant: Tenant) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<Row>(
          `SELECT request_id, actor_subject, action, object_type, object_id, result, purpose, occurred_at FROM audit_records WHERE request_id LIKE $1`, [`prop-${run}-%`]));
        const rows = { home: await recordsIn(tenants.home), other: await recordsIn(tenants.other) };
        const audited = sent.filter((x) => x.e.audited);
        expect(audited.length).toBeGreaterThan(ops.length / 2);
        expect(rows.home.length + rows.other.length).toBe(audited.length);
        for (const { requestId, o, e, created } of sent) {
          const district = ACTORS[o.actor].district;
          const mine = rows[district].filter((r) => r.request_id === requestId);
          const elsewhere = rows[district === 'home' ? 'other' : 'home'].filter((r) => r.request_id === requestId);
          expect({ requestId, elsewhere }).toEqual({ requestId, elsewhere: [] });
          if (!e.audited) {
            expect({ requestId, mine }).toEqual({ requestId, mine: [] });
            continue;
          }
          expect({ requestId, mine }).toEqual({ requestId, mine: [{
            request_id: requestId, actor_subject: `prop-${o.actor}`, action: e.action, object_type: 'person',
            object_id: e.objectId === 'created' ? created : e.objectId, result: e.result, purpose: 'casework', occurred_at: expect.any(Date),
          }] });
        }

        await new AuditChainer(t.platform.db).chainAll();
        for (const tenant of [tenants.home, tenants.other]) {
          const [{ n }] = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_records'));
          expect(await verifyAuditChain(t.admin, tenant.id)).toEqual({ ok: true, records: n, unchained: 0 });
        }
      }), { numRuns: 1, endOnFailure: true });
    });
  });

  it('leaves the chain verifiable after all of the above', async () => {
    await new AuditChainer(t.platform.db).chainAll();
    for (const d of [limburg, antwerpen]) {
      expect(await verifyAuditChain(t.admin, d.tenant.id)).toEqual({ ok: true, records: expect.any(Number), unchained: 0 });
    }
  });
});
