import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { ManualClock, eventually } from '@ketenhuis/testing';
import mModule from '../src';
import { mDistrict, ok, snelrechtApi, type MDistrict } from './support/district';

type Dashboard = {
  generatedAt: string;
  openByState: { state: string; title: Record<string, string>; count: number }[];
  deadlines: { withinDays: number; dueSoon: number; overdue: number };
  hearings: { week: string; count: number; items?: { caseId: string; reference: string; kind: string; hearingAt: string; state: string }[]; truncated?: boolean };
};
type RosterRow = { case_id: string; kind: string; week: string; hearing_at: Date };

// Wednesday 4 March 2026, 09:00 in Brussels: the week of Monday 2 March.
const clock = new ManualClock('2026-03-04T08:00:00Z');

/**
 * The M dashboard and the hearing roster behind it, against the real platform: the worker runs
 * the outbox relay (the roster follows planned hearings) and the roster queue.
 */
describe('the M dashboard and the hearing roster', () => {
  let t: TestPlatform;
  let d: MDistrict;
  let api: ReturnType<typeof snelrechtApi>;
  const ids: Record<string, string> = {};

  const dashboard = (token: string, query = '') => t.request('GET', `/api/v1/chains/m/dashboard${query}`, { token });
  const roster = () => api.inTenant<RosterRow>(`SELECT case_id, kind, week::text AS week, hearing_at FROM m_hearing_roster ORDER BY hearing_at, kind`);
  /** Every transition so far reached the roster's event handler (which records even the ones it ignores). */
  const settled = () => eventually(async () => expect(await api.inTenant(
    `SELECT e.id FROM outbox_events e WHERE e.type = 'core.case-transitioned' AND NOT EXISTS (
       SELECT 1 FROM outbox_deliveries o WHERE o.event_id = e.id AND o.handler = 'm.hearing-roster.on-hearing-planned')`)).toEqual([]));

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [mModule], worker: true, clock });
    d = await mDistrict(t, 'limburg');
    api = snelrechtApi(t, d);
    const { magistraat, inspecteur } = d.tokens;
    // A: arrested today, its 48 hours run out on Thursday night; B: no arrest, PV today.
    ids.a = (await api.register({ pvDate: '2026-03-04', arrest: true })).id;
    ids.b = (await api.register({ pvDate: '2026-03-04', arrest: false })).id;
    // C: a PV of December, its two months long gone.
    ids.c = (await api.register({ pvDate: '2025-12-01', arrest: false })).id;
    // D: heard tomorrow.
    ids.d = (await api.register({ pvDate: '2026-03-02', arrest: false })).id;
    await api.moved(inspecteur, ids.d, 'plan-hoorzitting', { hearingDate: '2026-03-05T09:00:00+01:00' });
    // E: strictly confidential, so only its participants (the zone) see it, not the parket.
    ids.e = (await api.register({ pvDate: '2026-03-04', arrest: true }, { confidentiality: 'strikt-vertrouwelijk' })).id;
    await api.moved(inspecteur, ids.e, 'plan-hoorzitting', { hearingDate: '2026-03-06T10:00:00+01:00' });
    // F: heard this afternoon, summoned to court on the 16th.
    ids.f = (await api.register({ pvDate: '2026-03-02', arrest: false })).id;
    await api.moved(inspecteur, ids.f, 'plan-hoorzitting', { hearingDate: '2026-03-04T15:00:00+01:00' });
    await api.moved(magistraat, ids.f, 'beslis-oproeping', { summonsHearingDate: '2026-03-16T09:00:00+01:00' });
    // G: dismissed without hearing.
    ids.g = (await api.register({ pvDate: '2026-03-03', arrest: false })).id;
    await api.moved(magistraat, ids.g, 'beslis-sepot');
  });
  afterAll(() => t.close());

  it('refuses the summons when the court hearing lies less than ten days ahead, naming the field', async () => {
    const c = await api.register({ pvDate: '2026-03-02', arrest: false }, {}, d.tokens.magistraat);
    const res = await api.act(d.tokens.magistraat, c.id, 'beslis-oproeping', { summonsHearingDate: '2026-03-13T09:00:00+01:00' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ field: 'body.input.summonsHearingDate', detail: expect.stringContaining('2026-03-14') });
    // Registered by the parket itself, then dismissed: it stays out of the numbers below.
    await api.moved(d.tokens.magistraat, c.id, 'beslis-sepot');
    await api.moved(d.tokens.magistraat, c.id, 'sluit-af');
  });

  it('puts planned hearings on the roster as they are planned, each in its own week', async () => {
    await settled();
    expect((await roster()).map((r) => [r.case_id, r.kind, r.week])).toEqual([
      [ids.f, 'hoorzitting', '2026-03-02'],
      [ids.d, 'hoorzitting', '2026-03-02'],
      [ids.e, 'hoorzitting', '2026-03-02'],
      [ids.f, 'oproeping', '2026-03-16'],
    ]);
  });

  it('counts open cases per state, deadlines due and this week\'s hearings over what the parket sees', async () => {
    await settled();
    const body = await ok<Dashboard>(await dashboard(d.tokens.magistraat));
    expect(body.generatedAt).toBe('2026-03-04T08:00:00.000Z');
    expect(Object.fromEntries(body.openByState.map((s) => [s.state, s.count]))).toEqual({
      intake: 3, hoorzitting: 1, sepot: 1, 'praetoriaanse-probatie': 0, 'verval-strafvordering-betaling': 0, 'onmiddellijke-minnelijke-schikking': 0,
      'bemiddeling-en-maatregelen': 0, 'oproeping-bij-pv': 1, onderzoeksrechter: 0, heroverweging: 0, 'opvolging-uitvoering': 0,
    });
    expect(body.openByState[0]).toEqual({ state: 'intake', title: { nl: 'PV-intake', fr: 'Réception du PV', en: 'Police report intake' }, count: 3 });
    // Due within a week: A's 48 hours (E's too, but the parket does not see E). Overdue: C.
    expect(body.deadlines).toEqual({ withinDays: 7, dueSoon: 1, overdue: 1 });
    expect(body.hearings).toEqual({
      week: '2026-03-02', count: 2, truncated: false,
      items: [
        { caseId: ids.f, reference: expect.stringMatching(/^M-2026-\d{6}$/), kind: 'hoorzitting', hearingAt: '2026-03-04T14:00:00.000Z', state: 'oproeping-bij-pv' },
        { caseId: ids.d, reference: expect.stringMatching(/^M-2026-\d{6}$/), kind: 'hoorzitting', hearingAt: '2026-03-05T08:00:00.000Z', state: 'hoorzitting' },
      ],
    });
    // Within 90 days B's and D's two months and F's summons term fall due as well.
    expect((await ok<Dashboard>(await dashboard(d.tokens.magistraat, '?withinDays=90'))).deadlines).toEqual({ withinDays: 90, dueSoon: 4, overdue: 1 });
  });

  it('gives an analyst the numbers without naming cases', async () => {
    const body = await ok<Dashboard>(await dashboard(d.tokens.analist));
    expect(body.hearings).toEqual({ week: '2026-03-02', count: 2 });
    expect(body.deadlines).toEqual({ withinDays: 7, dueSoon: 1, overdue: 1 });
  });

  it('shows a parket of other chains nothing of chain M\'s cases', async () => {
    const body = await ok<Dashboard>(await dashboard(d.tokens.vreemde));
    expect(body.openByState.every((s) => s.count === 0)).toBe(true);
    expect(body.deadlines).toEqual({ withinDays: 7, dueSoon: 0, overdue: 0 });
    expect(body.hearings).toEqual({ week: '2026-03-02', count: 0, items: [], truncated: false });
  });

  it('answers 403 without m.dashboard.read, 400 for a bad query, 404 where the district did not enable chain M', async () => {
    const refused = await dashboard(d.tokens.inspecteur);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const bad = await dashboard(d.tokens.magistraat, '?withinDays=0');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400, detail: expect.stringContaining('withinDays') });
    const elsewhere = await t.createTenant('antwerpen', []);
    const res = await dashboard(await t.token(elsewhere, { subject: 'antwerpen-magistraat', roles: ['magistraat'] }));
    expect(res.status).toBe(404);
  });

  it('audits each read of the dashboard', async () => {
    const res = await dashboard(d.tokens.magistraat);
    expect(res.status).toBe(200);
    const records = await api.inTenant<{ action: string; result: string; acting_function: string; purpose: string }>(
      'SELECT action, result, acting_function, purpose FROM audit_records WHERE request_id = $1', [res.headers.get('x-request-id')]);
    expect(records).toEqual([{ action: 'm-dashboard.read', result: 'allowed', acting_function: 'magistraat', purpose: 'casework' }]);
  });

  it('rebuilds the current week from scratch when the weekly job runs, and any other week on request', async () => {
    await settled();
    await api.inTenant('DELETE FROM m_hearing_roster');
    const queue = t.platform.queues.queue('m.hearing-roster');
    await queue.add('m.hearing-roster.weekly', { tenantId: d.tenant.id }, { jobId: randomUUID() });
    await eventually(async () => expect((await roster()).map((r) => [r.case_id, r.kind, r.week])).toEqual([
      [ids.f, 'hoorzitting', '2026-03-02'],
      [ids.d, 'hoorzitting', '2026-03-02'],
      [ids.e, 'hoorzitting', '2026-03-02'],
    ]));
    await queue.add('m.hearing-roster.weekly', { tenantId: d.tenant.id, week: '2026-03-16' }, { jobId: randomUUID() });
    await eventually(async () => expect((await roster()).map((r) => [r.case_id, r.kind, r.week])).toContainEqual([ids.f, 'oproeping', '2026-03-16']));
    // Running it again changes nothing.
    const before = await roster();
    const again = await queue.add('m.hearing-roster.weekly', { tenantId: d.tenant.id }, { jobId: randomUUID() });
    await eventually(async () => expect(await again.getState()).toBe('completed'));
    expect(await roster()).toEqual(before);
  });
});
