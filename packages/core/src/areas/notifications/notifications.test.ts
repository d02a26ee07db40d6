import { randomUUID } from 'node:crypto';
import { expectProblem } from '@ketenhuis/testing';
import { notify, type NotificationInput } from '../../index';
import { startTestPlatform, caseChains, caseDistrict, identityHelpers, ok, type ApiQuery, type TestPlatform, type CaseDistrict } from '../../testing';

const title = (nl: string) => ({ nl, fr: `${nl} (fr)`, en: `${nl} (en)` });

// Notifications through HTTP: each caller sees what is meant for its organisation and function
// and what is addressed to it, and keeps its own read state.
describe('notifications', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let h: ReturnType<typeof identityHelpers>;
  let collega: string;
  let administratief: string;
  let caseId: string;
  const n: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    h = identityHelpers(t);
    d = await caseDistrict(t, 'limburg');
    const member = async (name: string, fn: string) => {
      await h.user(d.beheerder, { name, email: `${name}@limburg.example`, subject: `limburg-${name}` }, [[d.orgs.zone, fn]]);
      return t.token(d.tenant, { subject: `limburg-${name}` });
    };
    collega = await member('collega', 'politie-inspecteur');
    administratief = await member('administratief', 'administratief-medewerker');
    caseId = ok(await t.client(d.inspecteur).POST('/api/v1/cases', { body: { chain: 'snel', caseType: 'snel-dossier' } }), 201).id;

    const userId = async (subject: string) => (await inTenant<{ id: string }>('SELECT id FROM users WHERE subject = $1', [subject]))[0].id;
    const [inspecteurId, collegaId] = [await userId('limburg-inspecteur'), await userId('limburg-collega')];
    // In order of creation, so newest first is the reverse.
    const arrange: [string, NotificationInput][] = [
      ['zone', { kind: 'deadline-warning', organisationId: d.orgs.zone, caseId, deadlineId: randomUUID(), title: title('Termijn verstrijkt bijna') }],
      ['inspecteurs', { kind: 'deadline-expired', organisationId: d.orgs.zone, function: 'politie-inspecteur', caseId, title: title('Termijn verstreken') }],
      ['administratie', { kind: 'deadline-escalated', organisationId: d.orgs.zone, function: 'administratief-medewerker', title: title('Escalatie') }],
      ['inspecteur', { kind: 'referral-received', organisationId: d.orgs.zone, userId: inspecteurId, referralId: randomUUID(), title: title('Voor u') }],
      ['collega', { kind: 'referral-received', organisationId: d.orgs.zone, userId: collegaId, title: title('Voor de collega') }],
      ['caw', { kind: 'referral-received', organisationId: d.orgs.caw, caseId, title: title('Voor het CAW') }],
    ];
    for (const [key, input] of arrange) n[key] = await t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => notify(s, input));
  });
  afterAll(() => t?.close());

  function inTenant<T>(sql: string, params: unknown[]): Promise<T[]> {
    return t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.query<T>(sql, params));
  }
  const list = async (token: string, query: ApiQuery<'/api/v1/notifications'> = {}) => ok(await t.client(token).GET('/api/v1/notifications', { params: { query } }));
  const ids = async (token: string, query: ApiQuery<'/api/v1/notifications'> = {}) => (await list(token, query)).items.map((x) => x.id);
  const markRead = (token: string, id: string) => t.client(token).POST('/api/v1/notifications/{id}/read', { params: { path: { id } } });
  // Refusals checked with expectProblem stay on t.request: it reads the problem from the body,
  // which the typed client has already read by the time it answers.
  const raw = {
    markRead: (token: string, id: string) => t.request('POST', `/api/v1/notifications/${id}/read`, { token }),
  };

  it("lists the organisation's, the function's and the caller's own, newest first, with ids and titles", async () => {
    const page = await list(d.inspecteur);
    expect(page.items.map((x) => x.id)).toEqual([n.inspecteur, n.inspecteurs, n.zone]);
    expect(page.items[2]).toEqual({
      id: n.zone, kind: 'deadline-warning', title: title('Termijn verstrijkt bijna'), caseId, referralId: null, deadlineId: expect.any(String),
      read: false, createdAt: expect.any(String),
    });
    expect(page.items[0]).toMatchObject({ kind: 'referral-received', referralId: expect.any(String), caseId: null });
    expect(page.nextCursor).toBeUndefined();
  });

  it('shows a notification for a function only to users acting in that function', async () => {
    expect(await ids(collega)).toEqual([n.collega, n.inspecteurs, n.zone]);
    expect(await ids(administratief)).toEqual([n.administratie, n.zone]);
  });

  it("never lists another organisation's notification and answers it, or another user's, with 404", async () => {
    expect(await ids(d.hulpverlener)).toEqual([n.caw]);
    for (const token of [d.inspecteur, d.jurist]) expect(await ids(token)).not.toContain(n.caw);
    await expectProblem(await raw.markRead(d.inspecteur, n.caw), 404, 'not-found');
    await expectProblem(await raw.markRead(d.inspecteur, n.collega), 404, 'not-found');
    await expectProblem(await raw.markRead(administratief, n.inspecteurs), 404, 'not-found');
    await expectProblem(await raw.markRead(d.inspecteur, randomUUID()), 404, 'not-found');
    await expectProblem(await raw.markRead(d.inspecteur, 'niet-een-id'), 400, 'validation');
    // A caller acting for no organisation is told nothing.
    expect(await ids(d.beheerder)).toEqual([]);
    await expectProblem(await raw.markRead(d.beheerder, n.zone), 404, 'not-found');
    expect((await list(d.hulpverlener)).items[0].read).toBe(false);
  });

  it('marks one read for the caller only, idempotently, and filters on unread', async () => {
    for (let i = 0; i < 2; i++) {
      // openapi-fetch leaves a 204's body unread: the test reads it itself.
      const { response } = await markRead(d.inspecteur, n.inspecteurs);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
    }
    expect((await list(d.inspecteur)).items.map((x) => [x.id, x.read])).toEqual([[n.inspecteur, false], [n.inspecteurs, true], [n.zone, false]]);
    expect(await ids(d.inspecteur, { unread: true })).toEqual([n.inspecteur, n.zone]);
    expect(await ids(d.inspecteur, { unread: false })).toEqual([n.inspecteur, n.inspecteurs, n.zone]);
    // Read state is per user: the colleague still has it unread.
    expect(await ids(collega, { unread: true })).toEqual([n.collega, n.inspecteurs, n.zone]);
    expect((await inTenant<{ n: number }>('SELECT count(*)::int AS n FROM notification_reads', []))[0].n).toBe(1);
  });

  it('pages with a cursor', async () => {
    const first = await list(collega, { limit: 2 });
    expect(first.items.map((x) => x.id)).toEqual([n.collega, n.inspecteurs]);
    const second = await list(collega, { limit: 2, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ id: n.zone })] });
    await expectProblem(await t.request('GET', '/api/v1/notifications?cursor=bm9wZQ', { token: collega }), 400, 'validation');
  });

  it('marks everything the caller sees read, and nothing of anyone else', async () => {
    const res = await t.client(administratief).POST('/api/v1/notifications/read-all');
    expect(res.response.status).toBe(204);
    expect(await ids(administratief, { unread: true })).toEqual([]);
    expect((await list(administratief)).items.every((x) => x.read)).toBe(true);
    // The same organisation-wide notification stays unread for the others.
    expect(await ids(collega, { unread: true })).toContain(n.zone);
    expect(await ids(d.hulpverlener, { unread: true })).toEqual([n.caw]);
    // Arriving later, it is unread again.
    const later = await t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug },
      (s) => notify(s, { kind: 'deadline-warning', organisationId: d.orgs.zone, title: title('Nieuw') }));
    expect(await ids(administratief, { unread: true })).toEqual([later]);
  });

  it('audits listing and reading', async () => {
    const res = await markRead(collega, n.zone);
    expect(res.response.status).toBe(204);
    expect(await h.auditOf(d.tenant, res.response)).toEqual([expect.objectContaining({
      action: 'notification.read', result: 'allowed', object_type: 'notification', object_id: n.zone, actor_subject: 'limburg-collega', acting_organisation_id: d.orgs.zone,
    })]);
    const refused = await markRead(collega, n.caw);
    expect(await h.auditOf(d.tenant, refused.response)).toEqual([expect.objectContaining({ action: 'notification.read', result: 'not-found', object_id: n.caw })]);
  });

  it('announces each notification with an outbox event carrying ids only', async () => {
    const events = await inTenant<{ aggregate_type: string; payload: Record<string, unknown> }>(
      `SELECT aggregate_type, payload FROM outbox_events WHERE type = 'core.notification-created' AND aggregate_id = $1`, [n.caw]);
    expect(events).toEqual([{ aggregate_type: 'notification', payload: { kind: 'referral-received', organisationId: d.orgs.caw } }]);
  });
});
