import { randomUUID } from 'node:crypto';
import { expectProblem } from '@ketenhuis/testing';
import { defineChainModule, TOKENS, type ProblemBody, type TenantScope, type WorkflowService } from '@ketenhuis/sdk';
import { applyTransition, type Tenant } from '../../index';
import { startTestPlatform, identityHelpers, type TestPlatform, type CaseBody, type TimelineBody } from '../../testing';

const label = (nl: string, fr: string, en: string) => ({ nl, fr, en });

/**
 * A chain whose workflow has a path through two transitions, one with a required field, a field
 * it stores and emitted events, one only the parket may take, and two behind guards: one about the
 * case (a 409 when it refuses) and one about the input (a 400 naming the field).
 */
const stapChain = defineChainModule({
  id: 'stap', title: label('Testketen stappen', 'Chaîne de test', 'Test chain'), version: '1.0.0',
  permissions: ['stap.case.advance', 'stap.case.decide'],
  grants: { parketjurist: ['stap.case.advance', 'stap.case.decide'], 'politie-inspecteur': ['stap.case.advance'] },
  guards: {
    'volledig-dossier': ({ fields }) => fields.volledig === true || { detail: 'het dossier is niet volledig' },
    'gekende-beslissing': ({ input }) => ['alternatieve-afhandeling', 'sepot', 'x'].includes(String(input.beslissing)) || { field: 'beslissing', detail: 'is not a decision of this chain' },
  },
  caseTypes: [{
    id: 'stap-dossier', title: label('Stappendossier', 'Dossier', 'Case'),
    fields: [
      { id: 'volledig', title: label('Volledig', 'Complet', 'Complete'), type: 'boolean' },
      { id: 'pvDatum', title: label('PV-datum', 'Date du PV', 'Report date'), type: 'date' },
      { id: 'beslissing', title: label('Beslissing', 'Décision', 'Decision'), type: 'text', pattern: '^[a-z-]+$' },
    ],
    workflow: {
      initial: 'intake',
      states: [
        { id: 'intake', title: label('Intake', 'Accueil', 'Intake') },
        { id: 'behandeling', title: label('In behandeling', 'En traitement', 'In progress') },
        { id: 'beslist', title: label('Beslist', 'Décidé', 'Decided'), final: true },
      ],
      transitions: [
        { action: 'neem-in-behandeling', title: label('Neem in behandeling', 'Prendre en charge', 'Take up'), from: 'intake', to: 'behandeling', permission: 'stap.case.advance' },
        { action: 'controleer', from: 'intake', to: 'behandeling', permission: 'stap.case.advance', guard: 'volledig-dossier' },
        {
          action: 'beslis', title: label('Beslis', 'Décider', 'Decide'), from: 'behandeling', to: 'beslist', permission: 'stap.case.decide',
          requiredFields: ['beslissing'], setsFields: ['beslissing'], guard: 'gekende-beslissing', emits: ['stap.case-decided'],
        },
      ],
    },
  }],
});

type Transitions = { state: string; stateTitle: Record<string, string>; items: { action: string; title: Record<string, string>; to: string; toTitle: Record<string, string>; requiredFields: string[] }[] };

