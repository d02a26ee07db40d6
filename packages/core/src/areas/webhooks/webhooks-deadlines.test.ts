import { ManualClock, eventually } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, identityHelpers, type TestPlatform, type CaseBody } from '../../testing';
import { deadlineTestChain } from '../deadlines/deadline-chain.test-support';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support';

const HOUR = 3_600_000;

type Delivery = { id: string; eventType: string; state: string };

// A deadline's warning, end to end: the worker's deadline sweep applies it, the dispatcher hands
// its event to the fan-out, and the sender posts it to the organisations that see the case.
describe('webhooks of deadline events', () => {
  // 37 hours before the real time: once the clock is moved past the warning point (36 hours),
  // deliveries carry a timestamp near the receiver's own clock, which it checks.
  const clock = new ManualClock(new Date(Date.now() - 37 * HOUR));
  let t: TestPlatform;
  let tenant: Tenant;
  let h: ReturnType<typeof identityHelpers>;
  let orgs: { zone: string; caw: string };
  let admin: string;
  let inspecteur: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [deadlineTestChain], clock, config: { deadlineSweepMs: 200, webhookSweepMs: 100 } });
    h = identityHelpers(t);
    tenant = await t.createTenant('genk', ['termijn']);
    const beheerder = await t.token(tenant, { subject: 'genk-beheerder', roles: ['tenant-beheerder'] });
    orgs = {
      zone: await h.organisation(beheerder, 'Politiezone Genk', 'politiezone', { policeZoneCode: '9907' }),
      caw: await h.organisation(beheerder, 'CAW Genk', 'caw'),
    };
    await h.user(beheerder, { name: 'inspecteur', email: 'inspecteur@genk.example', subject: 'genk-inspecteur' }, [[orgs.zone, 'politie-inspecteur']]);
    await h.user(beheerder, { name: 'webbeheerder', email: 'webbeheerder@genk.example', subject: 'genk-webbeheerder' },
      [[orgs.zone, 'tenant-beheerder'], [orgs.caw, 'tenant-beheerder']]);
    inspecteur = await t.token(tenant, { subject: 'genk-inspecteur' });
    admin = await t.token(tenant, { subject: 'genk-webbeheerder' });
    // Started after the district exists, so its sweep schedules are there from the start.
    await t.platform.startWorker();
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const api = (method: string, path: string, org: string, body?: unknown) =>
    t.request(method, `/api/v1${path}`, { token: admin, headers: { 'x-acting-organisation': org }, body });
  const subscribe = async (org: string) => {
    const r = await startWebhookReceiver(() => 204);
    receivers.push(r);
    const created = await h.ok<{ id: string; secret: string }>(await api('POST', '/webhooks', org, { url: r.url, eventTypes: ['core.deadline-warning'] }), 201);
    r.secret = created.secret;
    return { receiver: r, id: created.id };
  };
  const deliveries = async (org: string, id: string) => (await h.ok<{ items: Delivery[] }>(await api('GET', `/webhooks/${id}/deliveries`, org))).items;

  it('tells a deadline warning, as an event about the case, to the organisations that see the case only', async () => {
    const zone = await subscribe(orgs.zone);
    const caw = await subscribe(orgs.caw);
    const c = await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: inspecteur, body: { chain: 'termijn', caseType: 'termijn-dossier' } }), 201);

    clock.advance({ hours: 37 });
    const [body] = await eventually(async () => {
      const processed = [...zone.receiver.processed.values()];
      expect(processed).toHaveLength(1);
      return processed;
    });
    expect(body).toEqual({
      id: expect.any(String), eventId: expect.any(String), type: 'core.deadline-warning', occurredAt: expect.any(String),
      tenant: 'genk', aggregate: { type: 'case', id: c.id },
    });
    expect(zone.receiver.requests.every((r) => r.signatureValid)).toBe(true);
    await eventually(async () => expect(await deliveries(orgs.zone, zone.id)).toEqual([expect.objectContaining({ eventType: 'core.deadline-warning', state: 'delivered' })]));

    // The zone's delivery exists, so the fan-out decided on the CAW's subscription too: it does
    // not see the case, and hears nothing of its deadline.
    expect(await deliveries(orgs.caw, caw.id)).toEqual([]);
    expect(caw.receiver.requests).toEqual([]);
  });
});
