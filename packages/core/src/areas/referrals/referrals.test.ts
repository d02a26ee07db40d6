import { randomUUID } from 'node:crypto';
import { defineChainModule, type CaseTypeDefinition } from '@ketenhuis/sdk';
import { ManualClock, expectProblem } from '@ketenhuis/testing';
import {
  startTestPlatform, caseApi, caseDistrict, ok, ZONE_CODE, type ApiQuery, type ApiSchema, type TestPlatform, type CaseBody, type CaseDistrict,
} from '../../testing';

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

  const send = (token: string, caseId: string, body: ApiSchema<'ReferralInput'>, idempotencyKey?: string) =>
    t.client(token).POST('/api/v1/cases/{id}/referrals', { params: { path: { id: caseId }, header: { 'Idempotency-Key': idempotencyKey } }, body });
  const get = (token: string, id: string) => t.client(token).GET('/api/v1/referrals/{id}', { params: { path: { id } } });
  const move = (token: string, id: string, body: ApiSchema<'ReferralTransitionRequest'>) =>
    t.client(token).POST('/api/v1/referrals/{id}/transitions', { params: { path: { id } }, body });
  const list = async (token: string, query: ApiQuery<'/api/v1/referrals'> = {}) => ok(await t.client(token).GET('/api/v1/referrals', { params: { query } }));
  // Refusals checked with expectProblem stay on t.request: it reads the problem from the body,
  // which the typed client has already read by the time it answers.
  const raw = {
    send: (token: string, caseId: string, body: unknown) => t.request('POST', `/api/v1/cases/${caseId}/referrals`, { token, body }),
    get: (token: string, id: string) => t.request('GET', `/api/v1/referrals/${id}`, { token }),
    move: (token: string, id: string, body: unknown) => t.request('POST', `/api/v1/referrals/${id}/transitions`, { token, body }),
  };
  const registered = (body: Record<string, unknown> = {}) => api.registered(d.jurist, { fields: { pvDate: '2026-02-27', arrest: true }, ...body });
  const sent = async (c: CaseBody, body: Partial<ApiSchema<'ReferralInput'>> = {}) =>
    ok(await send(d.jurist, c.id, { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis, ...body }), 201);
  const moved = async (id: string, body: ApiSchema<'ReferralTransitionRequest'>, token = d.assistent) => ok(await move(token, id, body));
  /** Owner-side reads of one district's rows (RLS is forced for the owner too). */
  const inDistrict = <T>(sql: string, params: unknown[] = []) => t.admin.transaction(async (m) => {
    await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [d.tenant.id]);
    return (await m.query(sql, params)) as T[];
  });
  const timeline = async (caseId: string) =>
    ok(await t.client(d.jurist).GET('/api/v1/cases/{id}/timeline', { params: { path: { id: caseId } } })).items.filter((e) => e.kind.startsWith('referral-'));
  /** The 409's problem; its type is the one of the status checked first (openapi-fetch types every error status alike). */
  const conflictBody = async ({ error, response }: Awaited<ReturnType<typeof move>>) => {
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return error as ApiSchema<'ReferralTransitionProblem'>;
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
    expect(entries.map((e) => e.referral)).toEqual([
      { note: 'Betrokkene is bereikbaar na 17 uur.', reason: null, feedback: null }, undefined,
      { note: null, reason: null, feedback: 'Dossier toegewezen aan een justitieassistent.' }, undefined,
      { note: null, reason: null, feedback: 'Opleiding met succes gevolgd.' },
    ]);
    // The sending side reads the feedback with the referral.
    expect(ok(await get(d.jurist, r.id)).history.find((s) => s.id === entries[4].data.eventId)?.feedback).toBe('Opleiding met succes gevolgd.');

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
    const settings = ok(await t.client(d.beheerder).GET('/api/v1/deadline-settings'));
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
    expect(await badField(await raw.move(d.assistent, r.id, { action: 'refuse' }))).toBe('body.reason');
    expect(await badField(await raw.move(d.assistent, r.id, { action: 'refuse', reason: '   ' }))).toBe('body.reason');
    // Only refusing and failing carry a reason.
    expect(await badField(await raw.move(d.assistent, r.id, { action: 'accept', reason: 'graag' }))).toBe('body.reason');
    clock.advance({ hours: 4 });
    const refused = await moved(r.id, { action: 'refuse', reason: 'Geen capaciteit in deze afdeling.' });
    expect(refused).toMatchObject({ state: 'refused', reason: 'Geen capaciteit in deze afdeling.', refusedAt: clock.now().toISOString(), acceptedAt: null, allowedActions: [] });
    expect(ok(await get(d.jurist, r.id)).history.at(-1)).toMatchObject({ action: 'refuse', reason: 'Geen capaciteit in deze afdeling.' });
    expect((await timeline(c.id)).map((e) => e.kind)).toEqual(['referral-sent', 'referral-received', 'referral-refused']);
    expect(await inDistrict('SELECT kind, organisation_id FROM notifications WHERE referral_id = $1 AND kind = $2', [r.id, 'referral-refused']))
      .toEqual([{ kind: 'referral-refused', organisation_id: d.orgs.parket }]);
    expect(await inDistrict('SELECT source, state FROM deadlines WHERE referral_id = $1 AND state = $2', [r.id, 'running'])).toEqual([]);
  });

  it('fails a started referral with a reason', async () => {
    const r = await sent(await registered());
    for (const action of ['receive', 'accept', 'start'] as const) await moved(r.id, { action });
    expect(await badField(await raw.move(d.assistent, r.id, { action: 'fail', feedback: 'niet gelukt' }))).toBe('body.reason');
    const failed = await moved(r.id, { action: 'fail', reason: 'Betrokkene daagde drie keer niet op.', feedback: 'Advies: dagvaarding.' });
    expect(failed).toMatchObject({ state: 'failed', reason: 'Betrokkene daagde drie keer niet op.', failedAt: expect.any(String), completedAt: null });
    expect(failed.history.at(-1)).toMatchObject({ action: 'fail', reason: 'Betrokkene daagde drie keer niet op.', feedback: 'Advies: dagvaarding.' });
    const [event] = await inDistrict<{ payload: Record<string, unknown> }>('SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2', [r.id, 'core.referral-failed']);
    expect(event.payload).toMatchObject({ state: 'failed', referralId: r.id });
  });

  // On t.request: refusals checked with expectProblem (a body without type, an unknown action).
  it('refuses bad requests with 400 naming the field, without telling whether another district holds the organisation', async () => {
    const c = await registered();
    const body = (extra: Record<string, unknown>) => ({ type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis, ...extra });
    expect(await badField(await raw.send(d.jurist, c.id, body({ type: 'werkstraf' })))).toBe('body.type');
    // A type of another chain is not one of this case's.
    expect(await badField(await raw.send(d.jurist, c.id, body({ type: 'gezin-begeleiding', organisationId: d.orgs.caw })))).toBe('body.type');
    expect(await badField(await raw.send(d.jurist, c.id, body({ organisationId: d.orgs.caw })))).toBe('body.organisationId');
    const otherDistrict = await expectProblem(await raw.send(d.jurist, c.id, body({ organisationId: otherJustitiehuis })), 400, 'validation');
    const nowhere = await expectProblem(await raw.send(d.jurist, c.id, body({ organisationId: randomUUID() })), 400, 'validation');
    expect(otherDistrict.field).toBe('body.organisationId');
    expect(otherDistrict.detail).toBe(nowhere.detail);
    expect(await badField(await raw.send(d.jurist, c.id, { organisationId: d.orgs.justitiehuis }))).toBe('body.type');
    expect(await badField(await raw.send(d.jurist, c.id, body({ note: ' ' })))).toBe('body.note');
    const r = await sent(c);
    expect(await badField(await raw.move(d.assistent, r.id, { action: 'vlieg-weg' }))).toBe('body.action');
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
    expect(ok(await get(d.assistent, r.id)).state).toBe('received');
  });

  it('lets only the receiving organisation answer: 403 for the sending side, 403 without the permission to send', async () => {
    const c = await registered();
    const r = await sent(c);
    await expectProblem(await raw.move(d.jurist, r.id, { action: 'receive' }), 403, 'forbidden');
    // The case director of the parket may answer referrals, but not those its organisation sent.
    await expectProblem(await raw.move(casusregisseur, r.id, { action: 'receive' }), 403, 'forbidden');
    await expectProblem(await raw.send(d.inspecteur, c.id, { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis }), 403, 'forbidden');
    expect(ok(await get(d.jurist, r.id)).state).toBe('sent');
  });

  it('hides the referral from an organisation that takes no part: 404 like a missing one, and absent from its lists', async () => {
    const c = await registered();
    const r = await sent(c);
    await expectProblem(await raw.get(d.hulpverlener, r.id), 404, 'not-found');
    await expectProblem(await raw.get(d.hulpverlener, randomUUID()), 404, 'not-found');
    await expectProblem(await raw.move(d.hulpverlener, r.id, { action: 'receive' }), 404, 'not-found');
    await expectProblem(await t.request('GET', `/api/v1/cases/${c.id}/referrals`, { token: d.hulpverlener }), 404, 'not-found');
    expect((await list(d.hulpverlener)).items).toEqual([]);
    expect((await list(d.hulpverlener, { direction: 'sent' })).items).toEqual([]);
    expect(ok(await get(d.assistent, r.id)).state).toBe('sent');
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
    const seen = ok(await get(d.assistent, r.id));
    // The reference and the PV date; not the state, PVs, subjects, arrest or anything else.
    expect(seen.case).toEqual({ reference: c.reference, fields: { pvDate: '2026-02-27' } });
    expect(seen.allowedActions).toEqual(['receive']);
    expect(JSON.stringify(seen)).not.toMatch(new RegExp(`${person}|012345|verdachte|arrest`));
    // The type decides, not who reads: the sender reads the same through the referral.
    expect(ok(await get(d.jurist, r.id)).case).toEqual(seen.case);
  });

  it('audits every read of a referral, refusals included', async () => {
    const r = await sent(await registered());
    const read = await get(d.assistent, r.id);
    expect(read.response.status).toBe(200);
    expect(await api.auditOf(d.tenant, read.response)).toEqual([expect.objectContaining({
      action: 'referral.read', object_type: 'referral', object_id: r.id, result: 'allowed',
      actor_subject: 'limburg-assistent', acting_organisation_id: d.orgs.justitiehuis, acting_function: 'justitieassistent',
    })]);
    const refused = await get(d.hulpverlener, r.id);
    expect(refused.response.status).toBe(404);
    expect(await api.auditOf(d.tenant, refused.response)).toEqual([expect.objectContaining({ action: 'referral.read', object_id: r.id, result: 'not-found', acting_organisation_id: d.orgs.caw })]);
    const [sentRecord] = await inDistrict<{ action: string; object_type: string; changed_fields: string[] }>(
      `SELECT action, object_type, changed_fields FROM audit_records WHERE action = 'referral.send' AND object_id = $1`, [r.caseId]);
    expect(sentRecord).toEqual({ action: 'referral.send', object_type: 'case', changed_fields: ['referrals'] });
  });

  it('applies exactly one of two concurrent accepts', async () => {
    const c = await registered();
    const r = await sent(c);
    await moved(r.id, { action: 'receive' });
    const results = await Promise.all([move(d.assistent, r.id, { action: 'accept' }), move(d.assistent, r.id, { action: 'accept' })]);
    expect(results.map((x) => x.response.status).sort()).toEqual([200, 409]);
    const loser = results.find((x) => x.response.status === 409)!;
    expect((await conflictBody(loser)).allowedActions).toEqual(['start']);
    expect(ok(await get(d.assistent, r.id)).version).toBe(3);
    expect((await timeline(c.id)).filter((e) => e.kind === 'referral-accepted')).toHaveLength(1);
    expect(await inDistrict('SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = $2', [r.id, 'core.referral-accepted'])).toEqual([{ n: 1 }]);
    expect(await inDistrict('SELECT count(*)::int AS n FROM deadlines WHERE referral_id = $1 AND source = $2', [r.id, 'referral:snel-bemiddeling:accepted'])).toEqual([{ n: 1 }]);
  });

  it('sends once per Idempotency-Key', async () => {
    const c = await registered();
    const body = { type: 'snel-bemiddeling', organisationId: d.orgs.justitiehuis };
    const first = await send(d.jurist, c.id, body, 'verwijzing-1');
    const again = await send(d.jurist, c.id, body, 'verwijzing-1');
    expect([first.response.status, again.response.status]).toEqual([201, 201]);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect(ok(again, 201).id).toBe(ok(first, 201).id);
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
    const first = await list(d.assistent, { limit: 2 });
    expect(first.items.map((x) => x.id)).toEqual([ids[2], ids[1]]);
    const second = await list(d.assistent, { limit: 2, cursor: first.nextCursor });
    expect(second.items[0].id).toBe(ids[0]);
    expect((await list(d.assistent, { state: 'received' })).items.map((x) => x.id)).toContain(ids[0]);
    expect((await list(d.assistent, { state: 'received' })).items.map((x) => x.id)).not.toContain(ids[1]);
    // The parket sent them; it received none of them.
    expect((await list(d.jurist, { direction: 'sent', limit: 3 })).items.map((x) => x.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list(d.jurist)).items).toEqual([]);
    expect((await list(d.assistent, { direction: 'sent' })).items).toEqual([]);
    // The case's own list, for whoever sees the case.
    const ofCase = ok(await t.client(d.jurist).GET('/api/v1/cases/{id}/referrals', { params: { path: { id: c.id } } }));
    expect(ofCase.items.map((x) => x.id)).toEqual(ids);
    expect(await badField(await t.request('GET', '/api/v1/referrals?cursor=bm9wZQ', { token: d.assistent }))).toBe('query.cursor');
  });
});