// The workflow engine through HTTP: what a caller may do now, taking an action, and every way
// a transition is refused, including two callers racing for the same case.
describe('workflow transitions', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let h: ReturnType<typeof identityHelpers>;
  let jurist: string;
  let inspecteur: string;
  let assistent: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [stapChain] });
    h = identityHelpers(t);
    tenant = await t.createTenant('antwerpen', ['stap']);
    const beheerder = await t.token(tenant, { subject: 'antwerpen-beheerder', roles: ['tenant-beheerder'] });
    const parket = await h.organisation(beheerder, 'Parket Antwerpen', 'parket', { chains: ['stap'] });
    const zone = await h.organisation(beheerder, 'Politiezone Antwerpen', 'politiezone', { policeZoneCode: '9902' });
    const justitiehuis = await h.organisation(beheerder, 'Justitiehuis Antwerpen', 'justitiehuis');
    const member = async (name: string, org: string, fn: string) => {
      await h.user(beheerder, { name, email: `${name}@antwerpen.example`, subject: `antwerpen-${name}` }, [[org, fn]]);
      return t.token(tenant, { subject: `antwerpen-${name}` });
    };
    jurist = await member('jurist', parket, 'parketjurist');
    inspecteur = await member('inspecteur', zone, 'politie-inspecteur');
    assistent = await member('assistent', justitiehuis, 'justitieassistent');
  });
  afterAll(() => t.close());

  const register = async (token = inspecteur) =>
    h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token, body: { chain: 'stap', caseType: 'stap-dossier' } }), 201);
  const transitions = (token: string, id: string) => t.request('GET', `/api/v1/cases/${id}/transitions`, { token });
  const transition = (token: string, id: string, body: unknown, headers: Record<string, string> = {}) =>
    t.request('POST', `/api/v1/cases/${id}/transitions`, { token, body, headers });
  const inTenant = <T>(sql: string, params: unknown[]) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<T>(sql, params));
  const timeline = async (id: string) => (await h.ok<TimelineBody>(await t.request('GET', `/api/v1/cases/${id}/timeline`, { token: jurist }))).items;
  const events = (id: string) => inTenant<{ type: string; payload: Record<string, unknown> }>(
    'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 AND type <> $2 ORDER BY created_at, type', [id, 'core.case-registered']);
  const conflictBody = async (res: Response): Promise<ProblemBody & { allowedActions: string[] }> => {
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as ProblemBody & { allowedActions: string[] };
  };

  it('lists the actions the caller may take now, with their target state, required fields and titles', async () => {
    const c = await register();
    const forJurist = await h.ok<Transitions>(await transitions(jurist, c.id));
    expect(forJurist).toEqual({
      state: 'intake', stateTitle: label('Intake', 'Accueil', 'Intake'),
      items: [
        { action: 'neem-in-behandeling', title: label('Neem in behandeling', 'Prendre en charge', 'Take up'), to: 'behandeling', toTitle: label('In behandeling', 'En traitement', 'In progress'), requiredFields: [] },
        // Without its own title an action is named after the state it leads to.
        { action: 'controleer', title: label('In behandeling', 'En traitement', 'In progress'), to: 'behandeling', toTitle: label('In behandeling', 'En traitement', 'In progress'), requiredFields: [] },
      ],
    });
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    // From the new state the parket may decide; the police may not.
    expect((await h.ok<Transitions>(await transitions(jurist, c.id))).items).toEqual([expect.objectContaining({ action: 'beslis', to: 'beslist', requiredFields: ['beslissing'] })]);
    expect(await h.ok<Transitions>(await transitions(inspecteur, c.id))).toMatchObject({ state: 'behandeling', items: [] });
  });

  it('moves a case through two transitions, with a timeline entry and outbox events for each', async () => {
    const c = await register();
    const first = await transition(inspecteur, c.id, { action: 'neem-in-behandeling' });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('W/"2"');
    expect(await first.json()).toMatchObject({ id: c.id, state: 'behandeling', version: 2 });

    const second = await transition(jurist, c.id, { action: 'beslis', input: { beslissing: 'alternatieve-afhandeling' } }, { 'if-match': 'W/"2"' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ state: 'beslist', version: 3 });
    expect(await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).toMatchObject({ state: 'beslist', version: 3 });

    const entries = (await timeline(c.id)).filter((e) => e.kind === 'transitioned');
    expect(entries).toEqual([
      expect.objectContaining({ actorSubject: 'antwerpen-inspecteur', data: { action: 'neem-in-behandeling', from: 'intake', to: 'behandeling', inputFields: [] } }),
      expect.objectContaining({ actorSubject: 'antwerpen-jurist', data: { action: 'beslis', from: 'behandeling', to: 'beslist', inputFields: ['beslissing'] } }),
    ]);
    // Field names and codes only: the decision itself stays out of the history and the events.
    expect(JSON.stringify(entries)).not.toMatch(/alternatieve/);
    const published = await events(c.id);
    expect(published.map((e) => e.type).sort()).toEqual(['core.case-transitioned', 'core.case-transitioned', 'stap.case-decided']);
    expect(published.find((e) => e.type === 'stap.case-decided')?.payload).toEqual({ action: 'beslis', from: 'behandeling', to: 'beslist', chain: 'stap', caseType: 'stap-dossier' });
    expect(JSON.stringify(published)).not.toMatch(/alternatieve/);
  });

  it('refuses an unknown action, or one not possible from the current state, with 409 listing the allowed actions', async () => {
    const c = await register();
    const unknown = await conflictBody(await transition(jurist, c.id, { action: 'vlieg-weg' }));
    expect(unknown).toMatchObject({ type: 'urn:ketenhuis:problem:conflict', allowedActions: ['neem-in-behandeling', 'controleer'] });
    const early = await conflictBody(await transition(jurist, c.id, { action: 'beslis', input: { beslissing: 'x' } }));
    expect(early.allowedActions).toEqual(['neem-in-behandeling', 'controleer']);
    expect(early.detail).toMatch(/"beslis".*"intake"/);
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    // Only what this caller may take is offered: the police cannot decide.
    expect((await conflictBody(await transition(inspecteur, c.id, { action: 'neem-in-behandeling' }))).allowedActions).toEqual([]);
    expect((await conflictBody(await transition(jurist, c.id, { action: 'neem-in-behandeling' }))).allowedActions).toEqual(['beslis']);
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('behandeling');
  });

  it('freezes the cases of a chain the district switched off', async () => {
    const c = await register();
    // Operators switch a chain off in tenant_modules (owner connection, bound to the tenant).
    const setEnabled = (on: boolean) => t.admin.transaction(async (m) => {
      await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await m.query(on ? `INSERT INTO tenant_modules (tenant_id, module_id) VALUES ($1, 'stap')` : `DELETE FROM tenant_modules WHERE module_id = 'stap'`, on ? [tenant.id] : []);
    });
    await setEnabled(false);
    try {
      const frozen = await conflictBody(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
      expect(frozen.detail).toMatch(/not enabled in this district/);
      expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('intake');
    } finally {
      await setEnabled(true);
    }
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
  });

  it('lets a guard refuse a case that is not ready with 409, and pass one that is', async () => {
    const c = await register();
    const body = await conflictBody(await transition(jurist, c.id, { action: 'controleer' }));
    expect(body.detail).toBe('het dossier is niet volledig');
    expect(body.allowedActions).toEqual(['neem-in-behandeling', 'controleer']);
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('intake');
    const ready = await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'stap', caseType: 'stap-dossier', fields: { volledig: true } } }), 201);
    expect(await h.ok(await transition(jurist, ready.id, { action: 'controleer' }))).toMatchObject({ state: 'behandeling' });
  });

  it('lets a guard refuse bad input with 400 naming body.input.<field>', async () => {
    const c = await register();
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    expect((await expectProblem(await transition(jurist, c.id, { action: 'beslis', input: { beslissing: 'opsluiten' } }), 400, 'validation')).field).toBe('body.input.beslissing');
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('behandeling');
  });

  it('stores the fields an action sets on the case, checked against their declaration', async () => {
    const c = await register();
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    // The declared pattern holds before the guard is asked.
    expect((await expectProblem(await transition(jurist, c.id, { action: 'beslis', input: { beslissing: 'Sepot!' } }), 400, 'validation')).field).toBe('body.input.beslissing');
    const decided = await h.ok<CaseBody & { fields: Record<string, unknown> }>(await transition(jurist, c.id, { action: 'beslis', input: { beslissing: 'sepot', toelichting: 'niet bewaard' } }));
    // Only what the action declares it sets is kept; other input is the caller's, not the case's.
    expect(decided.fields).toEqual({ beslissing: 'sepot' });
    expect((await h.ok<CaseBody & { fields: Record<string, unknown> }>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).fields).toEqual({ beslissing: 'sepot' });
  });

  it('registers a case with its declared fields and refuses undeclared or malformed ones with 400 naming the field', async () => {
    const ok = await h.ok<CaseBody & { fields: Record<string, unknown> }>(await t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'stap', caseType: 'stap-dossier', fields: { pvDatum: '2026-02-28', volledig: false } } }), 201);
    expect(ok.fields).toEqual({ pvDatum: '2026-02-28', volledig: false });
    const bad = (fields: unknown) => t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'stap', caseType: 'stap-dossier', fields } });
    expect((await expectProblem(await bad({ pvDatum: '2026-02-30' }), 400, 'validation')).field).toBe('body.fields.pvDatum');
    expect((await expectProblem(await bad({ volledig: 'ja' }), 400, 'validation')).field).toBe('body.fields.volledig');
    expect((await expectProblem(await bad({ geboortedatum: '2001-01-01' }), 400, 'validation')).field).toBe('body.fields.geboortedatum');
    const [count] = await inTenant<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE fields ? $1', ['geboortedatum']);
    expect(count.n).toBe(0);
  });

  it('lets the platform move a case for its chain (TOKENS.Workflows), with guards still asked', async () => {
    const c = await register();
    const workflows = t.platform.container.resolve<WorkflowService>(TOKENS.Workflows);
    const inScope = <T>(work: (s: TenantScope) => Promise<T>) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, work);
    await expect(inScope((s) => workflows.transition(s, c.id, 'controleer'))).rejects.toMatchObject({ status: 409 });
    expect(await inScope((s) => workflows.transition(s, c.id, 'neem-in-behandeling'))).toEqual({ from: 'intake', to: 'behandeling' });
    // No permission is needed, but required fields still are.
    await expect(inScope((s) => workflows.transition(s, c.id, 'beslis'))).rejects.toMatchObject({ status: 400 });
    expect(await inScope((s) => workflows.transition(s, c.id, 'beslis', { beslissing: 'sepot' }))).toEqual({ from: 'behandeling', to: 'beslist' });
    const entries = (await timeline(c.id)).filter((e) => e.kind === 'transitioned');
    expect(entries.map((e) => e.actorSubject)).toEqual(['system:stap', 'system:stap']);
    const audited = await inTenant<{ action: string; result: string; changed_fields: string[] }>(
      `SELECT action, result, changed_fields FROM audit_records WHERE actor_subject = 'system:stap' AND object_id = $1 ORDER BY occurred_at`, [c.id]);
    expect(audited).toEqual([
      { action: 'case.transition', result: 'allowed', changed_fields: ['state'] },
      { action: 'case.transition', result: 'allowed', changed_fields: ['state', 'beslissing'] },
    ]);
  });

  it('refuses a caller without the transition\'s permission with 403, and changes nothing', async () => {
    const c = await register();
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    await expectProblem(await transition(inspecteur, c.id, { action: 'beslis', input: { beslissing: 'x' } }), 403, 'forbidden');
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('behandeling');
    expect((await events(c.id)).length).toBe(1);
  });

  it('refuses a missing or empty required field with 400 naming body.input.<field>, and bad bodies before that', async () => {
    const c = await register();
    await h.ok(await transition(jurist, c.id, { action: 'neem-in-behandeling' }));
    for (const body of [{ action: 'beslis' }, { action: 'beslis', input: {} }, { action: 'beslis', input: { beslissing: '  ' } }, { action: 'beslis', input: { beslissing: null } }]) {
      const problem = await expectProblem(await transition(jurist, c.id, body), 400, 'validation');
      expect(problem.field).toBe('body.input.beslissing');
    }
    expect((await expectProblem(await transition(jurist, c.id, { action: 'beslis', extra: 1 }), 400, 'validation')).field).toMatch(/^body/);
    expect((await expectProblem(await transition(jurist, c.id, { input: {} }), 400, 'validation')).field).toMatch(/^body/);
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('behandeling');
  });

  it('answers an invisible case exactly like a missing one', async () => {
    const c = await register();
    const shape = async (res: Response) => {
      const body = await expectProblem(res, 404, 'not-found');
      return { status: res.status, type: body.type, title: body.title, detail: body.detail };
    };
    const missing = randomUUID();
    expect(await shape(await transitions(assistent, c.id))).toEqual(await shape(await transitions(assistent, missing)));
    expect(await shape(await transition(assistent, c.id, { action: 'neem-in-behandeling' }))).toEqual(await shape(await transition(assistent, missing, { action: 'neem-in-behandeling' })));
    expect(await shape(await transition(assistent, c.id, { action: 'vlieg-weg' }))).toEqual(await shape(await transition(assistent, missing, { action: 'vlieg-weg' })));
    expect((await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).state).toBe('intake');
  });

  it('honours If-Match when sent', async () => {
    const c = await register();
    await expectProblem(await transition(jurist, c.id, { action: 'neem-in-behandeling' }, { 'if-match': 'W/"7"' }), 412, 'precondition-failed');
    expect((await transition(jurist, c.id, { action: 'neem-in-behandeling' }, { 'if-match': 'W/"1"' })).status).toBe(200);
  });

  it.each([1, 2, 3, 4, 5])('lets exactly one of two concurrent transitions from the same state through (round %i)', async () => {
    const c = await register();
    const results = await Promise.all([
      transition(jurist, c.id, { action: 'neem-in-behandeling' }),
      transition(inspecteur, c.id, { action: 'neem-in-behandeling' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await h.ok<CaseBody>(await t.request('GET', `/api/v1/cases/${c.id}`, { token: jurist }))).toMatchObject({ state: 'behandeling', version: 2 });
    expect((await timeline(c.id)).filter((e) => e.kind === 'transitioned')).toHaveLength(1);
    expect((await events(c.id)).map((e) => e.type)).toEqual(['core.case-transitioned']);
    for (const res of results) {
      expect(await h.auditOf(tenant, res)).toEqual([expect.objectContaining({ action: 'case.transition', object_type: 'case', object_id: c.id })]);
    }
  });

  it('refuses to move a case another transition moved after the checks read it', async () => {
    const c = await register();
    const actor = { subject: 'antwerpen-jurist', roles: ['parketjurist'], permissions: new Set(['stap.case.advance']) };
    const err = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (s) => {
      const [stale] = await s.query<Parameters<typeof applyTransition>[2]>('SELECT * FROM cases WHERE id = $1', [c.id]);
      // Another request takes the case on in the meantime, and commits first.
      await h.ok(await transition(inspecteur, c.id, { action: 'neem-in-behandeling' }));
      return applyTransition(s, actor, stale, { action: 'neem-in-behandeling' }).then(() => undefined, (e: unknown) => e);
    });
    expect(err).toMatchObject({ status: 409, detail: expect.stringMatching(/changed state meanwhile/) });
    expect((await timeline(c.id)).filter((e) => e.kind === 'transitioned')).toHaveLength(1);
    expect((await events(c.id)).map((e) => e.type)).toEqual(['core.case-transitioned']);
  });

  it('leaves exactly one audit record per request, refusals included', async () => {
    const c = await register();
    const expectations: [Response, Record<string, unknown>][] = [
      [await transitions(jurist, c.id), { action: 'case.transitions.read', result: 'allowed' }],
      [await transition(jurist, c.id, { action: 'vlieg-weg' }), { action: 'case.transition' }],
      [await transition(jurist, c.id, { action: 'neem-in-behandeling' }), { action: 'case.transition', result: 'allowed', changed_fields: ['state'] }],
      [await transition(inspecteur, c.id, { action: 'beslis', input: { beslissing: 'x' } }), { action: 'case.transition', result: 'denied' }],
      [await transition(jurist, c.id, { action: 'beslis' }), { action: 'case.transition', result: 'invalid' }],
      [await transition(assistent, c.id, { action: 'beslis' }), { action: 'case.transition', result: 'not-found' }],
    ];
    for (const [res, expected] of expectations) {
      expect({ status: res.status, rows: await h.auditOf(tenant, res) })
        .toEqual({ status: res.status, rows: [expect.objectContaining({ object_type: 'case', object_id: c.id, ...expected })] });
    }
  });
});
