import { ManualClock } from '@ketenhuis/testing';
import { TOKENS, type TenantScope } from '@ketenhuis/sdk';
import { claimDueDeliveries, postDelivery, sweepWebhookDeliveries, webhookFanOut, WEBHOOK_CLAIM_MS, type ClaimedDelivery, type FieldCipher } from '../../index';
import { startTestPlatform, caseChains, caseDistrict, identityHelpers, type TestPlatform, type CaseBody, type CaseDistrict } from '../../testing';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support';

// A sender that dies after a receiver accepted a delivery but before recording it: the delivery
// is sent again once its claim runs out, under the same id, and the idempotent receiver
// processes it once. The worker is not started: the test plays the sender, step by step.
describe('webhook redelivery after a sender crash', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let receiver: WebhookReceiver;
  // Near the real time: the receiver refuses timestamps far from its own clock.
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains, clock });
    d = await caseDistrict(t, 'limburg');
    receiver = await startWebhookReceiver(() => 204);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const inTenant = <T>(work: (s: TenantScope) => Promise<T>) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, work);

  it('sends the same delivery id again after the claim window, and not before', async () => {
    const h = identityHelpers(t);
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' }, [[d.orgs.zone, 'tenant-beheerder']]);
    const admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
    const hook = await h.ok<{ id: string; secret: string }>(await t.request('POST', '/api/v1/webhooks', { token: admin, body: { url: receiver.url, eventTypes: ['core.case-registered'] } }), 201);
    receiver.secret = hook.secret;
    const c = await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: d.inspecteur, body: { chain: 'snel', caseType: 'snel-dossier' } }), 201);

    // The dispatcher's part: the event becomes a delivery row.
    await inTenant(async (s) => {
      const [e] = await s.query<{ id: string; type: string; aggregate_type: string; aggregate_id: string }>(
        `SELECT id, type, aggregate_type, aggregate_id FROM outbox_events WHERE aggregate_id = $1 AND type = 'core.case-registered'`, [c.id]);
      await webhookFanOut.handle({ id: e.id, type: e.type, aggregateType: e.aggregate_type, aggregateId: e.aggregate_id, payload: {} }, s);
    });

    // A sender claims it and the receiver accepts it; then the sender dies before recording that.
    const [claimed] = await inTenant((s) => claimDueDeliveries(s.manager, clock.now(), 10)) as ClaimedDelivery[];
    const cipher = t.platform.container.resolve<FieldCipher>(TOKENS.FieldCipher);
    expect(await postDelivery(claimed, cipher, { id: d.tenant.id, slug: d.tenant.slug }, clock.now(), { allowLocal: true })).toMatchObject({ status: 204 });
    expect([...receiver.processed.keys()]).toEqual([claimed.id]);

    // While the claim holds, other senders leave it alone.
    expect(await inTenant(sweepWebhookDeliveries)).toBe(0);
    expect(receiver.requests).toHaveLength(1);

    clock.advance(WEBHOOK_CLAIM_MS + 1);
    expect(await inTenant(sweepWebhookDeliveries)).toBe(1);
    expect(receiver.requests.map((r) => r.deliveryId)).toEqual([claimed.id, claimed.id]);
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    // At least once on the wire, once as the idempotent receiver sees it.
    expect(receiver.duplicates).toEqual([claimed.id]);
    expect(receiver.processed.size).toBe(1);
    const [row] = await inTenant((s) => s.query<{ state: string; attempts: number }>('SELECT state, attempts FROM webhook_deliveries WHERE id = $1', [claimed.id]));
    expect(row).toEqual({ state: 'delivered', attempts: 2 });
  });
});
