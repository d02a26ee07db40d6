import { defineChainModule } from '@ketenhuis/sdk';
import { eventually, expectProblem } from '@ketenhuis/testing';
import { startTestPlatform, testRedisUrl, caseDistrict, gezinChain, identityHelpers, type TestPlatform, type CaseBody, type CaseDistrict } from '../../testing';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support';

const label = (nl: string, fr: string, en: string) => ({ nl, fr, en });

/** A chain whose closing transition the police may take and which emits an event of its own. */
const hookChain = defineChainModule({
  id: 'snel', title: label('Testketen snelrecht', 'Chaîne de test', 'Test chain'), version: '1.0.0',
  permissions: ['snel.case.close'],
  grants: { 'politie-inspecteur': ['snel.case.close'] },
  caseTypes: [{
    id: 'snel-dossier', title: label('Snelrechtdossier', 'Dossier', 'Case'),
    workflow: {
      initial: 'intake',
      states: [
        { id: 'intake', title: label('Intake', 'Accueil', 'Intake') },
        { id: 'afgesloten', title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
      ],
      transitions: [{ action: 'sluit-af', from: 'intake', to: 'afgesloten', permission: 'snel.case.close', emits: ['snel.case-closed'] }],
    },
  }],
});

type Webhook = { id: string; url: string; eventTypes: string[]; active: boolean; createdAt: string; secret?: string };
type Delivery = { id: string; eventId: string; eventType: string; state: string; attempts: number; lastStatus: number | null; lastError: string | null; deliveredAt: string | null; deadAt: string | null };
type Page<T> = { items: T[]; nextCursor?: string };

const PAYLOAD_KEYS = ['aggregate', 'eventId', 'id', 'occurredAt', 'tenant', 'type'];

// Webhooks end to end: events from the API, fanned out to the organisations that may know of
// them, sent signed by the worker to real HTTP receivers that fail, recover or never answer well.
describe('webhooks', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let h: ReturnType<typeof identityHelpers>;
  let admin: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [hookChain, gezinChain], redisUrl: testRedisUrl(), config: { webhookSweepMs: 100, webhookBackoffMs: 10, webhookMaxAttempts: 3 } });
    h = identityHelpers(t);
    d = await caseDistrict(t, 'limburg');
    // The district's administrator, a member of three organisations, manages each one's webhooks.
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' },
      [[d.orgs.zone, 'tenant-beheerder'], [d.orgs.parket, 'tenant-beheerder'], [d.orgs.caw, 'tenant-beheerder']]);
    admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
    // Started after the district exists, so its sweep schedule is there from the first moment.
    await t.platform.startWorker();
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const as = (org: string) => ({ 'x-acting-organisation': org });
  const api = (method: string, path: string, org: string, body?: unknown) => t.request(method, `/api/v1${path}`, { token: admin, headers: as(org), body });
  const receiver = async (behaviour: (attempt: number) => number) => {
    const r = await startWebhookReceiver(behaviour);
    receivers.push(r);
    return r;
  };
  const subscribe = async (org: string, r: WebhookReceiver, eventTypes: string[]) => {
    const created = await h.ok<Webhook>(await api('POST', '/webhooks', org, { url: r.url, eventTypes }), 201);
    r.secret = created.secret!;
    return created;
  };
  const deliveries = async (org: string, webhook: string, query = '') => (await h.ok<Page<Delivery>>(await api('GET', `/webhooks/${webhook}/deliveries${query}`, org))).items;
  const register = async () => h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: d.inspecteur, body: { chain: 'snel', caseType: 'snel-dossier' } }), 201);
  const close = async (id: string) => h.ok(await t.request('POST', `/api/v1/cases/${id}/transitions`, { token: d.inspecteur, body: { action: 'sluit-af' } }));
  const eventsOf = (caseIds: string[], types: string[]) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug },
    (s) => s.query<{ id: string; type: string; aggregate_id: string }>(
      'SELECT id, type, aggregate_id FROM outbox_events WHERE aggregate_id = ANY ($1) AND type = ANY ($2)', [caseIds, types]));

  it('refuses unknown event types and urls that are neither https nor loopback, naming the field', async () => {
    const unknownType = await api('POST', '/webhooks', d.orgs.zone, { url: 'https://partner.example/hooks', eventTypes: ['core.case-registered', 'snel.case-opened'] });
    expect((await expectProblem(unknownType, 400, 'validation')).field).toBe('body.eventTypes[1]');
    const plainHttp = await api('POST', '/webhooks', d.orgs.zone, { url: 'http://partner.example/hooks', eventTypes: ['core.case-registered'] });
    expect((await expectProblem(plainHttp, 400, 'validation')).field).toBe('body.url');
    const withPassword = await api('POST', '/webhooks', d.orgs.zone, { url: 'https://user:pw@partner.example/hooks', eventTypes: ['core.case-registered'] });
    expect((await expectProblem(withPassword, 400, 'validation')).field).toBe('body.url');
    // https anywhere, plain http to the machine itself, and a chain's own event are fine.
    for (const url of ['https://partner.example/hooks', 'http://localhost:8080/hooks', 'http://[::1]/hooks']) {
      const ok = await h.ok<Webhook>(await api('POST', '/webhooks', d.orgs.zone, { url, eventTypes: ['snel.case-closed', 'core.referral-accepted'] }), 201);
      expect(ok.secret).toMatch(/^whsec_/);
      await h.ok(await api('DELETE', `/webhooks/${ok.id}`, d.orgs.zone), 204);
    }
    // Not the police's permission, and an operator acting for no organisation owns no webhooks.
    await expectProblem(await t.request('GET', '/api/v1/webhooks', { token: d.inspecteur }), 403, 'forbidden');
    await expectProblem(await t.request('GET', '/api/v1/webhooks', { token: d.beheerder }), 403, 'forbidden');
  });

  it('keeps the secret encrypted and shows it only once', async () => {
    const r = await receiver(() => 204);
    const created = await subscribe(d.orgs.zone, r, ['core.notification-created']);
    const [row] = await t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug },
      (s) => s.query<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = $1', [created.id]));
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    expect(row.secret_ciphertext).not.toContain(created.secret!.slice(6));
    const read = await h.ok<Webhook>(await api('GET', `/webhooks/${created.id}`, d.orgs.zone));
    expect(read).toEqual({ id: created.id, url: r.url, eventTypes: ['core.notification-created'], active: true, createdAt: created.createdAt });
    const listed = await h.ok<Page<Webhook>>(await api('GET', '/webhooks', d.orgs.zone));
    expect(listed.items.find((w) => w.id === created.id)).toEqual(read);
    expect(JSON.stringify(listed)).not.toContain(created.secret!);
    // A replayable answer would need a stored copy of the secret.
    const replayable = await t.request('POST', '/api/v1/webhooks', { token: admin, headers: { ...as(d.orgs.zone), 'idempotency-key': 'k-1' }, body: { url: r.url, eventTypes: ['core.case-registered'] } });
    expect((await expectProblem(replayable, 400, 'validation')).field).toBe('header.idempotency-key');
    await h.ok(await api('DELETE', `/webhooks/${created.id}`, d.orgs.zone), 204);
  });

  it('delivers each event once, signed, to a receiver that fails every first attempt; only to organisations that see the case', async () => {
    const flaky = await receiver((attempt) => (attempt === 1 ? 500 : 204));
    const cawReceiver = await receiver(() => 204);
    const zoneHook = await subscribe(d.orgs.zone, flaky, ['core.case-registered', 'core.case-transitioned', 'snel.case-closed']);
    const cawHook = await subscribe(d.orgs.caw, cawReceiver, ['core.case-transitioned']);

    const [c1, c2] = [await register(), await register()];
    // The CAW takes part in the second case only, so it may know of that case's transition alone.
    await h.ok(await t.request('POST', `/api/v1/cases/${c2.id}/participants`, { token: d.inspecteur, body: { organisationId: d.orgs.caw, function: 'hulpverlener', role: 'doorverwezen-partner' } }), 201);
    await close(c1.id);
    await close(c2.id);
    const events = await eventsOf([c1.id, c2.id], zoneHook.eventTypes);
    expect(events).toHaveLength(6);

    const delivered = await eventually(async () => {
      const items = await deliveries(d.orgs.zone, zoneHook.id);
      expect(items.map((i) => i.state)).toEqual(Array(6).fill('delivered'));
      return items;
    });
    // Exactly once as the idempotent receiver sees it: one delivery id per event, each processed once.
    expect(flaky.processed.size).toBe(6);
    expect(flaky.duplicates).toEqual([]);
    expect([...flaky.processed.values()].map((p) => p.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    expect(new Set(delivered.map((x) => x.id))).toEqual(new Set(flaky.processed.keys()));
    // Each failed once and then succeeded, and every request was correctly signed.
    expect(flaky.requests.every((r) => r.signatureValid)).toBe(true);
    for (const x of delivered) {
      expect(flaky.attemptsOf(x.id)).toBe(2);
      expect(x).toMatchObject({ attempts: 2, lastStatus: 204, lastError: null, deliveredAt: expect.any(String), deadAt: null });
    }

    // Ids and the event type, never case content: exactly these keys.
    for (const req of flaky.requests) {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(PAYLOAD_KEYS);
      expect(Object.keys(body.aggregate as object).sort()).toEqual(['id', 'type']);
      expect(req.headers['ketenhuis-delivery']).toBe(body.id);
      expect(req.headers['ketenhuis-event']).toBe(body.type);
      expect(req.headers['content-type']).toBe('application/json');
    }
    const closedEvent = events.find((e) => e.type === 'snel.case-closed' && e.aggregate_id === c1.id)!;
    const closedBody = [...flaky.processed.values()].find((p) => p.eventId === closedEvent.id);
    expect(closedBody).toEqual({
      id: expect.any(String), eventId: closedEvent.id, type: 'snel.case-closed', occurredAt: expect.any(String),
      tenant: 'limburg', aggregate: { type: 'case', id: c1.id },
    });
    expect(JSON.stringify([...flaky.processed.values()])).not.toMatch(new RegExp(`${c1.reference}|${c2.reference}|intake|afgesloten`));

    // The zone's deliveries exist, so the CAW's share of the same events was decided too.
    const transitioned = events.filter((e) => e.type === 'core.case-transitioned');
    const forCaw = await eventually(async () => {
      const items = await deliveries(d.orgs.caw, cawHook.id);
      expect(items.map((i) => i.state)).toEqual(['delivered']);
      return items;
    });
    expect(forCaw[0].eventId).toBe(transitioned.find((e) => e.aggregate_id === c2.id)!.id);
    expect([...cawReceiver.processed.values()].map((p) => (p.aggregate as { id: string }).id)).toEqual([c2.id]);
  });

  it('puts a delivery a receiver always refuses in the dead letter list after exactly the maximum of attempts; retry puts it back', async () => {
    const failing = await receiver(() => 500);
    const parketHook = await subscribe(d.orgs.parket, failing, ['core.case-registered']);
    const c = await register();
    const [event] = await eventsOf([c.id], ['core.case-registered']);

    const [dead] = await eventually(async () => {
      const items = await deliveries(d.orgs.parket, parketHook.id, '?state=dead');
      expect(items.map((i) => i.eventId)).toEqual([event.id]);
      return items;
    });
    expect(dead).toMatchObject({ eventType: 'core.case-registered', state: 'dead', attempts: 3, lastStatus: 500, lastError: 'HTTP 500', deadAt: expect.any(String) });
    expect(failing.attemptsOf(dead.id)).toBe(3);
    expect(await deliveries(d.orgs.parket, parketHook.id, '?state=pending')).toEqual([]);
    // Only a dead delivery can be retried, and only by its own organisation.
    await expectProblem(await api('POST', `/webhooks/${parketHook.id}/deliveries/${dead.id}/retry`, d.orgs.zone), 404, 'not-found');

    failing.behaviour = () => 204;
    const retried = await h.ok<Delivery>(await api('POST', `/webhooks/${parketHook.id}/deliveries/${dead.id}/retry`, d.orgs.parket));
    expect(retried).toMatchObject({ id: dead.id, state: 'pending', attempts: 0, deadAt: null });
    await eventually(async () => {
      expect((await deliveries(d.orgs.parket, parketHook.id)).find((x) => x.id === dead.id)).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 204 });
    });
    expect(failing.attemptsOf(dead.id)).toBe(4);
    expect([...failing.processed.keys()]).toEqual([dead.id]);
    const again = await api('POST', `/webhooks/${parketHook.id}/deliveries/${dead.id}/retry`, d.orgs.parket);
    expect((await expectProblem(again, 409, 'conflict')).detail).toMatch(/delivered/);
  });

  it("answers another organisation's webhook as one that does not exist", async () => {
    const r = await receiver(() => 204);
    const zoneHook = await subscribe(d.orgs.zone, r, ['core.case-registered']);
    for (const [method, path] of [['GET', `/webhooks/${zoneHook.id}`], ['GET', `/webhooks/${zoneHook.id}/deliveries`], ['DELETE', `/webhooks/${zoneHook.id}`],
      ['POST', `/webhooks/${zoneHook.id}/deliveries/${zoneHook.id}/retry`]]) {
      await expectProblem(await api(method, path, d.orgs.caw), 404, 'not-found');
    }
    expect((await h.ok<Page<Webhook>>(await api('GET', '/webhooks', d.orgs.caw))).items.map((w) => w.id)).not.toContain(zoneHook.id);
    // Deleting ends the subscription and its deliveries with it.
    await h.ok(await api('DELETE', `/webhooks/${zoneHook.id}`, d.orgs.zone), 204);
    await expectProblem(await api('GET', `/webhooks/${zoneHook.id}`, d.orgs.zone), 404, 'not-found');
  });
});
