import { randomUUID } from 'node:crypto';
import { ManualClock, eventually, expectProblem } from '@ketenhuis/testing';
import { defineChainModule } from '@ketenhuis/sdk';
import { startDeadline, stopDeadlines, type Tenant } from '../../index';
import { startTestPlatform, identityHelpers, ok, type ApiSchema, type TestPlatform } from '../../testing';

const label = (nl: string, fr: string, en: string) => ({ nl, fr, en });

/**
 * A chain with three clocks: one over two states (48 hours from entering, escalated to the
 * parket's magistrates), one only for arrested suspects (`when`), and one from the PV date.
 */
const klokChain = defineChainModule({
  id: 'klok', title: label('Testketen termijnen', 'Chaîne de test délais', 'Deadline test chain'), version: '1.0.0',
  permissions: ['klok.case.advance'],
  grants: { parketjurist: ['klok.case.advance'], 'politie-inspecteur': ['klok.case.advance'] },
  caseTypes: [{
    id: 'klok-dossier', title: label('Termijndossier', 'Dossier à délais', 'Deadline case'),
    fields: [
      { id: 'pvDate', title: label('PV-datum', 'Date du PV', 'PV date'), type: 'date' },
      { id: 'arrest', title: label('Aanhouding', 'Arrestation', 'Arrest'), type: 'boolean' },
    ],
    workflow: {
      initial: 'intake',
      states: [
        { id: 'intake', title: label('Intake', 'Accueil', 'Intake') },
        { id: 'onderzoek', title: label('Onderzoek', 'Enquête', 'Investigation') },
        { id: 'beslissing', title: label('Beslissing', 'Décision', 'Decision') },
        { id: 'afgesloten', title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
      ],
      transitions: [
        { action: 'onderzoek', from: 'intake', to: 'onderzoek', permission: 'klok.case.advance' },
        { action: 'beslis', from: 'onderzoek', to: 'beslissing', permission: 'klok.case.advance' },
        { action: 'sluit', from: ['intake', 'onderzoek', 'beslissing'], to: 'afgesloten', permission: 'klok.case.advance' },
      ],
      clocks: [
        {
          id: 'behandeling', title: label('Behandeltermijn', 'Délai de traitement', 'Handling time'), state: ['intake', 'onderzoek'],
          duration: 'PT48H', runsFrom: 'stateEntered', warnBefore: 'PT12H', onExpiry: 'escalate',
          expiry: [{ organisationType: 'parket', function: 'magistraat' }],
        },
        {
          id: 'aanhouding', title: label('Aanhoudingstermijn', "Délai d'arrestation", 'Arrest time'), state: 'intake',
          duration: 'PT24H', runsFrom: 'stateEntered', when: { field: 'arrest', equals: true }, onExpiry: 'notify',
        },
        {
          id: 'pv-termijn', title: label('Termijn vanaf PV', 'Délai depuis le PV', 'Time from PV'), state: ['intake', 'onderzoek', 'beslissing'],
          duration: 'P2M', runsFrom: { field: 'pvDate' }, warnBefore: 'P10D', onExpiry: 'notify',
        },
      ],
    },
  }],
});

type Notification = { kind: string; organisation_id: string; function: string | null; case_id: string; deadline_id: string };

const HOUR = 3_600_000;
const BEHANDELING = 'clock:klok:klok-dossier:behandeling';
const AANHOUDING = 'clock:klok:klok-dossier:aanhouding';
const PV_TERMIJN = 'clock:klok:klok-dossier:pv-termijn';

// Deadline clocks end to end: the platform clock is a ManualClock the test moves, the worker
// sweeps every 200 ms, and every effect is awaited by outcome, never by sleeping.
describe('deadline clocks', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  let t: TestPlatform;
  let tenant: Tenant;
  let h: ReturnType<typeof identityHelpers>;
  let orgs: { parket: string; zone: string; caw: string };
  let beheerder: string;
  let jurist: string;
  let inspecteur: string;
  let hulpverlener: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [klokChain], clock, config: { deadlineSweepMs: 200 } });
    h = identityHelpers(t);
    tenant = await t.createTenant('hasselt', ['klok']);
    beheerder = await t.token(tenant, { subject: 'hasselt-beheerder', roles: ['tenant-beheerder'] });
    orgs = {
      parket: await h.organisation(beheerder, 'Parket Hasselt', 'parket', { chains: ['klok'] }),
      zone: await h.organisation(beheerder, 'Politiezone Hasselt', 'politiezone', { policeZoneCode: '9905' }),
      caw: await h.organisation(beheerder, 'CAW Hasselt', 'caw'),
    };
    const member = async (name: string, org: string, fn: string) => {
      await h.user(beheerder, { name, email: `${name}@hasselt.example`, subject: `hasselt-${name}` }, [[org, fn]]);
      return t.token(tenant, { subject: `hasselt-${name}` });
    };
    jurist = await member('jurist', orgs.parket, 'parketjurist');
    inspecteur = await member('inspecteur', orgs.zone, 'politie-inspecteur');
    hulpverlener = await member('hulpverlener', orgs.caw, 'hulpverlener');
    // Started after the district exists, so its sweep scheduler is there from the start (the
    // worker adds schedulers for new districts on its periodic re-sync).
    await t.platform.startWorker();
  });
  afterAll(() => t.close());

  const inTenant = <T>(sql: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<T>(sql, params));
  const today = () => clock.now().toISOString().slice(0, 10);
  const register = async (fields: Record<string, unknown> = {}) => ok(await t.client(inspecteur).POST('/api/v1/cases', {
    body: { chain: 'klok', caseType: 'klok-dossier', fields: { pvDate: today(), arrest: false, ...fields } },
  }), 201);
  const deadlines = async (caseId: string, token = jurist) =>
    ok(await t.client(token).GET('/api/v1/cases/{id}/deadlines', { params: { path: { id: caseId } } })).items;
  const deadlineOf = async (caseId: string, source: string) => {
    const found = (await deadlines(caseId)).find((d) => d.source === source);
    if (!found) throw new Error(`case ${caseId} has no deadline ${source}`);
    return found;
  };
  const notificationsOf = (deadlineId: string) => inTenant<Notification>(
    'SELECT kind, organisation_id, function, case_id, deadline_id FROM notifications WHERE deadline_id = $1 ORDER BY created_at, id', [deadlineId]);
  const timelineKinds = async (caseId: string) =>
    ok(await t.client(jurist).GET('/api/v1/cases/{id}/timeline', { params: { path: { id: caseId }, query: { limit: 100 } } })).items;
  const transition = async (caseId: string, action: string) =>
    ok(await t.client(jurist).POST('/api/v1/cases/{id}/transitions', { params: { path: { id: caseId } }, body: { action } }));
  const of = (caseId: string, deadlineId: string) => ({ path: { id: caseId, deadlineId } });
  const suspend = (caseId: string, deadlineId: string, body: ApiSchema<'DeadlineSuspension'>, token = jurist) =>
    t.client(token).POST('/api/v1/cases/{id}/deadlines/{deadlineId}/suspend', { params: of(caseId, deadlineId), body });
  const resume = (caseId: string, deadlineId: string, body: ApiSchema<'DeadlineResumption'>) =>
    t.client(jurist).POST('/api/v1/cases/{id}/deadlines/{deadlineId}/resume', { params: of(caseId, deadlineId), body });
  const extend = (caseId: string, deadlineId: string, body: ApiSchema<'DeadlineExtension'>) =>
    t.client(jurist).POST('/api/v1/cases/{id}/deadlines/{deadlineId}/extend', { params: of(caseId, deadlineId), body });
  // Refusals checked with expectProblem stay on t.request: it reads the problem from the body,
  // which the typed client has already read by the time it answers.
  const raw = {
    act: (caseId: string, deadlineId: string, what: 'suspend' | 'resume' | 'extend', body: unknown, token = jurist) =>
      t.request('POST', `/api/v1/cases/${caseId}/deadlines/${deadlineId}/${what}`, { token, body }),
  };
  /** Waits until the sweep has applied the deadline's expiry: proof that sweeps ran after the clock moved. */
  const expired = (caseId: string, source = BEHANDELING) =>
    eventually(async () => expect(await deadlineOf(caseId, source)).toMatchObject({ state: 'expired' }));

  it('starts the clocks the state and the fields call for, from the moment or from the PV date', async () => {
    const registeredAt = clock.now();
    const plain = await register({ pvDate: '2026-03-01' });
    const arrested = await register({ pvDate: '2026-03-01', arrest: true });

    const mine = await deadlines(plain.id);
    expect(mine.map((d) => d.source).sort()).toEqual([BEHANDELING, PV_TERMIJN]);
    expect(mine.find((d) => d.source === BEHANDELING)).toMatchObject({
      state: 'running', duration: 'PT48H', startedAt: registeredAt.toISOString(),
      dueAt: new Date(registeredAt.getTime() + 48 * HOUR).toISOString(), warnAt: new Date(registeredAt.getTime() + 36 * HOUR).toISOString(),
    });
    // From the PV date: midnight in Brussels on 1 March, plus two calendar months (summer time by then).
    expect(mine.find((d) => d.source === PV_TERMIJN)).toMatchObject({
      state: 'running', startedAt: '2026-02-28T23:00:00.000Z', dueAt: '2026-04-30T22:00:00.000Z', warnAt: '2026-04-20T22:00:00.000Z',
    });
    // `when: { field: 'arrest', equals: true }`: only the arrested suspect's case gets the 24 hours.
    expect((await deadlines(arrested.id)).map((d) => d.source).sort()).toEqual([AANHOUDING, BEHANDELING, PV_TERMIJN]);
    expect(await deadlineOf(arrested.id, AANHOUDING)).toMatchObject({ dueAt: new Date(registeredAt.getTime() + 24 * HOUR).toISOString() });
  });

  it('warns once at the warning point, then escalates to the parket at expiry, with timeline entries and events', async () => {
    const c = await register();
    const { id } = await deadlineOf(c.id, BEHANDELING);

    clock.advance({ hours: 37 });
    await eventually(async () => expect(await notificationsOf(id)).toHaveLength(1));
    // No targets for the warning: every organisation taking part in the case (the police zone).
    expect(await notificationsOf(id)).toEqual([{ kind: 'deadline-warning', organisation_id: orgs.zone, function: null, case_id: c.id, deadline_id: id }]);
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ state: 'running', warnedAt: clock.now().toISOString() });
    expect((await timelineKinds(c.id)).filter((e) => e.kind === 'deadline-warning')).toEqual([
      expect.objectContaining({ actorSubject: 'system:deadlines', data: expect.objectContaining({ deadlineId: id, source: BEHANDELING }) }),
    ]);

    clock.advance({ hours: 12 });
    await expired(c.id);
    const told = await notificationsOf(id);
    // Escalated to the expiry target: the parket of the chain (no participant), its magistrates only.
    expect(told).toEqual([
      expect.objectContaining({ kind: 'deadline-warning', organisation_id: orgs.zone }),
      { kind: 'deadline-escalated', organisation_id: orgs.parket, function: 'magistraat', case_id: c.id, deadline_id: id },
    ]);
    expect((await timelineKinds(c.id)).filter((e) => e.kind.startsWith('deadline-')).map((e) => e.kind)).toEqual(['deadline-warning', 'deadline-expired']);
    // Events about the case (who may hear of them is who sees it), naming the deadline.
    const events = await inTenant<{ type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown> }>(
      `SELECT type, aggregate_type, aggregate_id, payload FROM outbox_events WHERE payload->>'deadlineId' = $1 ORDER BY created_at`, [id]);
    expect(events).toEqual([
      { type: 'core.deadline-warning', aggregate_type: 'case', aggregate_id: c.id, payload: { deadlineId: id, caseId: c.id, referralId: null } },
      { type: 'core.deadline-expired', aggregate_type: 'case', aggregate_id: c.id, payload: { deadlineId: id, caseId: c.id, referralId: null, escalated: true } },
    ]);
  });

  it('keeps a clock over two states running between them, and meets it when the case leaves them', async () => {
    const c = await register({ arrest: true });
    const witness = await register();
    const before = await deadlineOf(c.id, BEHANDELING);

    clock.advance({ hours: 1 });
    await transition(c.id, 'onderzoek');
    // Same clock, same due date; the arrest clock (intake only) is met.
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ id: before.id, state: 'running', dueAt: before.dueAt });
    expect(await deadlineOf(c.id, AANHOUDING)).toMatchObject({ state: 'met', stoppedAt: clock.now().toISOString() });

    clock.advance({ hours: 1 });
    await transition(c.id, 'beslis');
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ state: 'met', stoppedAt: clock.now().toISOString() });
    expect(await deadlineOf(c.id, PV_TERMIJN)).toMatchObject({ state: 'running' });

    // Past the due date: the witness's clock expires, the met ones never tell anybody anything.
    clock.advance({ hours: 60 });
    await expired(witness.id);
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ state: 'met' });
    expect(await notificationsOf(before.id)).toEqual([]);
    expect(await notificationsOf((await deadlineOf(c.id, AANHOUDING)).id)).toEqual([]);
  });

  it('pauses a suspended clock: nothing happens while suspended, and resuming moves the due date by the pause', async () => {
    const c = await register();
    const witness = await register();
    const d = await deadlineOf(c.id, BEHANDELING);

    const suspended = await suspend(c.id, d.id, { reason: 'Wacht op het deskundigenverslag' });
    expect(ok(suspended)).toMatchObject({ state: 'suspended' });
    expect(await h.auditOf(tenant, suspended.response)).toEqual([expect.objectContaining({ action: 'deadline.suspend', object_type: 'deadline', object_id: d.id, result: 'allowed' })]);
    await expectProblem(await raw.act(c.id, d.id, 'suspend', { reason: 'nog eens' }), 409, 'conflict');

    clock.advance({ hours: 60 });
    await expired(witness.id);
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ state: 'suspended', dueAt: d.dueAt });
    expect(await notificationsOf(d.id)).toEqual([]);

    const resumed = ok(await resume(c.id, d.id, { reason: 'Verslag ontvangen' }));
    expect(resumed).toMatchObject({
      state: 'running', suspendedMs: 60 * HOUR,
      dueAt: new Date(Date.parse(d.dueAt) + 60 * HOUR).toISOString(), warnAt: new Date(Date.parse(d.warnAt!) + 60 * HOUR).toISOString(),
    });
    expect(resumed.events).toEqual([
      expect.objectContaining({ kind: 'suspended', reason: 'Wacht op het deskundigenverslag', actorSubject: 'hasselt-jurist' }),
      expect.objectContaining({ kind: 'resumed', reason: 'Verslag ontvangen', data: expect.objectContaining({ pausedMs: 60 * HOUR, dueAt: resumed.dueAt }) }),
    ]);
    await expectProblem(await raw.act(c.id, d.id, 'resume', {}), 409, 'conflict');
    const entries = (await timelineKinds(c.id)).filter((e) => e.kind.startsWith('deadline-'));
    expect(entries.map((e) => e.kind)).toEqual(['deadline-suspended', 'deadline-resumed']);
    // The reason stays with the deadline; the case's history holds codes and ids.
    expect(JSON.stringify(entries)).not.toMatch(/deskundigenverslag|ontvangen/);

    // Running again: 37 hours after resuming it warns (36 hours of its 48 had not run yet).
    clock.advance({ hours: 37 });
    await eventually(async () => expect((await notificationsOf(d.id)).map((n) => n.kind)).toEqual(['deadline-warning']));
  });

  it('extends a deadline by a duration or to a moment, audited, with the warning point moved along', async () => {
    const c = await register();
    const d = await deadlineOf(c.id, BEHANDELING);

    const byDay = await extend(c.id, d.id, { by: 'P1D', reason: 'Tolk pas morgen beschikbaar' });
    const extended = ok(byDay);
    expect(extended).toMatchObject({ state: 'running', dueAt: new Date(Date.parse(d.dueAt) + 24 * HOUR).toISOString(), warnAt: new Date(Date.parse(d.warnAt!) + 24 * HOUR).toISOString() });
    expect(await h.auditOf(tenant, byDay.response)).toEqual([expect.objectContaining({ action: 'deadline.extend', object_type: 'deadline', object_id: d.id, result: 'allowed' })]);
    expect(extended.events).toEqual([expect.objectContaining({ kind: 'extended', reason: 'Tolk pas morgen beschikbaar', data: { previousDueAt: d.dueAt, dueAt: extended.dueAt, by: 'P1D' } })]);

    const until = new Date(Date.parse(extended.dueAt) + 5 * HOUR).toISOString();
    expect(ok(await extend(c.id, d.id, { until, reason: 'Hoorzitting verplaatst' }))).toMatchObject({ dueAt: until });
    expect((await timelineKinds(c.id)).filter((e) => e.kind === 'deadline-extended')).toHaveLength(2);

    expect((await expectProblem(await raw.act(c.id, d.id, 'extend', { until: d.dueAt, reason: 'vroeger' }), 400, 'validation')).field).toBe('body.until');
    expect((await expectProblem(await raw.act(c.id, d.id, 'extend', { by: 'twee dagen', reason: 'x' }), 400, 'validation')).field).toBe('body.by');
    expect((await expectProblem(await raw.act(c.id, d.id, 'extend', { by: 'P1D', until, reason: 'x' }), 400, 'validation')).field).toBe('body.by');
    expect((await expectProblem(await raw.act(c.id, d.id, 'extend', { by: 'P1D' }), 400, 'validation')).field).toBe('body.reason');
    expect((await expectProblem(await raw.act(c.id, d.id, 'suspend', { reason: '' }), 400, 'validation')).field).toBe('body.reason');
    // Every refusal is audited too, and changed nothing.
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ dueAt: until });

    // A paused clock moves by its pause on resuming: only "by" extends it, never a fixed moment.
    ok(await suspend(c.id, d.id, { reason: 'Wachten op het deskundigenverslag' }));
    const later = new Date(Date.parse(until) + 24 * HOUR).toISOString();
    await expectProblem(await raw.act(c.id, d.id, 'extend', { until: later, reason: 'Hoorzitting verplaatst' }), 409, 'conflict');
    expect(ok(await extend(c.id, d.id, { by: 'P1D', reason: 'Tolk pas later beschikbaar' }))).toMatchObject({ state: 'suspended', dueAt: later });
  });

  it("applies a district's own duration to clocks started afterwards, and only to those", async () => {
    const key = 'klok:klok-dossier:behandeling';
    const settings = ok(await t.client(beheerder).GET('/api/v1/deadline-settings'));
    expect(settings.items.map((s) => s.key)).toEqual(['klok:klok-dossier:behandeling', 'klok:klok-dossier:aanhouding', 'klok:klok-dossier:pv-termijn']);
    expect(settings.items[0]).toMatchObject({ kind: 'clock', default: { duration: 'PT48H', warnBefore: 'PT12H' } });
    expect(settings.items[0].configured).toBeUndefined();

    const earlier = await register();
    const put = await t.client(beheerder).PUT('/api/v1/deadline-settings/{key}', { params: { path: { key } }, body: { duration: 'PT72H', warnBefore: 'PT24H' } });
    expect(ok(put)).toMatchObject({ key, configured: { duration: 'PT72H', warnBefore: 'PT24H', updatedBy: 'hasselt-beheerder' } });
    expect(await h.auditOf(tenant, put.response)).toEqual([expect.objectContaining({ action: 'deadline-setting.update', object_id: key, result: 'allowed' })]);

    const later = await register();
    const startedAt = Date.parse((await deadlineOf(later.id, BEHANDELING)).startedAt);
    expect(await deadlineOf(later.id, BEHANDELING)).toMatchObject({
      duration: 'PT72H', dueAt: new Date(startedAt + 72 * HOUR).toISOString(), warnAt: new Date(startedAt + 48 * HOUR).toISOString(),
    });
    expect(await deadlineOf(earlier.id, BEHANDELING)).toMatchObject({ duration: 'PT48H' });

    // Refusals checked with expectProblem: on t.request.
    expect((await expectProblem(await t.request('PUT', '/api/v1/deadline-settings/klok:klok-dossier:onbekend', { token: beheerder, body: { duration: 'P1D' } }), 400, 'validation')).field).toBe('path.key');
    expect((await expectProblem(await t.request('PUT', `/api/v1/deadline-settings/${key}`, { token: beheerder, body: { duration: 'P0D' } }), 400, 'validation')).field).toBe('body.duration');
    expect((await expectProblem(await t.request('PUT', `/api/v1/deadline-settings/${key}`, { token: beheerder, body: { duration: 'P1D', warnBefore: '12 uur' } }), 400, 'validation')).field).toBe('body.warnBefore');
    await expectProblem(await t.request('PUT', `/api/v1/deadline-settings/${key}`, { token: jurist, body: { duration: 'P1D' } }), 403, 'forbidden');

    // Back to the law's default for what starts next.
    expect((await t.client(beheerder).DELETE('/api/v1/deadline-settings/{key}', { params: { path: { key } } })).response.status).toBe(204);
    expect(await deadlineOf((await register()).id, BEHANDELING)).toMatchObject({ duration: 'PT48H' });
  });

  it('keeps the deadlines other areas start (a referral\'s), telling only the organisations they name', async () => {
    const c = await register();
    const referralId = randomUUID();
    const inScope = <T>(work: (s: Parameters<typeof startDeadline>[0]) => Promise<T>) =>
      t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, work);
    const start = (state: string, duration: string) => inScope((s) => startDeadline(s, {
      caseId: c.id, referralId, source: `referral:test-verwijzing:${state}`, title: label('Wacht op antwoord', 'En attente', 'Awaiting answer'),
      duration, onExpiry: 'notify', notifyOrganisationIds: [orgs.caw],
    }));
    const sent = await start('sent', 'PT2H');
    const received = await start('received', 'PT10H');

    clock.advance({ hours: 3 });
    await eventually(async () => expect(await notificationsOf(sent)).toHaveLength(1));
    // Named organisations only: the case's participants (the police zone) are not told.
    expect(await notificationsOf(sent)).toEqual([{ kind: 'deadline-expired', organisation_id: orgs.caw, function: null, case_id: c.id, deadline_id: sent }]);

    // Stopping by referral: the running one is cancelled, the expired one stays expired (stopped late).
    expect(await inScope((s) => stopDeadlines(s, { referralId }, 'cancelled'))).toBe(2);
    const rows = await inTenant<{ id: string; state: string; stopped: boolean }>(
      'SELECT id, state, stopped_at IS NOT NULL AS stopped FROM deadlines WHERE referral_id = $1 ORDER BY started_at, due_at', [referralId]);
    expect(rows).toEqual([{ id: sent, state: 'expired', stopped: true }, { id: received, state: 'cancelled', stopped: true }]);
    expect(await inScope((s) => stopDeadlines(s, { referralId }, 'met'))).toBe(0);
    await expect(inScope((s) => stopDeadlines(s, {}, 'met'))).rejects.toThrow(/caseId or a referralId/);
  });

  // The refusals here stay on t.request: expectProblem reads the body the typed client would have read already.
  it("answers 404 for a case the caller cannot see or another case's deadline, 403 without the permission", async () => {
    const c = await register();
    const other = await register();
    const d = await deadlineOf(c.id, BEHANDELING);
    // The CAW takes no part in the case: the case and its deadlines do not exist for it.
    await expectProblem(await t.request('GET', `/api/v1/cases/${c.id}/deadlines`, { token: hulpverlener }), 404, 'not-found');
    await expectProblem(await t.request('GET', `/api/v1/cases/00000000-0000-4000-8000-000000000000/deadlines`, { token: jurist }), 404, 'not-found');
    await expectProblem(await raw.act(other.id, d.id, 'suspend', { reason: 'verkeerde zaak' }), 404, 'not-found');
    // The police see the case and its deadlines, but do not manage them.
    expect(await deadlines(c.id, inspecteur)).toHaveLength(2);
    await expectProblem(await raw.act(c.id, d.id, 'suspend', { reason: 'x' }, inspecteur), 403, 'forbidden');
    await expectProblem(await t.request('GET', '/api/v1/deadline-settings', { token: jurist }), 403, 'forbidden');
    expect((await expectProblem(await raw.act(c.id, 'geen-id', 'suspend', { reason: 'x' }), 400, 'validation')).field).toBe('path.deadlineId');
    expect(await deadlineOf(c.id, BEHANDELING)).toMatchObject({ state: 'running' });
  });
});
