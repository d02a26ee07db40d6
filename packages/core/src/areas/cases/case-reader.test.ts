import { TOKENS, defineCaseType, defineChainModule, type Actor, type CaseReader, type DeadlineReader, type TenantScope } from '@ketenhuis/sdk';
import { identityHelpers, startTestPlatform, type TestPlatform } from '../../testing';
import type { Tenant } from '../../kernel/tenancy/tenants';

// The SDK's readers (TOKENS.Cases, TOKENS.Deadlines) are how a chain reads core's data: they must
// keep core's rule of who sees which case exactly as the API does, and read across the district
// only for the platform's own jobs.
const title = { nl: 'Lees', fr: 'Lire', en: 'Read' };
const leesDossier = defineCaseType({
  id: 'lees-dossier', title,
  fields: [{ id: 'pvDate', title, type: 'date' }, { id: 'zitting', title, type: 'datetime' }],
  workflow: {
    initial: 'intake',
    states: [{ id: 'intake', title }, { id: 'afgesloten', title, final: true }],
    transitions: [{ action: 'sluit-af', from: 'intake', to: 'afgesloten', permission: 'lees.case.close' }],
    clocks: [{ id: 'termijn', title, state: 'intake', duration: 'P10D', runsFrom: 'stateEntered', onExpiry: 'notify' }],
  },
});
const leesChain = defineChainModule({
  id: 'lees', title, version: '1.0.0', permissions: ['lees.case.close'],
  grants: { parketjurist: ['lees.case.close'] }, caseTypes: [leesDossier],
});

