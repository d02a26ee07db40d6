import { expectProblem } from '@ketenhuis/testing';
import { startTestPlatform, caseApi, caseChains, caseDistrict, type TestPlatform, type CaseBody, type CaseDistrict, type PersonTimelineBody, type TimelineBody } from '../../testing';

// Who sees a case inside a district (architecture §3): its participants, the parket of its
// chain unless the case is strikt-vertrouwelijk, nobody else; and nobody of another district.
// Every refusal must look exactly like a case that does not exist.
describe('case visibility', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let other: CaseDistrict;
  let api: ReturnType<typeof caseApi>;
  let person: string;
  let c: CaseBody;

  const sees = async (token: string, id: string) => {
    const res = await api.get(token, id);
    if (res.status === 404) {
      // Identical to a case that does not exist: same status, type and shape.
      await expectProblem(res, 404, 'not-found');
      return false;
    }
    expect(res.status).toBe(200);
    return true;
  };
  const listed = async (token: string) => ((await (await api.list(token, '?limit=100')).json()) as { items: CaseBody[] }).items.map((x) => x.id);
  const personCases = async (token: string) => {
    const res = await api.personTimeline(token, person);
    expect(res.status).toBe(200);
    return ((await res.json()) as PersonTimelineBody).items.map((x) => x.caseId);
  };

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    api = caseApi(t);
    d = await caseDistrict(t, 'limburg');
    other = await caseDistrict(t, 'antwerpen');
    person = await api.person(d.jurist, 'Mia', 'Minderjarig');
    c = await api.registered(d.inspecteur, { subjects: [{ personId: person, role: 'minderjarige' }] });
  });
  afterAll(() => t.close());

  it('the registering organisation and the parket of the chain see the case, everywhere it shows', async () => {
    for (const token of [d.inspecteur, d.jurist]) {
      expect(await sees(token, c.id)).toBe(true);
      expect(await listed(token)).toContain(c.id);
      expect(await personCases(token)).toEqual([c.id]);
      expect((await api.timeline(token, c.id)).status).toBe(200);
    }
  });

  it('an organisation of the district that takes no part sees nothing of it: not the case, not in lists, not on the person timeline', async () => {
    expect(await sees(d.assistent, c.id)).toBe(false);
    expect(await listed(d.assistent)).not.toContain(c.id);
    expect(await personCases(d.assistent)).toEqual([]);
    await expectProblem(await api.timeline(d.assistent, c.id), 404, 'not-found');
    await expectProblem(await api.post(d.assistent, c.id, 'notes', { text: 'Mag ik dit zien?' }), 404, 'not-found');
    const byReference = (await (await api.list(d.assistent, `?reference=${c.reference}`)).json()) as { items: unknown[] };
    expect(byReference.items).toEqual([]);
  });

  it('taking part opens the case; a link to a case the partner cannot see stays hidden', async () => {
    const hidden = await api.registered(d.inspecteur);
    expect((await api.post(d.jurist, c.id, 'links', { caseId: hidden.id, kind: 'zelfde-gezin' })).status).toBe(201);
    expect((await api.post(d.inspecteur, c.id, 'participants', { organisationId: d.orgs.justitiehuis, function: 'justitieassistent', role: 'doorverwezen-partner' })).status).toBe(201);

    expect(await sees(d.assistent, c.id)).toBe(true);
    expect(await personCases(d.assistent)).toEqual([c.id]);
    const view = (await (await api.get(d.assistent, c.id)).json()) as CaseBody;
    expect(view.links).toEqual([]);
    const timeline = (await (await api.timeline(d.assistent, c.id)).json()) as TimelineBody;
    const linked = timeline.items.find((e) => e.kind === 'linked');
    expect(linked?.data).toEqual({ kind: 'zelfde-gezin' });
    expect(JSON.stringify(timeline)).not.toContain(hidden.id);
    // The parket sees both ends.
    expect(((await (await api.get(d.jurist, c.id)).json()) as CaseBody).links.map((l) => l.caseId)).toEqual([hidden.id]);
  });

  it('a strikt-vertrouwelijk case is hidden from the parket; only its participants see it', async () => {
    const strict = await api.registered(d.inspecteur, { chain: 'gezin', caseType: 'gezin-dossier', confidentiality: 'strikt-vertrouwelijk', subjects: [{ personId: person, role: 'slachtoffer' }] });
    expect(await sees(d.inspecteur, strict.id)).toBe(true);
    expect(await sees(d.jurist, strict.id)).toBe(false);
    expect(await listed(d.jurist)).not.toContain(strict.id);
    expect(await personCases(d.jurist)).toEqual([c.id]);
    expect(await personCases(d.inspecteur)).toEqual([c.id, strict.id]);

    // Lowered by a participant, it falls under the parket's view again.
    const etag = (await api.get(d.inspecteur, strict.id)).headers.get('etag')!;
    expect((await api.patch(d.inspecteur, strict.id, { confidentiality: 'vertrouwelijk' }, etag)).status).toBe(200);
    expect(await sees(d.jurist, strict.id)).toBe(true);
    expect(await personCases(d.jurist)).toEqual([c.id, strict.id]);
  });

  it('the parket sees only the chains it works in', async () => {
    const otherParket = await api.organisation(d.beheerder, 'Parket alleen gezin', 'parket', { chains: ['gezin'] });
    await api.user(d.beheerder, { name: 'gezinsjurist', email: 'gezinsjurist@limburg.example', subject: 'limburg-gezinsjurist' }, [[otherParket, 'parketjurist']]);
    const token = await t.token(d.tenant, { subject: 'limburg-gezinsjurist' });
    expect(await sees(token, c.id)).toBe(false);
    const gezin = await api.registered(d.inspecteur, { chain: 'gezin', caseType: 'gezin-dossier' });
    expect(await sees(token, gezin.id)).toBe(true);
  });

  it('another district sees none of it, not even its own parket', async () => {
    for (const token of [other.jurist, other.inspecteur, await t.token(other.tenant, { roles: ['magistraat'] })]) {
      expect(await sees(token, c.id)).toBe(false);
      expect(await listed(token)).not.toContain(c.id);
      await expectProblem(await api.personTimeline(token, person), 404, 'not-found');
      await expectProblem(await api.patch(token, c.id, { confidentiality: 'normaal' }, 'W/"1"'), 404, 'not-found');
    }
    // Nor can it point its own case at ours.
    const theirs = await api.registered(other.inspecteur);
    expect((await expectProblem(await api.post(other.jurist, theirs.id, 'links', { caseId: c.id, kind: 'gerelateerd' }), 400, 'validation')).field).toBe('body.caseId');
    expect((await expectProblem(await api.post(other.inspecteur, theirs.id, 'subjects', { personId: person, role: 'getuige' }), 400, 'validation')).field).toBe('body.personId');
    expect((await expectProblem(await api.post(other.inspecteur, theirs.id, 'participants', { organisationId: d.orgs.parket, function: 'parketjurist', role: 'dossierbeheerder' }), 400, 'validation')).field)
      .toBe('body.organisationId');
  });

  it('a caller acting for no organisation sees only the cases it registered itself', async () => {
    const operator = await t.token(d.tenant, { subject: 'operator-1', roles: ['magistraat'] });
    const colleague = await t.token(d.tenant, { subject: 'operator-2', roles: ['magistraat'] });
    const own = await api.registered(operator);
    expect(own.participants).toEqual([]);
    expect(await sees(operator, own.id)).toBe(true);
    expect(await listed(operator)).toEqual([own.id]);
    expect(await sees(operator, c.id)).toBe(false);
    expect(await sees(colleague, own.id)).toBe(false);
    // The parket of the chain still sees it.
    expect(await sees(d.jurist, own.id)).toBe(true);
  });

  it('audits the refusals as not-found, attributed to the acting organisation', async () => {
    const res = await api.get(d.hulpverlener, c.id);
    expect(res.status).toBe(404);
    expect(await api.auditOf(d.tenant, res)).toEqual([expect.objectContaining({
      action: 'case.read', result: 'not-found', object_id: c.id, acting_organisation_id: d.orgs.caw, acting_function: 'hulpverlener' })]);
  });
});
