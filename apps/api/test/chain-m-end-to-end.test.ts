import mModule from '@ketenhuis/chain-m';
import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { eventually, expectProblem } from '@ketenhuis/testing';

const ZONE = '9931';
const DAY = 24 * 3600 * 1000;

type CaseBody = { id: string; reference: string; state: string; fields: Record<string, unknown> };
type TimelineEntry = { kind: string; at: string; actorSubject: string; actorOrganisationId: string | null; data: Record<string, unknown>; referral?: Record<string, string | null> };
type Referral = { id: string; state: string; sentAt: string; startedAt: string | null; completedAt: string | null };
type AuditRecord = { action: string; actorSubject: string; result: string; objectId: string | null; actingOrganisationId: string | null };
type Cell = { count: number | string; medianSeconds: number | null; p90Seconds: number | null };
type LeadTimes = { kpis: Array<{ id: string; total: Cell; zones?: Array<Cell & { policeZoneCode: string | null }> }> };

/** Midnight in Brussels of a calendar date, as the platform counts a date field from. */
function brusselsMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const offsetHours = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', hourCycle: 'h23' })
    .format(new Date(utcMidnight)));
  return utcMidnight - offsetHours * 3600 * 1000;
}

/**
 * Chain M from the police report to the closed case, through HTTP only, as the district's people
 * and systems do it: the police zone's PV system registers the case, the police plan the hearing,
 * the magistrate decides on mediation and measures (art. 216ter) and refers to the justitiehuis,
 * a justitieassistent answers, starts and completes the measure, and the platform closes the case.
 * The timeline, the audit trail and the lead-time report must then tell exactly that story.
 */