describe('the SDK readers of cases and deadlines', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let orgs: { parket: string; zone: string; caw: string };
  const ids: Record<'open' | 'closed' | 'confidential', string> = { open: '', closed: '', confidential: '' };

  const as = (organisationId: string | undefined, subject = 'lezer'): Actor => ({ subject, roles: [], permissions: new Set(), organisationId });
  const read = <T>(actor: Actor | undefined, work: (cases: CaseReader, deadlines: DeadlineReader, scope: TenantScope) => Promise<T>) =>
    t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug, actor }, (scope) =>
      work(scope.resolve(TOKENS.Cases), scope.resolve(TOKENS.Deadlines), scope));

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [leesChain] });
    tenant = await t.createTenant('limburg', ['lees']);
    const h = identityHelpers(t);
    const beheerder = await t.token(tenant, { subject: 'beheerder', roles: ['tenant-beheerder'] });
    orgs = {
      parket: await h.organisation(beheerder, 'Parket', 'parket', { chains: ['lees'] }),
      zone: await h.organisation(beheerder, 'Politiezone', 'politiezone', { policeZoneCode: '9901' }),
      caw: await h.organisation(beheerder, 'CAW', 'caw'),
    };
    await h.user(beheerder, { name: 'inspecteur', email: 'inspecteur@limburg.example', subject: 'inspecteur' }, [[orgs.zone, 'politie-inspecteur']]);
    await h.user(beheerder, { name: 'jurist', email: 'jurist@limburg.example', subject: 'jurist' }, [[orgs.parket, 'parketjurist']]);
    const inspecteur = await t.token(tenant, { subject: 'inspecteur' });
    const jurist = await t.token(tenant, { subject: 'jurist' });
    const register = async (body: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'lees', caseType: 'lees-dossier', ...body } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    ids.open = await register({ fields: { pvDate: '2026-03-02', zitting: '2026-03-10T08:30:00.000Z' } });
    ids.closed = await register({ fields: { pvDate: '2026-03-09' } });
    ids.confidential = await register({ confidentiality: 'strikt-vertrouwelijk', fields: { zitting: '2026-03-16T00:30:00+01:00' } });
    const closed = await t.request('POST', `/api/v1/cases/${ids.closed}/transitions`, { token: jurist, body: { action: 'sluit-af' } });
    expect(closed.status).toBe(200);
  });
  afterAll(() => t.close());

  it('gives a request the cases its organisation sees, and an outsider none, exactly like a missing case', async () => {
    const parket = await read(as(orgs.parket), (cases, _d, s) => cases.list(s, leesFilter));
    expect(parket.map((c) => c.id).sort()).toEqual([ids.open, ids.closed].sort());
    const zone = await read(as(orgs.zone), (cases, _d, s) => cases.list(s, leesFilter));
    expect(zone.map((c) => c.id).sort()).toEqual(Object.values(ids).sort());
    expect(await read(as(orgs.caw), (cases, _d, s) => cases.list(s, leesFilter))).toEqual([]);
    expect(await read(as(orgs.caw), (cases, _d, s) => cases.get(s, ids.open))).toBeUndefined();
    expect(await read(as(orgs.parket), (cases, _d, s) => cases.get(s, ids.confidential))).toBeUndefined();
    expect(await read(as(orgs.parket), (cases, _d, s) => cases.get(s, '00000000-0000-4000-8000-000000000000'))).toBeUndefined();
    expect(await read(as(orgs.parket), (cases, _d, s) => cases.get(s, 'not-a-uuid'))).toBeUndefined();
  });

  it('gives a job, acting for the platform, every case of its district and no other district\'s', async () => {
    const all = await read(undefined, (cases, _d, s) => cases.list(s, leesFilter));
    expect(all.map((c) => c.id).sort()).toEqual(Object.values(ids).sort());
    const other = await t.createTenant('antwerpen', ['lees']);
    const elsewhere = await t.platform.uow.run({ tenantId: other.id, tenantSlug: other.slug }, (scope) => scope.resolve(TOKENS.Cases).get(scope, ids.open));
    expect(elsewhere).toBeUndefined();
  });

  it('reads a case with its fields, and filters by state, id and date field (a date from midnight in Brussels)', async () => {
    const found = await read(undefined, (cases, _d, s) => cases.get<{ pvDate: string; zitting: string }>(s, ids.open));
    expect(found).toMatchObject({ id: ids.open, chain: 'lees', caseType: 'lees-dossier', state: 'intake', confidentiality: 'normaal',
      fields: { pvDate: '2026-03-02', zitting: '2026-03-10T08:30:00.000Z' } });
    expect(found?.reference).toEqual(expect.any(String));
    expect(found?.registeredAt).toBeInstanceOf(Date);
    expect((await read(undefined, (cases, _d, s) => cases.list(s, { ...leesFilter, states: ['afgesloten'] }))).map((c) => c.id)).toEqual([ids.closed]);
    expect((await read(undefined, (cases, _d, s) => cases.list(s, { ...leesFilter, ids: [ids.open, 'nonsense'] }))).map((c) => c.id)).toEqual([ids.open]);
    // The week of Monday 9 March 2026 in Brussels: pvDate 2026-03-09 of the closed case (from its
    // midnight, 23:00 UTC the day before) and the open case's hearing on the 10th; the confidential
    // case's hearing at 00:30 on the 16th lies in the next week.
    const week = { fields: ['pvDate', 'zitting'], from: new Date('2026-03-08T23:00:00Z'), to: new Date('2026-03-15T23:00:00Z') };
    const inWeek = await read(undefined, (cases, _d, s) => cases.list(s, { ...leesFilter, dateFields: week }));
    expect(inWeek.map((c) => c.id).sort()).toEqual([ids.open, ids.closed].sort());
    const nextWeek = { ...week, from: week.to, to: new Date('2026-03-22T23:00:00Z') };
    expect((await read(undefined, (cases, _d, s) => cases.list(s, { ...leesFilter, dateFields: nextWeek }))).map((c) => c.id)).toEqual([ids.confidential]);
  });

  it('counts cases per state over what the caller sees', async () => {
    expect(await read(as(orgs.parket), (cases, _d, s) => cases.countByState(s, leesFilter))).toEqual({ intake: 1, afgesloten: 1 });
    expect(await read(undefined, (cases, _d, s) => cases.countByState(s, leesFilter))).toEqual({ intake: 2, afgesloten: 1 });
    expect(await read(as(orgs.caw), (cases, _d, s) => cases.countByState(s, leesFilter))).toEqual({});
  });

  it('reads deadlines by the same rule: open ones of visible cases, and every one of one case', async () => {
    const open = await read(as(orgs.parket), (_c, deadlines, s) => deadlines.open(s, leesFilter));
    expect(open.map((d) => [d.caseId, d.state, d.source])).toEqual([[ids.open, 'running', 'clock:lees:lees-dossier:termijn']]);
    expect((await read(undefined, (_c, deadlines, s) => deadlines.open(s, leesFilter))).map((d) => d.caseId).sort()).toEqual([ids.open, ids.confidential].sort());
    const ofClosed = await read(as(orgs.parket), (_c, deadlines, s) => deadlines.ofCase(s, ids.closed));
    expect(ofClosed).toEqual([expect.objectContaining({ caseId: ids.closed, state: 'met', stoppedAt: expect.any(Date) })]);
    expect(await read(as(orgs.caw), (_c, deadlines, s) => deadlines.ofCase(s, ids.open))).toEqual([]);
  });
});

const leesFilter = { chain: 'lees' };
