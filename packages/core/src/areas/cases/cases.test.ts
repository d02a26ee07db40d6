import { randomUUID } from 'node:crypto';
import { expectProblem } from '@ketenhuis/testing';
import { startTestPlatform, caseApi, caseChains, caseDistrict, ZONE_CODE, type TestPlatform, type CaseBody, type CaseDistrict, type TimelineBody } from '../../testing';

const YEAR_REF = /^SNEL-\d{4}-\d{6}$/;
const brusselsYear = () => new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date());

// The case registry through HTTP: registration with its reference, external references and
// subjects, reading, the timeline and notes, search, updates under If-Match, the input checks a
// schema cannot make, and the audit record every request leaves.
describe('cases', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let api: ReturnType<typeof caseApi>;
  let suspect: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    api = caseApi(t);
    d = await caseDistrict(t, 'limburg');
    suspect = await api.person(d.jurist, 'Jan', 'Verdacht');
  });
  afterAll(() => t.close());

  it('registers a case in its initial state with a reference, a PV and a subject; the registering organisation takes part', async () => {
    const before = brusselsYear();
    const res = await api.register(d.inspecteur, {
      chain: 'snel', caseType: 'snel-dossier',
      externalReferences: [{ kind: 'pv', value: 'ha.55.l1 012345/2026', policeZoneCode: ZONE_CODE }],
      subjects: [{ personId: suspect, role: 'verdachte' }],
    });
    expect(res.status).toBe(201);
    const c = (await res.json()) as CaseBody;
    expect(res.headers.get('location')).toBe(`/api/v1/cases/${c.id}`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(c).toMatchObject({ chain: 'snel', caseType: 'snel-dossier', state: 'intake', confidentiality: 'normaal', version: 1 });
    expect(c.reference).toMatch(YEAR_REF);
    // The year is Belgium's at registration time.
    expect([before, brusselsYear()]).toContain(c.reference.slice(5, 9));
    expect(c.externalReferences).toEqual([expect.objectContaining({ kind: 'pv', value: 'ha.55.l1 012345/2026', policeZoneCode: ZONE_CODE })]);
    expect(c.subjects).toEqual([expect.objectContaining({ personId: suspect, role: 'verdachte' })]);
    expect(c.participants).toEqual([expect.objectContaining({ organisationId: d.orgs.zone, function: 'politie-inspecteur', role: 'aanmelder' })]);

    const read = await api.get(d.inspecteur, c.id);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(await read.json()).toEqual(JSON.parse(JSON.stringify(c)));

    const timeline = (await (await api.timeline(d.inspecteur, c.id)).json()) as TimelineBody;
    expect(timeline.items).toEqual([expect.objectContaining({
      kind: 'registered', actorSubject: 'limburg-inspecteur', actorOrganisationId: d.orgs.zone,
      data: expect.objectContaining({ caseType: 'snel-dossier', state: 'intake', subjectIds: [suspect], externalReferenceIds: [c.externalReferences[0].id] }),
    })]);
    // Codes and ids only: neither the PV as typed nor anything about the person.
    expect(JSON.stringify(timeline)).not.toMatch(/012345|Verdacht/);
  });

  it('numbers references per chain and year, one after the other', async () => {
    const a = await api.registered(d.jurist);
    const b = await api.registered(d.jurist);
    const g = await api.registered(d.jurist, { chain: 'gezin', caseType: 'gezin-dossier' });
    const n = (ref: string) => Number(ref.split('-').pop());
    expect(n(b.reference)).toBe(n(a.reference) + 1);
    expect(g.reference).toMatch(/^GEZIN-\d{4}-000001$/);
  });

  it('adds notes to the timeline, and subjects, participants and links to the case', async () => {
    const c = await api.registered(d.inspecteur);
    const other = await api.registered(d.inspecteur);
    const victim = await api.person(d.jurist, 'Els', 'Slachtoffer');

    const note = await api.post(d.inspecteur, c.id, 'notes', { text: 'Verhoor gepland; betrokkene bereikbaar via de zone.' });
    expect(note.status).toBe(201);
    expect(note.headers.get('location')).toBe(`/api/v1/cases/${c.id}/timeline`);
    expect(await note.json()).toMatchObject({ authorSubject: 'limburg-inspecteur', authorOrganisationId: d.orgs.zone });

    expect((await api.post(d.inspecteur, c.id, 'subjects', { personId: victim, role: 'slachtoffer' })).status).toBe(201);
    expect((await api.post(d.inspecteur, c.id, 'subjects', { personId: victim, role: 'slachtoffer' })).status).toBe(409);
    const p = await api.post(d.inspecteur, c.id, 'participants', { organisationId: d.orgs.caw, function: 'hulpverlener', role: 'doorverwezen-partner' });
    expect(p.status).toBe(201);
    expect(p.headers.get('location')).toBe(`/api/v1/cases/${c.id}`);
    const link = await api.post(d.jurist, c.id, 'links', { caseId: other.id, kind: 'zelfde-gezin' });
    expect(link.status).toBe(201);
    expect(await link.json()).toMatchObject({ caseId: other.id, reference: other.reference, kind: 'zelfde-gezin' });
    // Symmetric: the same pair the other way round is the same link.
    expect((await api.post(d.jurist, other.id, 'links', { caseId: c.id, kind: 'zelfde-gezin' })).status).toBe(409);

    const now = (await (await api.get(d.inspecteur, c.id)).json()) as CaseBody;
    expect(now.version).toBe(4);
    expect(now.subjects).toEqual([expect.objectContaining({ personId: victim, role: 'slachtoffer' })]);
    expect(now.participants.map((x) => x.role)).toEqual(['aanmelder', 'doorverwezen-partner']);
    expect(now.links).toEqual([expect.objectContaining({ caseId: other.id, reference: other.reference, kind: 'zelfde-gezin' })]);
    const fromOther = (await (await api.get(d.inspecteur, other.id)).json()) as CaseBody;
    expect(fromOther.links).toEqual([expect.objectContaining({ caseId: c.id, kind: 'zelfde-gezin' })]);

    const timeline = (await (await api.timeline(d.inspecteur, c.id)).json()) as TimelineBody;
    expect(timeline.items.map((e) => e.kind)).toEqual(['registered', 'note-added', 'subject-added', 'participant-added', 'linked']);
    expect(timeline.items[1].note).toEqual({ text: 'Verhoor gepland; betrokkene bereikbaar via de zone.' });
    expect(timeline.items[4]).toMatchObject({ actorSubject: 'limburg-jurist', data: { caseId: other.id, kind: 'zelfde-gezin' } });

    // Paged, oldest first, with an opaque cursor.
    const first = (await (await api.timeline(d.inspecteur, c.id, '?limit=2')).json()) as TimelineBody;
    const second = (await (await api.timeline(d.inspecteur, c.id, `?limit=2&cursor=${first.nextCursor}`)).json()) as TimelineBody;
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(timeline.items.slice(0, 4).map((e) => e.id));
    // Cursors we did not give out, forged ones included, are a 400 naming the field.
    const forged = (key: string) => Buffer.from(JSON.stringify([key, c.id])).toString('base64url');
    for (const cursor of ['bm90LW91cnM', forged('2026-02-30 10:00:00+00'), forged('2026-13-45 99:99:99+00'), forged('gisteren')]) {
      expect((await expectProblem(await api.timeline(d.inspecteur, c.id, `?cursor=${cursor}`), 400, 'validation')).field).toBe('query.cursor');
      expect((await expectProblem(await api.list(d.inspecteur, `?cursor=${cursor}`), 400, 'validation')).field).toBe('query.cursor');
    }
  });

  it('finds cases by their own reference and by any PV or notitienummer, however typed', async () => {
    const c = await api.registered(d.inspecteur, {
      externalReferences: [{ kind: 'notitienummer', value: 'HA.12.LB.000777/26' }, { kind: 'pv', value: 'HA.55.L1.054321/2026', policeZoneCode: ZONE_CODE }],
    });
    const ids = async (query: string) => ((await (await api.list(d.inspecteur, query)).json()) as { items: CaseBody[] }).items.map((x) => x.id);
    const byReference = (typed: string) => ids(`?reference=${encodeURIComponent(typed)}`);
    expect(await byReference('ha 12 lb 000777-26')).toEqual([c.id]);
    expect(await byReference('ha55l1054321/2026')).toEqual([c.id]);
    expect(await byReference(c.reference.toLowerCase())).toEqual([c.id]);
    expect(await byReference('HA.12.LB.000778/26')).toEqual([]);
    expect(await ids('?chain=gezin')).not.toContain(c.id);
    expect(await ids('?chain=snel&state=intake')).toContain(c.id);
  });

  it('pages through the list, newest first', async () => {
    const all = ((await (await api.list(d.jurist, '?limit=100')).json()) as { items: CaseBody[] }).items.map((x) => x.id);
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (await api.list(d.jurist, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: CaseBody[]; nextCursor?: string };
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('updates only with If-Match: 428 without it, 412 when stale (with the current ETag), 200 with a new ETag', async () => {
    const c = await api.registered(d.inspecteur);
    const missing = await api.patch(d.inspecteur, c.id, { confidentiality: 'vertrouwelijk' });
    await expectProblem(missing, 428, 'precondition-required');

    const ok = await api.patch(d.inspecteur, c.id, {
      confidentiality: 'vertrouwelijk', addExternalReferences: [{ kind: 'notitienummer', value: 'HA.12.LB.001234/26' }],
    }, 'W/"1"');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('W/"2"');
    expect(await ok.json()).toMatchObject({ confidentiality: 'vertrouwelijk', version: 2, externalReferences: [expect.objectContaining({ kind: 'notitienummer' })] });

    const stale = await api.patch(d.inspecteur, c.id, { confidentiality: 'normaal' }, 'W/"1"');
    expect(stale.headers.get('etag')).toBe('W/"2"');
    await expectProblem(stale, 412, 'precondition-failed');
    // A subject added since is a change too: the tag read before it is stale.
    await api.post(d.inspecteur, c.id, 'subjects', { personId: suspect, role: 'betrokkene' });
    await expectProblem(await api.patch(d.inspecteur, c.id, { confidentiality: 'normaal' }, '"2"'), 412, 'precondition-failed');

    // One notitienummer per case; PVs may be many.
    await expectProblem(await api.patch(d.inspecteur, c.id, { addExternalReferences: [{ kind: 'notitienummer', value: 'HA.12.LB.009999/26' }] }, 'W/"3"'), 409, 'conflict');
    const pvs = await api.patch(d.inspecteur, c.id, { addExternalReferences: [
      { kind: 'pv', value: 'HA.55.L1.000001/2026', policeZoneCode: ZONE_CODE }, { kind: 'pv', value: 'HA.55.L1.000002/2026', policeZoneCode: ZONE_CODE }] }, 'W/"3"');
    expect(pvs.status).toBe(200);
    expect(((await pvs.json()) as CaseBody).externalReferences.map((r) => r.kind)).toEqual(['notitienummer', 'pv', 'pv']);

    const timeline = (await (await api.timeline(d.inspecteur, c.id)).json()) as TimelineBody;
    expect(timeline.items.filter((e) => e.kind === 'updated').map((e) => e.data.changedFields)).toEqual([['confidentiality', 'externalReferences'], ['externalReferences']]);
  });

  it('names the field of bad input: chain, case type, person, PV zone code, participant, link', async () => {
    const field = async (res: Response) => (await expectProblem(res, 400, 'validation')).field;
    const other = await t.createTenant('antwerpen', ['snel']);
    const otherJurist = await t.token(other, { subject: 'antwerpen-magistraat', roles: ['magistraat'] });
    const foreigner = await api.person(otherJurist, 'Piet', 'Elders');
    const c = await api.registered(d.inspecteur);

    expect(await field(await api.register(d.inspecteur, { chain: 'onbekend', caseType: 'snel-dossier' }))).toBe('body.chain');
    // Installed on the platform, not enabled in this district.
    expect(await field(await api.register(d.inspecteur, { chain: 'uit', caseType: 'uit-dossier' }))).toBe('body.chain');
    expect(await field(await api.register(d.inspecteur, { chain: 'snel', caseType: 'gezin-dossier' }))).toBe('body.caseType');
    expect(await field(await api.register(d.inspecteur, { chain: 'snel', caseType: 'snel-dossier', subjects: [{ personId: suspect, role: 'verdachte' }, { personId: foreigner, role: 'getuige' }] })))
      .toBe('body.subjects.1.personId');
    expect(await field(await api.register(d.inspecteur, { chain: 'snel', caseType: 'snel-dossier', subjects: [{ personId: suspect, role: 'dader' }] })))
      .toBe('body.subjects.0.role');
    const pv = (policeZoneCode?: string) => ({ chain: 'snel', caseType: 'snel-dossier', externalReferences: [{ kind: 'pv', value: 'HA.55.L1.1/2026', ...(policeZoneCode ? { policeZoneCode } : {}) }] });
    expect(await field(await api.register(d.inspecteur, pv('99A1')))).toBe('body.externalReferences.0.policeZoneCode');
    expect(await field(await api.register(d.inspecteur, pv('1234')))).toBe('body.externalReferences.0.policeZoneCode');
    expect(await field(await api.register(d.inspecteur, pv()))).toBe('body.externalReferences.0.policeZoneCode');
    expect(await field(await api.register(d.inspecteur, { chain: 'snel', caseType: 'snel-dossier', confidentiality: 'geheim' }))).toBe('body.confidentiality');

    expect(await field(await api.post(d.inspecteur, c.id, 'subjects', { personId: foreigner, role: 'getuige' }))).toBe('body.personId');
    expect(await field(await api.post(d.inspecteur, c.id, 'participants', { organisationId: randomUUID(), function: 'hulpverlener', role: 'doorverwezen-partner' }))).toBe('body.organisationId');
    expect(await field(await api.post(d.inspecteur, c.id, 'participants', { organisationId: d.orgs.caw, function: 'tovenaar', role: 'doorverwezen-partner' }))).toBe('body.function');
    expect(await field(await api.post(d.jurist, c.id, 'links', { caseId: c.id, kind: 'gerelateerd' }))).toBe('body.caseId');
    expect(await field(await api.post(d.jurist, c.id, 'links', { caseId: randomUUID(), kind: 'gerelateerd' }))).toBe('body.caseId');
    expect(await field(await api.post(d.inspecteur, c.id, 'notes', { text: 'x'.repeat(10_001) }))).toBe('body.text');
  });

  it('refuses callers without the permission with 403', async () => {
    await expectProblem(await api.register(d.hulpverlener, { chain: 'snel', caseType: 'snel-dossier' }), 403, 'forbidden');
    const analist = await t.token(d.tenant, { subject: 'analist', roles: ['analist'] });
    await expectProblem(await api.list(analist), 403, 'forbidden');
    const c = await api.registered(d.inspecteur);
    await expectProblem(await api.post(d.inspecteur, c.id, 'links', { caseId: c.id, kind: 'gerelateerd' }), 403, 'forbidden');
  });

  it('leaves exactly one audit record per request, refusals included, naming the case and the changed fields', async () => {
    const registered = await api.register(d.inspecteur, { chain: 'snel', caseType: 'snel-dossier', confidentiality: 'vertrouwelijk' });
    const c = (await registered.json()) as CaseBody;
    const expectations: [Response, Record<string, unknown>][] = [
      [registered, { action: 'case.register', result: 'allowed', object_id: c.id, changed_fields: ['chain', 'caseType', 'confidentiality'] }],
      [await api.get(d.inspecteur, c.id), { action: 'case.read', result: 'allowed', object_id: c.id }],
      [await api.list(d.inspecteur), { action: 'case.list', result: 'allowed' }],
      [await api.patch(d.inspecteur, c.id, { confidentiality: 'normaal' }, 'W/"1"'), { action: 'case.update', result: 'allowed', object_id: c.id, changed_fields: ['confidentiality'] }],
      [await api.patch(d.inspecteur, c.id, { confidentiality: 'normaal' }), { action: 'case.update', result: 'invalid', object_id: c.id }],
      [await api.post(d.inspecteur, c.id, 'subjects', { personId: suspect, role: 'getuige' }), { action: 'case.subject.add', result: 'allowed', changed_fields: ['subjects'] }],
      [await api.post(d.inspecteur, c.id, 'participants', { organisationId: d.orgs.caw, function: 'hulpverlener', role: 'doorverwezen-partner' }), { action: 'case.participant.add', changed_fields: ['participants'] }],
      [await api.post(d.jurist, c.id, 'links', { caseId: (await api.registered(d.jurist)).id, kind: 'gerelateerd' }), { action: 'case.link', object_id: c.id, changed_fields: ['links'] }],
      [await api.post(d.inspecteur, c.id, 'notes', { text: 'Kort verslag.' }), { action: 'case.note.add', object_id: c.id, changed_fields: ['notes'] }],
      [await api.timeline(d.inspecteur, c.id), { action: 'case.timeline.read', result: 'allowed', object_id: c.id }],
      [await api.personTimeline(d.jurist, suspect), { action: 'person.timeline.read', result: 'allowed', object_type: 'person', object_id: suspect }],
      [await api.get(d.assistent, c.id), { action: 'case.read', result: 'not-found', object_id: c.id }],
      [await api.register(d.hulpverlener, { chain: 'snel', caseType: 'snel-dossier' }), { action: 'case.register', result: 'denied' }],
    ];
    for (const [res, expected] of expectations) {
      const rows = await api.auditOf(d.tenant, res);
      expect({ status: res.status, rows }).toEqual({ status: res.status, rows: [expect.objectContaining({ object_type: 'case', purpose: 'casework', ...expected })] });
    }
  });

  it('keeps the timeline append-only, even for the owner of the table', async () => {
    const c = await api.registered(d.inspecteur);
    const asApp = (sql: string) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.query(sql, [c.id]));
    await expect(asApp(`UPDATE case_timeline SET kind = 'updated' WHERE case_id = $1`)).rejects.toThrow(/permission denied/);
    await expect(asApp('DELETE FROM case_timeline WHERE case_id = $1')).rejects.toThrow(/permission denied/);
    await expect(asApp(`INSERT INTO case_timeline (tenant_id, case_id, kind, actor_subject, at) SELECT tenant_id, id, 'updated', 'x', now() - interval '1 year' FROM cases WHERE id = $1`))
      .rejects.toThrow(/permission denied/);
    await expect(asApp('DELETE FROM case_notes WHERE case_id = $1')).rejects.toThrow(/permission denied/);
    const asOwner = (sql: string) => t.admin.transaction(async (m) => {
      await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [d.tenant.id]);
      return m.query(sql, [c.id]);
    });
    await expect(asOwner(`UPDATE case_timeline SET kind = 'updated' WHERE case_id = $1`)).rejects.toThrow(/append-only/);
    await expect(asOwner('DELETE FROM case_timeline WHERE case_id = $1')).rejects.toThrow(/append-only/);
    expect((await (await api.timeline(d.inspecteur, c.id)).json() as TimelineBody).items.map((e) => e.kind)).toEqual(['registered']);
  });
});