describe('chain M end to end', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let beheerder: string;
  let magistraat: string;
  let assistent: string;
  let hulpverlener: string;
  let pvSystem: string;
  const orgs: Record<'parket' | 'zone' | 'justitiehuis' | 'caw', string> = { parket: '', zone: '', justitiehuis: '', caw: '' };

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [mModule], worker: true });
    const h = identityHelpers(t);
    tenant = await t.createTenant('limburg', ['m']);
    beheerder = await t.token(tenant, { subject: 'limburg-beheerder', roles: ['tenant-beheerder'] });
    orgs.parket = await h.organisation(beheerder, 'Parket Limburg', 'parket', { chains: ['m'] });
    orgs.zone = await h.organisation(beheerder, 'Politiezone Carma', 'politiezone', { policeZoneCode: ZONE });
    orgs.justitiehuis = await h.organisation(beheerder, 'Justitiehuis Hasselt', 'justitiehuis');
    orgs.caw = await h.organisation(beheerder, 'CAW Limburg', 'caw');
    const member = async (name: string, org: string, fn: string) => {
      await h.user(beheerder, { name, email: `${name}@limburg.example`, subject: `limburg-${name}` }, [[org, fn]]);
      return t.token(tenant, { subject: `limburg-${name}` });
    };
    magistraat = await member('magistraat', orgs.parket, 'magistraat');
    assistent = await member('assistent', orgs.justitiehuis, 'justitieassistent');
    hulpverlener = await member('hulpverlener', orgs.caw, 'hulpverlener');

    // The police zone's PV system: a service account that signs in with client credentials.
    const account = await h.ok<{ clientId: string; clientSecret: string }>(await t.request('POST', '/api/v1/identity/service-accounts', {
      token: beheerder, body: { name: 'PV-systeem Carma', organisationId: orgs.zone, function: 'politie-inspecteur' },
    }), 201);
    const grant = await fetch(`${t.baseUrl}/api/v1/auth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: account.clientId, client_secret: account.clientSecret }).toString(),
    });
    pvSystem = (await h.ok<{ access_token: string }>(grant)).access_token;
  });
  afterAll(() => t.close());

  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
    return JSON.parse(text) as T;
  };
  const act = async (token: string, id: string, action: string, input?: Record<string, unknown>) =>
    ok<CaseBody>(await t.request('POST', `/api/v1/cases/${id}/transitions`, { token, body: { action, ...(input ? { input } : {}) } }));
  const answer = async (id: string, action: string, extra: Record<string, unknown> = {}) =>
    ok<Referral>(await t.request('POST', `/api/v1/referrals/${id}/transitions`, { token: assistent, body: { action, ...extra } }));
  const stateOf = async (id: string) => (await ok<CaseBody>(await t.request('GET', `/api/v1/cases/${id}`, { token: magistraat }))).state;

  it('takes a case from the PV to its close, and the timeline, audit and lead-time report tell exactly that', async () => {
    const pvDate = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    const registered = await ok<CaseBody>(await t.request('POST', '/api/v1/cases', {
      token: pvSystem, headers: { 'idempotency-key': 'carma-pv-000123-2026' },
      body: {
        chain: 'm', caseType: 'snelrecht',
        fields: { pvDate, arrest: false, offenceCodes: ['WINKELDIEFSTAL'] },
        externalReferences: [{ kind: 'pv', value: 'HA.55.L1.000123/2026', policeZoneCode: ZONE }],
      },
    }), 201);
    expect(registered).toMatchObject({ state: 'intake', fields: { pvDate, arrest: false, offenceCodes: ['WINKELDIEFSTAL'] } });
    const id = registered.id;

    const hearingDate = new Date(Date.now() + 2 * DAY).toISOString();
    expect(await act(pvSystem, id, 'plan-hoorzitting', { hearingDate })).toMatchObject({ state: 'hoorzitting' });
    expect(await act(magistraat, id, 'beslis-bemiddeling')).toMatchObject({ state: 'bemiddeling-en-maatregelen' });

    const sent = await ok<Referral>(await t.request('POST', `/api/v1/cases/${id}/referrals`, {
      token: magistraat, body: { type: 'bemiddeling-en-maatregelen', organisationId: orgs.justitiehuis },
    }), 201);
    // The justitiehuis finds it in its inbox, with a notification, and sees only what the type shares.
    const inbox = await ok<{ items: Array<{ id: string }> }>(await t.request('GET', '/api/v1/referrals', { token: assistent }));
    expect(inbox.items.map((r) => r.id)).toEqual([sent.id]);
    const notifications = await ok<{ items: Array<{ kind: string; referralId: string | null }> }>(await t.request('GET', '/api/v1/notifications', { token: assistent }));
    expect(notifications.items).toEqual([expect.objectContaining({ kind: 'referral-received', referralId: sent.id })]);
    const seen = await ok<{ case: Record<string, unknown> }>(await t.request('GET', `/api/v1/referrals/${sent.id}`, { token: assistent }));
    expect(seen.case).toMatchObject({ reference: registered.reference, fields: { pvDate, offenceCodes: ['WINKELDIEFSTAL'] } });
    expect(seen.case.fields).not.toHaveProperty('arrest');
    await expectProblem(await t.request('GET', `/api/v1/cases/${id}`, { token: assistent }), 404, 'not-found');

    await answer(sent.id, 'receive');
    await answer(sent.id, 'accept');
    const started = await answer(sent.id, 'start');
    expect(started.state).toBe('started');
    // Chain M moves the case to execution follow-up when the measure starts ...
    await eventually(async () => expect(await stateOf(id)).toBe('opvolging-uitvoering'));
    const completed = await answer(sent.id, 'complete', { feedback: 'Vorming met succes gevolgd.' });
    // ... and closes it when the justitiehuis reports the measure completed.
    await eventually(async () => expect(await stateOf(id)).toBe('afgesloten'));

    // The timeline: every step, in order, by whom.
    const timeline = (await ok<{ items: TimelineEntry[] }>(await t.request('GET', `/api/v1/cases/${id}/timeline?limit=100`, { token: magistraat }))).items;
    const story = timeline.map((e) => [e.kind, e.kind === 'transitioned' ? e.data.action : null, e.actorSubject]);
    const accountSubject = timeline[0].actorSubject;
    expect(accountSubject).toMatch(/^service-account:/);
    expect(story).toEqual([
      ['registered', null, accountSubject],
      ['transitioned', 'plan-hoorzitting', accountSubject],
      ['transitioned', 'beslis-bemiddeling', 'limburg-magistraat'],
      ['referral-sent', null, 'limburg-magistraat'],
      ['referral-received', null, 'limburg-assistent'],
      ['referral-accepted', null, 'limburg-assistent'],
      ['referral-started', null, 'limburg-assistent'],
      ['transitioned', 'start-maatregel', 'system:m'],
      ['referral-completed', null, 'limburg-assistent'],
      ['transitioned', 'stel-naleving-vast', 'system:m'],
    ]);
    expect(timeline.filter((e) => e.kind === 'transitioned').map((e) => e.data.to))
      .toEqual(['hoorzitting', 'bemiddeling-en-maatregelen', 'opvolging-uitvoering', 'afgesloten']);
    // The partner's feedback lands on the case's timeline with its step; the entry's data keeps codes and ids only.
    expect(timeline.find((e) => e.kind === 'referral-completed')?.referral).toEqual({ note: null, reason: null, feedback: 'Vorming met succes gevolgd.' });
    expect(JSON.stringify(timeline.map((e) => e.data))).not.toMatch(/Vorming/);
    // The police see the same history, but not what the justitiehuis wrote: they may not read referrals.
    const forPolice = (await ok<{ items: TimelineEntry[] }>(await t.request('GET', `/api/v1/cases/${id}/timeline?limit=100`, { token: pvSystem }))).items;
    expect(forPolice.map((e) => e.kind)).toEqual(timeline.map((e) => e.kind));
    expect(forPolice.filter((e) => e.referral !== undefined)).toEqual([]);
    expect(JSON.stringify(forPolice)).not.toMatch(/Vorming/);

    // The audit trail: every write, and every read of the case's data, by whom and for which organisation.
    const audit = async (query: string) => (await ok<{ items: AuditRecord[] }>(await t.request('GET', `/api/v1/audit?limit=100&${query}`, { token: beheerder }))).items;
    const onCase = (await audit(`objectId=${id}`)).reverse();
    const writes = onCase.filter((r) => ['case.register', 'case.transition', 'referral.send'].includes(r.action)).map((r) => [r.action, r.actorSubject, r.result]);
    expect(writes).toEqual([
      ['case.register', accountSubject, 'allowed'],
      ['case.transition', accountSubject, 'allowed'],
      ['case.transition', 'limburg-magistraat', 'allowed'],
      ['referral.send', 'limburg-magistraat', 'allowed'],
      ['case.transition', 'system:m', 'allowed'],
      ['case.transition', 'system:m', 'allowed'],
    ]);
    // The justitiehuis's refused look at the case is on record too.
    expect(onCase).toContainEqual(expect.objectContaining({ action: 'case.read', actorSubject: 'limburg-assistent', result: 'not-found', actingOrganisationId: orgs.justitiehuis }));
    const onReferral = (await audit(`objectId=${sent.id}`)).reverse();
    expect(onReferral.filter((r) => r.action === 'referral.transition').map((r) => r.actorSubject)).toEqual(Array(4).fill('limburg-assistent'));
    expect(onReferral).toContainEqual(expect.objectContaining({ action: 'referral.read', actorSubject: 'limburg-assistent', actingOrganisationId: orgs.justitiehuis }));

    // The lead-time report: the durations the timeline shows, per KPI and for the police zone.
    const at = (to: string) => Date.parse(timeline.find((e) => e.kind === 'transitioned' && e.data.to === to)!.at);
    const pvStart = brusselsMidnight(pvDate);
    const expected: Record<string, number> = {
      'pv-tot-beslissing': (at('bemiddeling-en-maatregelen') - pvStart) / 1000,
      'beslissing-tot-start-maatregel': (at('opvolging-uitvoering') - at('bemiddeling-en-maatregelen')) / 1000,
      'totale-doorlooptijd': (at('afgesloten') - pvStart) / 1000,
    };
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10);
    const report = await ok<LeadTimes>(await t.request('GET', `/api/v1/reports/chains/m/lead-times?from=${from}&to=${today}&period=month&groupBy=policeZone`, { token: magistraat }));
    expect(report.kpis.map((k) => k.id).sort()).toEqual(Object.keys(expected).sort());
    for (const kpi of report.kpis) {
      expect({ kpi: kpi.id, count: kpi.total.count }).toEqual({ kpi: kpi.id, count: 1 });
      // One case: median and p90 are its duration (the report rounds to whole seconds).
      expect(Math.abs(kpi.total.medianSeconds! - expected[kpi.id])).toBeLessThanOrEqual(1);
      expect(kpi.total.p90Seconds).toBe(kpi.total.medianSeconds);
      expect(kpi.zones).toEqual([expect.objectContaining({ policeZoneCode: ZONE, count: 1, medianSeconds: kpi.total.medianSeconds })]);
    }
    expect(expected['pv-tot-beslissing']).toBeGreaterThan(2 * 86400);
    expect(completed.completedAt).not.toBeNull();
  });

  it('shows an organisation of the district that takes no part neither the case nor the referral', async () => {
    const pvDate = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const c = await ok<CaseBody>(await t.request('POST', '/api/v1/cases', {
      token: pvSystem, body: { chain: 'm', caseType: 'snelrecht', fields: { pvDate, arrest: false } },
    }), 201);
    await act(pvSystem, c.id, 'plan-hoorzitting', { hearingDate: new Date(Date.now() + DAY).toISOString() });
    await act(magistraat, c.id, 'beslis-bemiddeling');
    const r = await ok<Referral>(await t.request('POST', `/api/v1/cases/${c.id}/referrals`, {
      token: magistraat, body: { type: 'bemiddeling-en-maatregelen', organisationId: orgs.justitiehuis },
    }), 201);
    const missing = await expectProblem(await t.request('GET', `/api/v1/referrals/00000000-0000-4000-8000-000000000000`, { token: hulpverlener }), 404, 'not-found');
    for (const path of [`/api/v1/cases/${c.id}`, `/api/v1/cases/${c.id}/timeline`, `/api/v1/referrals/${r.id}`]) {
      const hidden = await expectProblem(await t.request('GET', path, { token: hulpverlener }), 404, 'not-found');
      // Answered exactly as something that does not exist.
      expect({ title: hidden.title, detail: hidden.detail }).toEqual({ title: missing.title, detail: missing.detail });
    }
    await expectProblem(await t.request('POST', `/api/v1/referrals/${r.id}/transitions`, { token: hulpverlener, body: { action: 'receive' } }), 404, 'not-found');
    const lists = [
      await ok<{ items: Array<{ id: string }> }>(await t.request('GET', '/api/v1/cases', { token: hulpverlener })),
      await ok<{ items: Array<{ id: string }> }>(await t.request('GET', '/api/v1/referrals', { token: hulpverlener })),
      await ok<{ items: Array<{ id: string }> }>(await t.request('GET', '/api/v1/referrals?direction=sent', { token: hulpverlener })),
    ];
    for (const list of lists) expect(list.items).toEqual([]);
  });
});
