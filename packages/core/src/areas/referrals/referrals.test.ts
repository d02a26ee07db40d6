import { randomUUID } from 'node:crypto';
import { defineChainModule, type CaseTypeDefinition, type ProblemBody } from '@ketenhuis/sdk';
import { ManualClock, expectProblem } from '@ketenhuis/testing';
import { startTestPlatform, caseApi, caseDistrict, ZONE_CODE, type TestPlatform, type CaseBody, type CaseDistrict, type TimelineBody } from '../../testing';

const label = (nl: string, fr: string, en: string) => ({ nl, fr, en });

const caseType = (id: string, chain: string): CaseTypeDefinition => ({
  id, title: label('Dossier', 'Dossier', 'Case'),
  fields: [
    { id: 'pvDate', title: label('PV-datum', 'Date du PV', 'Report date'), type: 'date' },
    { id: 'arrest', title: label('Aanhouding', 'Arrestation', 'Arrest'), type: 'boolean' },
  ],
  workflow: {
    initial: 'intake',
    states: [
      { id: 'intake', title: label('Intake', 'Accueil', 'Intake') },
      { id: 'afgesloten', title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
    ],
    transitions: [{ action: 'sluit-af', from: 'intake', to: 'afgesloten', permission: `${chain}.case.close` }],
  },
});

/**
 * The district's two chains (caseDistrict enables `snel` and `gezin`): `snel` refers to a
 * justitiehuis sharing its reference and PV date only; `gezin` has a type of its own to a CAW.
 */
const snelChain = defineChainModule({
  id: 'snel', title: label('Testketen snelrecht', 'Chaîne de test', 'Test chain'), version: '1.0.0',
  permissions: ['snel.case.close'], caseTypes: [caseType('snel-dossier', 'snel')],
  referralTypes: [{
    id: 'snel-bemiddeling', title: label('Bemiddeling en maatregelen', 'Médiation et mesures', 'Mediation and measures'),
    receiverTypes: ['justitiehuis'], sharedCaseData: ['reference', 'field:pvDate'],
    deadlines: { sent: 'P2D', received: 'P5D', accepted: 'P14D', started: 'P6M' },
  }],
});
const gezinChain = defineChainModule({
  id: 'gezin', title: label('Testketen gezin', 'Chaîne de test', 'Test chain'), version: '1.0.0',
  permissions: ['gezin.case.close'], caseTypes: [caseType('gezin-dossier', 'gezin')],
  referralTypes: [{ id: 'gezin-begeleiding', title: label('Begeleiding', 'Accompagnement', 'Support'), receiverTypes: ['caw'], sharedCaseData: ['subjects'] }],
});

type Step = { id: string; action: string; from: string | null; to: string; at: string; actorSubject: string; actorOrganisationId: string | null; note?: string; reason?: string; feedback?: string };
type Referral = {
  id: string; caseId: string; chain: string; type: string; state: string; reason: string | null; version: number; allowedActions: string[];
  sendingOrganisationId: string | null; receivingOrganisationId: string; sentBy: string; typeTitle: Record<string, string>; stateTitle: Record<string, string>;
  sentAt: string; receivedAt: string | null; acceptedAt: string | null; refusedAt: string | null; startedAt: string | null; completedAt: string | null; failedAt: string | null;
  history: Step[];
};
type ReferralDetail = Referral & { case: Record<string, unknown> };
type ReferralList = { items: Referral[]; nextCursor?: string };

// Referrals through HTTP: a parket refers a case to the justitiehuis, which answers step by step
// and sees only the case data the referral type names; a CAW that takes no part sees nothing.
describe('referrals', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let t: TestPlatform;
  let d: CaseDistrict;
  let api: ReturnType<typeof caseApi>;
  let casusregisseur: string;
  let otherJustitiehuis: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [snelChain, gezinChain], clock });
    api = caseApi(t);
    d = await caseDistrict(t, 'limburg');
    // The sending side may answer referrals in general, just not the ones it sent.
    await api.user(d.beheerder, { name: 'regisseur', email: 'regisseur@limburg.example', subject: 'limburg-regisseur' }, [[d.orgs.parket, 'casusregisseur']]);
    casusregisseur = await t.token(d.tenant, { subject: 'limburg-regisseur' });
    otherJustitiehuis = (await caseDistrict(t, 'antwerpen')).orgs.justitiehuis;
  });
  afterAll(() => t.close());

  const send = (token: string, caseId: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request('POST', `/api/v1/cases/${caseId}/referrals`, { token, body, headers });
  const get = (token: string, id: string) => t.request('GET', `/api/v1/referrals/${id}`, { token });
  const move = (token: string, id: string, body: unknown) => t.request('POST', `/api/v1/referrals/${id}/transitions`, { token, body });
  const list = async (token: string, query = '') => api.ok<ReferralList>(await t.request('GET', `/api/v1/referrals${query}`, { token }));
  const registered = (body: Record<string, unknown> = {}) => api.registered(d.jurist, { fields: { pvDate: '2026-02-27', arrest: true }, ...body });
  const sent = async (c: CaseBody, body: Record<string, unknown> = {}) =>
    api.ok<Referral>(await send(d.jurist, c.id, { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis, ...body }), 201);
  const moved = async (id: string, body: Record<string, unknown>, token = d.assistent) => api.ok<Referral>(await move(token, id, body));
  /** Owner-side reads of one district's rows (RLS is forced for the owner too). */
  const inDistrict = <T>(sql: string, params: unknown[] = []) => t.admin.transaction(async (m) => {
    await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [d.tenant.id]);
    return (await m.query(sql, params)) as T[];
  });
  const timeline = async (caseId: string) =>
    (await api.ok<TimelineBody>(await api.timeline(d.jurist, caseId))).items.filter((e) => e.kind.startsWith('referral-'));
  const conflictBody = async (res: Response): Promise<ProblemBody & { allowedActions: string[] }> => {
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as ProblemBody & { allowedActions: string[] };
  };
  const badField = async (res: Response) => (await expectProblem(res, 400, 'validation')).field;

  it('takes a referral from sent to completed, with the time of each step, timeline entries, events and deadlines', async () => {
    clock.set('2026-03-02T08:00:00Z');
    const c = await registered();
    const r = await sent(c, { note: 'Betrokkene is bereikbaar na 17 uur.' });
    expect(r).toMatchObject({
      caseId: c.id, chain: 'snel', type: 'snel-bemiddeling', typeTitle: label('Bemiddeling en maatregelen', 'Médiation et mesures', 'Mediation and measures'),
      state: 'sent', stateTitle: label('Verzonden', 'Envoyée', 'Sent'), sendingOrganisationId: d.orgs.parket, sentBy: 'limburg-jurist',
      receivingOrganisationId: d.orgs.justitiehuis, reason: null, sentAt: '2026-03-02T08:00:00.000Z', receivedAt: null, version: 1,
      // The sender sees the referral but answers nothing.
      allowedActions: [],
    });

    clock.advance({ days: 1 });
    expect(await moved(r.id, { action: 'receive' })).toMatchObject({ state: 'received', receivedAt: '2026-03-03T08:00:00.000Z', version: 2, allowedActions: ['accept', 'refuse'] });
    clock.advance({ days: 2 });
    await moved(r.id, { action: 'accept', feedback: 'Dossier toegewezen aan een justitieassistent.' });
    clock.advance({ days: 3 });
    await moved(r.id, { action: 'start' });
    clock.advance({ days: 30 });
    const done = await moved(r.id, { action: 'complete', feedback: 'Opleiding met succes gevolgd.' });
    expect(done).toMatchObject({
      state: 'completed', reason: null, version: 5, allowedActions: [],
      sentAt: '2026-03-02T08:00:00.000Z', receivedAt: '2026-03-03T08:00:00.000Z', acceptedAt: '2026-03-05T08:00:00.000Z',
      startedAt: '2026-03-08T08:00:00.000Z', completedAt: '2026-04-07T08:00:00.000Z', refusedAt: null, failedAt: null,
    });
    expect(done.history.map((s) => [s.action, s.from, s.to, s.at, s.actorOrganisationId])).toEqual([
      ['send', null, 'sent', '2026-03-02T08:00:00.000Z', d.orgs.parket],
      ['receive', 'sent', 'received', '2026-03-03T08:00:00.000Z', d.orgs.justitiehuis],
      ['accept', 'received', 'accepted', '2026-03-05T08:00:00.000Z', d.orgs.justitiehuis],
      ['start', 'accepted', 'started', '2026-03-08T08:00:00.000Z', d.orgs.justitiehuis],
      ['complete', 'started', 'completed', '2026-04-07T08:00:00.000Z', d.orgs.justitiehuis],
    ]);
    expect(done.history[0].note).toBe('Betrokkene is bereikbaar na 17 uur.');
    expect(done.history[4].feedback).toBe('Opleiding met succes gevolgd.');

    // The case's history names each step by id; the text stays with the referral.
    const entries = await timeline(c.id);
    expect(entries.map((e) => [e.kind, e.actorSubject, e.actorOrganisationId])).toEqual([
      ['referral-sent', 'limburg-jurist', d.orgs.parket],
      ['referral-received', 'limburg-assistent', d.orgs.justitiehuis],
      ['referral-accepted', 'limburg-assistent', d.orgs.justitiehuis],
      ['referral-started', 'limburg-assistent', d.orgs.justitiehuis],
      ['referral-completed', 'limburg-assistent', d.orgs.justitiehuis],
    ]);
    entries.forEach((e, i) => expect(e.data).toEqual({ referralId: r.id, eventId: done.history[i].id, type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis }));
    // The entries' data keeps codes and ids; the text written with each step is shown beside it.
    expect(JSON.stringify(entries.map((e) => e.data))).not.toMatch(/succes|17 uur/);
    expect(entries.map((e) => (e as { referral?: unknown }).referral)).toEqual([
      { note: 'Betrokkene is bereikbaar na 17 uur.', reason: null, feedback: null }, undefined,
      { note: null, reason: null, feedback: 'Dossier toegewezen aan een justitieassistent.' }, undefined,
      { note: null, reason: null, feedback: 'Opleiding met succes gevolgd.' },
    ]);
    // The sending side reads the feedback with the referral.
    expect((await api.ok<ReferralDetail>(await get(d.jurist, r.id))).history.find((s) => s.id === entries[4].data.eventId)?.feedback).toBe('Opleiding met succes gevolgd.');

    const events = await inDistrict<{ type: string; aggregate_type: string; payload: Record<string, unknown> }>(
      'SELECT type, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY created_at, id', [r.id]);
    expect(events.map((e) => e.type)).toEqual(['core.referral-sent', 'core.referral-received', 'core.referral-accepted', 'core.referral-started', 'core.referral-completed']);
    for (const e of events) {
      expect(e.aggregate_type).toBe('referral');
      expect(e.payload).toEqual({ referralId: r.id, caseId: c.id, type: 'snel-bemiddeling', state: e.type.slice('core.referral-'.length), chain: 'snel' });
    }

    // Each state ran its own deadline from the moment it was reached; each was met when left.
    const deadlines = await inDistrict<{ source: string; setting_key: string; state: string; started_at: Date; due_at: Date; case_id: string }>(
      'SELECT source, setting_key, state, started_at, due_at, case_id FROM deadlines WHERE referral_id = $1 ORDER BY started_at', [r.id]);
    expect(deadlines.map((x) => [x.source, x.setting_key, x.state, x.started_at.toISOString(), x.due_at.toISOString(), x.case_id])).toEqual([
      ['referral:snel-bemiddeling:sent', 'referral:snel-bemiddeling:sent', 'met', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z', c.id],
      ['referral:snel-bemiddeling:received', 'referral:snel-bemiddeling:received', 'met', '2026-03-03T08:00:00.000Z', '2026-03-08T08:00:00.000Z', c.id],
      ['referral:snel-bemiddeling:accepted', 'referral:snel-bemiddeling:accepted', 'met', '2026-03-05T08:00:00.000Z', '2026-03-19T08:00:00.000Z', c.id],
      // Six months on the Belgian calendar: 09:00 in winter, 09:00 in summer time.
      ['referral:snel-bemiddeling:started', 'referral:snel-bemiddeling:started', 'met', '2026-03-08T08:00:00.000Z', '2026-09-08T07:00:00.000Z', c.id],
    ]);
  });

  it("lists each state's referral deadline under the title its deadlines carry", async () => {
    const r = await sent(await registered());
    const settings = await api.ok<{ items: { key: string; kind: string; title: Record<string, string> }[] }>(
      await t.request('GET', '/api/v1/deadline-settings', { token: d.beheerder }));
    const referral = settings.items.filter((s) => s.kind === 'referral');
    expect(referral.map((s) => [s.key, s.title.nl])).toEqual([
      ['referral:snel-bemiddeling:sent', 'Bemiddeling en maatregelen: ontvangst bevestigen'],
      ['referral:snel-bemiddeling:received', 'Bemiddeling en maatregelen: aanvaarden of weigeren'],
      ['referral:snel-bemiddeling:accepted', 'Bemiddeling en maatregelen: maatregel starten'],
      ['referral:snel-bemiddeling:started', 'Bemiddeling en maatregelen: maatregel afronden'],
    ]);
    const [running] = await inDistrict<{ title: Record<string, string> }>('SELECT title FROM deadlines WHERE referral_id = $1', [r.id]);
    expect(referral[0].title).toEqual(running.title);
  });

  it('leaves a referral-received notification for the receiving organisation, naming the referral and not the case', async () => {
    const r = await sent(await registered());
    const rows = await inDistrict<{ kind: string; organisation_id: string; case_id: string | null; title: Record<string, string> }>(
      'SELECT kind, organisation_id, case_id, title FROM notifications WHERE referral_id = $1', [r.id]);
    expect(rows).toEqual([{ kind: 'referral-received', organisation_id: d.orgs.justitiehuis, case_id: null, title: expect.objectContaining({ nl: 'Nieuwe doorverwijzing: Bemiddeling en maatregelen' }) }]);
  });

  it('refuses a referral with a reason, which the sending side reads and is told of', async () => {
    const c = await registered();
    const r = await sent(c);
    await moved(r.id, { action: 'receive' });
    expect(await badField(await move(d.assistent, r.id, { action: 'refuse' }))).toBe('body.reason');
    expect(await badField(await move(d.assistent, r.id, { action: 'refuse', reason: '   ' }))).toBe('body.reason');
    // Only refusing and failing carry a reason.
    expect(await badField(await move(d.assistent, r.id, { action: 'accept', reason: 'graag' }))).toBe('body.reason');
    clock.advance({ hours: 4 });
    const refused = await moved(r.id, { action: 'refuse', reason: 'Geen capaciteit in deze afdeling.' });
    expect(refused).toMatchObject({ state: 'refused', reason: 'Geen capaciteit in deze afdeling.', refusedAt: clock.now().toISOString(), acceptedAt: null, allowedActions: [] });
    expect((await api.ok<Referral>(await get(d.jurist, r.id))).history.at(-1)).toMatchObject({ action: 'refuse', reason: 'Geen capaciteit in deze afdeling.' });
    expect((await timeline(c.id)).map((e) => e.kind)).toEqual(['referral-sent', 'referral-received', 'referral-refused']);
    expect(await inDistrict('SELECT kind, organisation_id FROM notifications WHERE referral_id = $1 AND kind = $2', [r.id, 'referral-refused']))
      .toEqual([{ kind: 'referral-refused', organisation_id: d.orgs.parket }]);
    expect(await inDistrict('SELECT source, state FROM deadlines WHERE referral_id = $1 AND state = $2', [r.id, 'running'])).toEqual([]);
  });

  it('fails a started referral with a reason', async () => {
    const r = await sent(await registered());
    for (const action of ['receive', 'accept', 'start']) await moved(r.id, { action });
    expect(await badField(await move(d.assistent, r.id, { action: 'fail', feedback: 'niet gelukt' }))).toBe('body.reason');
    const failed = await moved(r.id, { action: 'fail', reason: 'Betrokkene daagde drie keer niet op.', feedback: 'Advies: dagvaarding.' });
    expect(failed).toMatchObject({ state: 'failed', reason: 'Betrokkene daagde drie keer niet op.', failedAt: expect.any(String), completedAt: null });
    expect(failed.history.at(-1)).toMatchObject({ action: 'fail', reason: 'Betrokkene daagde drie keer niet op.', feedback: 'Advies: dagvaarding.' });
    const [event] = await inDistrict<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2', [r.id, 'core.referral-failed']);
    expect(event.payload).toMatchObject({ state: 'failed', referralId: r.id });
  });

  it('refuses bad requests with 400 naming the field, without telling whether another district holds the organisation', async () => {
    const c = await registered();
    const body = (extra: Record<string, unknown>) => ({ type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis, ...extra });
    expect(await badField(await send(d.jurist, c.id, body({ type: 'werkstraf' })))).toBe('body.type');
    // A type of another chain is not one of this case's.
    expect(await badField(await send(d.jurist, c.id, body({ type: 'gezin-begeleiding', organisationId: d.orgs.caw })))).toBe('body.type');
    expect(await badField(await send(d.jurist, c.id, body({ organisationId: d.orgs.caw })))).toBe('body.organisationId');
    const otherDistrict = await expectProblem(await send(d.jurist, c.id, body({ organisationId: otherJustitiehuis })), 400, 'validation');
    const nowhere = await expectProblem(await send(d.jurist, c.id, body({ organisationId: randomUUID() })), 400, 'validation');
    expect(otherDistrict.field).toBe('body.organisationId');
    expect(otherDistrict.detail).toBe(nowhere.detail);
    expect(await badField(await send(d.jurist, c.id, { organisationId: d.orgs.justitiehuis }))).toBe('body.type');
    expect(await badField(await send(d.jurist, c.id, body({ note: ' ' })))).toBe('body.note');
    const r = await sent(c);
    expect(await badField(await move(d.assistent, r.id, { action: 'vlieg-weg' }))).toBe('body.action');
    expect(await inDistrict('SELECT id FROM referrals WHERE case_id = $1', [c.id])).toEqual([{ id: r.id }]);
  });

  it('answers a step not possible now with 409 listing the allowed actions', async () => {
    const r = await sent(await registered());
    expect((await conflictBody(await move(d.assistent, r.id, { action: 'accept' }))).allowedActions).toEqual(['receive']);
    await moved(r.id, { action: 'receive' });
    const early = await conflictBody(await move(d.assistent, r.id, { action: 'complete' }));
    expect(early).toMatchObject({ type: 'urn:ketenhuis:problem:conflict', allowedActions: ['accept', 'refuse'] });
    expect(early.detail).toMatch(/"complete".*"received"/);
    expect((await conflictBody(await move(d.assistent, r.id, { action: 'receive' }))).allowedActions).toEqual(['accept', 'refuse']);
    expect((await api.ok<Referral>(await get(d.assistent, r.id))).state).toBe('received');
  });

  it('lets only the receiving organisation answer: 403 for the sending side, 403 without the permission to send', async () => {
    const c = await registered();
    const r = await sent(c);
    await expectProblem(await move(d.jurist, r.id, { action: 'receive' }), 403, 'forbidden');
    // The case director of the parket may answer referrals, but not those its organisation sent.
    await expectProblem(await move(casusregisseur, r.id, { action: 'receive' }), 403, 'forbidden');
    await expectProblem(await send(d.inspecteur, c.id, { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis }), 403, 'forbidden');
    expect((await api.ok<Referral>(await get(d.jurist, r.id))).state).toBe('sent');
  });

  it('hides the referral from an organisation that takes no part: 404 like a missing one, and absent from its lists', async () => {
    const c = await registered();
    const r = await sent(c);
    await expectProblem(await get(d.hulpverlener, r.id), 404, 'not-found');
    await expectProblem(await get(d.hulpverlener, randomUUID()), 404, 'not-found');
    await expectProblem(await move(d.hulpverlener, r.id, { action: 'receive' }), 404, 'not-found');
    await expectProblem(await t.request('GET', `/api/v1/cases/${c.id}/referrals`, { token: d.hulpverlener }), 404, 'not-found');
    expect((await list(d.hulpverlener)).items).toEqual([]);
    expect((await list(d.hulpverlener, '?direction=sent')).items).toEqual([]);
    expect((await api.ok<Referral>(await get(d.assistent, r.id))).state).toBe('sent');
  });

  it('shows the justitiehuis the referral with exactly the case data its type names, and not the case', async () => {
    const person = await api.person(d.jurist);
    const c = await registered({
      externalReferences: [{ kind: 'pv', value: 'HA.55.L1.012345/2026', policeZoneCode: ZONE_CODE }],
      subjects: [{ personId: person, role: 'verdachte' }],
    });
    const r = await sent(c);
    await expectProblem(await api.get(d.assistent, c.id), 404, 'not-found');
    await expectProblem(await api.timeline(d.assistent, c.id), 404, 'not-found');
    const seen = await api.ok<ReferralDetail>(await get(d.assistent, r.id));
    // The reference and the PV date; not the state, PVs, subjects, arrest or anything else.
    expect(seen.case).toEqual({ reference: c.reference, fields: { pvDate: '2026-02-27' } });
    expect(seen.allowedActions).toEqual(['receive']);
    expect(JSON.stringify(seen)).not.toMatch(new RegExp(`${person}|012345|verdachte|arrest`));
    // The type decides, not who reads: the sender reads the same through the referral.
    expect((await api.ok<ReferralDetail>(await get(d.jurist, r.id))).case).toEqual(seen.case);
  });

  it('audits every read of a referral, refusals included', async () => {
    const r = await sent(await registered());
    const read = await get(d.assistent, r.id);
    expect(read.status).toBe(200);
    expect(await api.auditOf(d.tenant, read)).toEqual([expect.objectContaining({
      action: 'referral.read', object_type: 'referral', object_id: r.id, result: 'allowed',
      actor_subject: 'limburg-assistent', acting_organisation_id: d.orgs.justitiehuis, acting_function: 'justitieassistent',
    })]);
    const refused = await get(d.hulpverlener, r.id);
    expect(refused.status).toBe(404);
    expect(await api.auditOf(d.tenant, refused)).toEqual([expect.objectContaining({ action: 'referral.read', object_id: r.id, result: 'not-found', acting_organisation_id: d.orgs.caw })]);
    const [sentRecord] = await inDistrict<{ action: string; object_type: string; changed_fields: string[] }>(
      `SELECT action, object_type, changed_fields FROM audit_records WHERE action = 'referral.send' AND object_id = $1`, [r.caseId]);
    expect(sentRecord).toEqual({ action: 'referral.send', object_type: 'case', changed_fields: ['referrals'] });
  });

  it('applies exactly one of two concurrent accepts', async () => {
    const c = await registered();
    const r = await sent(c);
    await moved(r.id, { action: 'receive' });
    const results = await Promise.all([move(d.assistent, r.id, { action: 'accept' }), move(d.assistent, r.id, { action: 'accept' })]);
    expect(results.map((x) => x.status).sort()).toEqual([200, 409]);
    const loser = results.find((x) => x.status === 409)!;
    expect((await conflictBody(loser)).allowedActions).toEqual(['start']);
    expect((await api.ok<Referral>(await get(d.assistent, r.id))).version).toBe(3);
    expect((await timeline(c.id)).filter((e) => e.kind === 'referral-accepted')).toHaveLength(1);
    expect(await inDistrict('SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = $2', [r.id, 'core.referral-accepted'])).toEqual([{ n: 1 }]);
    expect(await inDistrict('SELECT count(*)::int AS n FROM deadlines WHERE referral_id = $1 AND source = $2', [r.id, 'referral:snel-bemiddeling:accepted'])).toEqual([{ n: 1 }]);
  });

  it('sends once per Idempotency-Key', async () => {
    const c = await registered();
    const body = { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis };
    const first = await send(d.jurist, c.id, body, { 'idempotency-key': 'verwijzing-1' });
    const again = await send(d.jurist, c.id, body, { 'idempotency-key': 'verwijzing-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(((await again.json()) as Referral).id).toBe(((await first.json()) as Referral).id);
    expect(await inDistrict('SELECT count(*)::int AS n FROM referrals WHERE case_id = $1', [c.id])).toEqual([{ n: 1 }]);
  });

  it('lists the acting organisation\'s received and sent referrals, newest first, by state, page by page', async () => {
    const c = await registered();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance({ minutes: 1 });
      ids.push((await sent(c)).id);
    }
    await moved(ids[0], { action: 'receive' });
    const first = await list(d.assistent, '?limit=2');
    expect(first.items.map((x) => x.id)).toEqual([ids[2], ids[1]]);
    const second = await list(d.assistent, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0].id).toBe(ids[0]);
    expect((await list(d.assistent, '?state=received')).items.map((x) => x.id)).toContain(ids[0]);
    expect((await list(d.assistent, '?state=received')).items.map((x) => x.id)).not.toContain(ids[1]);
    // The parket sent them; it received none of them.
    expect((await list(d.jurist, '?direction=sent&limit=3')).items.map((x) => x.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list(d.jurist)).items).toEqual([]);
    expect((await list(d.assistent, '?direction=sent')).items).toEqual([]);
    // The case's own list, for whoever sees the case.
    const ofCase = await api.ok<ReferralList>(await t.request('GET', `/api/v1/cases/${c.id}/referrals`, { token: d.jurist }));
    expect(ofCase.items.map((x) => x.id)).toEqual(ids);
    expect(await badField(await t.request('GET', '/api/v1/referrals?cursor=bm9wZQ', { token: d.assistent }))).toBe('query.cursor');
  });
});
