import { ManualClock, expectProblem } from '@ketenhuis/testing';
import type { TenantScope } from '@ketenhuis/sdk';
import { sweepWebhookDeliveries, verifyWebhookSignature, webhookFanOut } from '../../index';
import { startTestPlatform, caseChains, caseDistrict, identityHelpers, ok, type ApiSchema, type TestPlatform, type CaseDistrict } from '../../testing';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support';

type AuditRow = { action: string; result: string; object_id: string | null; changed_fields: string[] | null; acting_organisation_id: string | null };

// Pausing, changing and re-keying a webhook. The worker is not started: the test hands each
// event to the fan-out and runs the sender's sweep itself, so "nothing was sent" is a fact
// about a sweep that ran, not about a wait.
describe('managing webhooks: pause, resume, change, rotate the secret', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let h: ReturnType<typeof identityHelpers>;
  let admin: string;
  const receivers: WebhookReceiver[] = [];
  // Near the real time: the receiver refuses timestamps far from its own clock.
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains, clock, config: { webhookBackoffMs: 1_000 } });
    h = identityHelpers(t);
    d = await caseDistrict(t, 'limburg');
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' },
      [[d.orgs.zone, 'tenant-beheerder'], [d.orgs.caw, 'tenant-beheerder']]);
    admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
  });
  // Every test's webhooks go with it: a sweep counts the district's deliveries, not one webhook's.
  afterEach(async () => {
    const { items } = ok(await as(d.orgs.zone).GET('/api/v1/webhooks', { params: { query: { limit: 100 } } }));
    for (const w of items) ok(await as(d.orgs.zone).DELETE('/api/v1/webhooks/{id}', { params: { path: { id: w.id } } }), 204);
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const inTenant = <T>(work: (s: TenantScope) => Promise<T>) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, work);
  /** The webhook manager's typed client, acting for `org` (a header these routes do not declare: the client sends it on every call). */
  const as = (org: string) => t.client(admin, { 'x-acting-organisation': org });
  // Refusals checked with expectProblem stay on t.request: it reads the problem from the body,
  // which the typed client has already read by the time it answers (and some of these bodies, or
  // an Idempotency-Key the route does not declare, would not compile).
  const raw = (method: string, path: string, org: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.request(method, `/api/v1${path}`, { token: admin, headers: { 'x-acting-organisation': org, ...headers }, body });
  const rawPatch = (id: string, body: unknown, org = d.orgs.zone) => raw('PATCH', `/webhooks/${id}`, org, body);
  const receiver = async () => {
    const r = await startWebhookReceiver(() => 204);
    receivers.push(r);
    return r;
  };
  const subscribe = async (r: WebhookReceiver, eventTypes = ['core.case-registered']) => {
    const created = ok(await as(d.orgs.zone).POST('/api/v1/webhooks', { body: { url: r.url, eventTypes } }), 201);
    r.secret = created.secret;
    return created;
  };
  const patch = (id: string, body: ApiSchema<'WebhookSubscriptionUpdate'>, org = d.orgs.zone) =>
    as(org).PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body });
  const read = async (id: string) => ok(await as(d.orgs.zone).GET('/api/v1/webhooks/{id}', { params: { path: { id } } }));
  const deliveries = async (id: string) => ok(await as(d.orgs.zone).GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } } })).items;
  /** A police case is registered and the dispatcher hands its event to the fan-out; returns the event id. */
  const caseRegistered = async () => {
    const c = ok(await t.client(d.inspecteur).POST('/api/v1/cases', { body: { chain: 'snel', caseType: 'snel-dossier' } }), 201);
    return inTenant(async (s) => {
      const [e] = await s.query<{ id: string; type: string; aggregate_type: string; aggregate_id: string }>(
        `SELECT id, type, aggregate_type, aggregate_id FROM outbox_events WHERE aggregate_id = $1 AND type = 'core.case-registered'`, [c.id]);
      await webhookFanOut.handle({ id: e.id, type: e.type, aggregateType: e.aggregate_type, aggregateId: e.aggregate_id, payload: {} }, s);
      return e.id;
    });
  };
  const sweep = () => inTenant(sweepWebhookDeliveries);
  const sentEvents = (r: WebhookReceiver) => [...r.processed.values()].map((p) => p.eventId);
  const auditOf = (id: string) => inTenant((s) => s.query<AuditRow>(
    `SELECT action, result, object_id, changed_fields, acting_organisation_id FROM audit_records
     WHERE object_type = 'webhook' AND object_id = $1 ORDER BY occurred_at, id`, [id]));
  const secretColumn = async (id: string) => (await inTenant((s) =>
    s.query<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM webhook_subscriptions WHERE id = $1', [id])))[0].secret_ciphertext;

  it('pauses: events handled meanwhile become no delivery, ever; pending ones wait and go out on resuming', async () => {
    const r = await receiver();
    const hook = await subscribe(r);
    const before = await caseRegistered();

    const paused = ok(await patch(hook.id, { active: false }));
    expect(paused).toEqual({ ...hook, secret: undefined, active: false });
    expect((await read(hook.id)).active).toBe(false);

    // The delivery made before the pause is due, but a sweep leaves it alone.
    expect(await sweep()).toBe(0);
    const during = await caseRegistered();
    expect(await sweep()).toBe(0);
    expect(r.requests).toEqual([]);
    expect((await deliveries(hook.id)).map((x) => [x.eventId, x.state, x.attempts])).toEqual([[before, 'pending', 0]]);

    ok(await patch(hook.id, { active: true }));
    expect(await sweep()).toBe(1);
    expect(sentEvents(r)).toEqual([before]);
    // What happened while paused is not caught up with; what happens next is sent.
    const after = await caseRegistered();
    expect(await sweep()).toBe(1);
    expect(sentEvents(r)).toEqual([before, after]);
    expect(sentEvents(r)).not.toContain(during);
    expect(r.requests.every((x) => x.signatureValid)).toBe(true);
    expect((await deliveries(hook.id)).map((x) => x.state)).toEqual(['delivered', 'delivered']);

    expect((await auditOf(hook.id)).filter((a) => a.action === 'webhook.update')).toEqual([
      { action: 'webhook.update', result: 'allowed', object_id: hook.id, changed_fields: ['active'], acting_organisation_id: d.orgs.zone },
      { action: 'webhook.update', result: 'allowed', object_id: hook.id, changed_fields: ['active'], acting_organisation_id: d.orgs.zone },
    ]);
  });

  it('changes the URL and event types with the checks of subscribing, all or nothing, naming the field', async () => {
    const first = await receiver();
    const hook = await subscribe(first);
    const unchanged = { ...hook, secret: undefined };

    const plainHttp = await rawPatch(hook.id, { url: 'http://partner.example/hooks' });
    expect((await expectProblem(plainHttp, 400, 'validation')).field).toBe('body.url');
    const unknownType = await rawPatch(hook.id, { url: 'https://partner.example/hooks', eventTypes: ['core.case-registered', 'snel.case-opened'] });
    expect((await expectProblem(unknownType, 400, 'validation')).field).toBe('body.eventTypes[1]');
    expect((await expectProblem(await rawPatch(hook.id, { active: 'no' }), 400, 'validation')).field).toMatch(/^body\.active/);
    expect((await expectProblem(await rawPatch(hook.id, { eventTypes: [] }), 400, 'validation')).field).toMatch(/^body\.eventTypes/);
    // The secret is not something one sets, and an empty change is no change.
    await expectProblem(await rawPatch(hook.id, { secret: 'whsec_mine' }), 400, 'validation');
    await expectProblem(await rawPatch(hook.id, {}), 400, 'validation');
    // Nothing of a refused change was kept.
    expect(await read(hook.id)).toEqual(unchanged);

    const second = await receiver();
    second.secret = first.secret;
    const changed = ok(await patch(hook.id, { url: second.url, eventTypes: ['core.case-registered', 'core.case-transitioned', 'core.case-registered'] }));
    expect(changed).toEqual({ ...unchanged, url: second.url, eventTypes: ['core.case-registered', 'core.case-transitioned'] });
    const event = await caseRegistered();
    expect(await sweep()).toBe(1);
    expect(sentEvents(second)).toEqual([event]);
    expect(first.requests).toEqual([]);

    // Sending what it already is changes nothing, and the record says so.
    expect(ok(await patch(hook.id, { active: true, url: second.url }))).toEqual(changed);
    // The two refusals of the platform's own checks are recorded (the schema's refusals come
    // before the route, as for every route), then the change, then the change of nothing.
    const updates = (await auditOf(hook.id)).filter((a) => a.action === 'webhook.update');
    expect(updates.map((a) => [a.result, a.changed_fields])).toEqual([
      ['invalid', []], ['invalid', []], ['allowed', ['url', 'eventTypes']], ['allowed', []],
    ]);
  });

  it("answers another organisation's webhook as one that does not exist, and refuses those without the permission", async () => {
    const hook = await subscribe(await receiver());
    await expectProblem(await rawPatch(hook.id, { active: false }, d.orgs.caw), 404, 'not-found');
    await expectProblem(await raw('POST', `/webhooks/${hook.id}/secret`, d.orgs.caw), 404, 'not-found');
    await expectProblem(await t.request('PATCH', `/api/v1/webhooks/${hook.id}`, { token: d.inspecteur, body: { active: false } }), 403, 'forbidden');
    await expectProblem(await t.request('POST', `/api/v1/webhooks/${hook.id}/secret`, { token: d.inspecteur }), 403, 'forbidden');
    const secretBefore = await secretColumn(hook.id);
    expect((await read(hook.id)).active).toBe(true);
    expect(await secretColumn(hook.id)).toBe(secretBefore);
  });

  it('rotates the secret: from then on every attempt is signed with the new one only, kept encrypted, shown once', async () => {
    const r = await receiver();
    const hook = await subscribe(r);
    const oldSecret = hook.secret;
    const oldColumn = await secretColumn(hook.id);
    // A delivery made before the rotation, not yet sent.
    const pendingBefore = await caseRegistered();

    // A replay would need a stored copy of the secret: refused, and nothing rotated.
    const replayable = await raw('POST', `/webhooks/${hook.id}/secret`, d.orgs.zone, undefined, { 'idempotency-key': 'rotate-1' });
    expect((await expectProblem(replayable, 400, 'validation')).field).toBe('header.idempotency-key');
    expect(await secretColumn(hook.id)).toBe(oldColumn);

    const rotated = ok(await as(d.orgs.zone).POST('/api/v1/webhooks/{id}/secret', { params: { path: { id: hook.id } } }));
    expect(rotated).toEqual({ ...hook, secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
    const newSecret = rotated.secret;
    expect(newSecret).not.toBe(oldSecret);
    const column = await secretColumn(hook.id);
    expect(column).toMatch(/^v1\./);
    expect(column).not.toBe(oldColumn);
    expect(column).not.toContain(newSecret.slice(6));
    // The contract's read has no secret; this checks what is on the wire.
    const shown: Record<string, unknown> = await read(hook.id);
    expect(shown.secret).toBeUndefined();

    // The receiver still checks the old secret: it refuses, and the attempt is kept for a retry.
    const pendingAfter = await caseRegistered();
    expect(await sweep()).toBe(2);
    expect(r.requests.map((x) => x.status)).toEqual([401, 401]);
    for (const req of r.requests) {
      const [timestamp, signature] = [String(req.headers['ketenhuis-timestamp']), String(req.headers['ketenhuis-signature'])];
      expect(verifyWebhookSignature(newSecret, timestamp, req.body, signature)).toBe(true);
      expect(verifyWebhookSignature(oldSecret, timestamp, req.body, signature)).toBe(false);
    }
    expect((await deliveries(hook.id)).map((x) => [x.state, x.lastStatus])).toEqual([['pending', 401], ['pending', 401]]);

    // Given the new secret, the receiver takes both on the next attempt.
    r.secret = newSecret;
    clock.advance(2_000);
    expect(await sweep()).toBe(2);
    expect(sentEvents(r).sort()).toEqual([pendingBefore, pendingAfter].sort());
    expect((await deliveries(hook.id)).map((x) => x.state)).toEqual(['delivered', 'delivered']);

    const rotations = (await auditOf(hook.id)).filter((a) => a.action === 'webhook.secret.rotate');
    expect(rotations.map((a) => [a.result, a.changed_fields, a.acting_organisation_id])).toEqual([
      ['invalid', [], d.orgs.zone], ['allowed', ['secret'], d.orgs.zone],
    ]);
    // The audit trail names the change, never the secret.
    const trail = JSON.stringify(await inTenant((s) => s.query('SELECT * FROM audit_records WHERE object_id = $1', [hook.id])));
    expect(trail).not.toContain(newSecret.slice(6));
  });
});
