import { createServer, type AddressInfo, type Server } from 'node:net';
import { ManualClock, expectProblem } from '@ketenhuis/testing';
import { TOKENS, type TenantScope } from '@ketenhuis/sdk';
import { claimDueDeliveries, postDelivery, recordOutcome, webhookFanOut, type ClaimedDelivery, type Egress, type FieldCipher } from '../../index';
import { startTestPlatform, caseChains, caseDistrict, identityHelpers, type TestPlatform, type CaseBody, type CaseDistrict } from '../../testing';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-support';

type Delivery = { id: string; state: string; attempts: number; lastStatus: number | null; lastError: string | null };

/** A TCP port on this machine that counts who connects, and answers what no TLS client accepts. */
async function startListener(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    // Reading what comes lets the socket see the client's end, and close.
    socket.resume();
    socket.end('this is not TLS\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

/** A port nothing listens on: one just given up. */
async function closedPort(): Promise<number> {
  const { server, port } = await startListener();
  await new Promise((r) => server.close(r));
  return port;
}

// In production (KETENHUIS_WEBHOOK_ALLOW_LOCAL off) a webhook may not reach the platform's own
// machine or network, and what a failed attempt shows its subscriber tells nothing about that
// network. The worker is not started: the test plays the sender, with a resolver of its own, so
// no name is ever looked up in real DNS.
describe('webhooks and the platform network', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let h: ReturnType<typeof identityHelpers>;
  let admin: string;
  let listener: Awaited<ReturnType<typeof startListener>>;
  let receiver: WebhookReceiver;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains, clock, config: { webhookAllowLocal: false } });
    h = identityHelpers(t);
    d = await caseDistrict(t, 'limburg');
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' }, [[d.orgs.zone, 'tenant-beheerder']]);
    admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
    listener = await startListener();
    receiver = await startWebhookReceiver(() => 204);
  });
  // Every test's webhooks go with it: a claim takes the district's due deliveries, not one webhook's.
  afterEach(async () => {
    const { items } = await h.ok<{ items: { id: string }[] }>(await api('GET', '/webhooks?limit=100'));
    for (const w of items) await h.ok(await api('DELETE', `/webhooks/${w.id}`), 204);
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    if (listener) await new Promise((r) => listener.server.close(r));
  });

  const api = (method: string, path: string, body?: unknown) =>
    t.request(method, `/api/v1${path}`, { token: admin, headers: { 'x-acting-organisation': d.orgs.zone }, body });
  const inTenant = <T>(work: (s: TenantScope) => Promise<T>) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, work);
  const tenant = () => ({ id: d.tenant.id, slug: d.tenant.slug });
  const cipher = () => t.platform.container.resolve<FieldCipher>(TOKENS.FieldCipher);

  /** A webhook of the zone to `url`, and the claimed delivery of a case registered just now. */
  async function claimedDeliveryTo(url: string): Promise<{ webhook: string; claimed: ClaimedDelivery }> {
    const webhook = await h.ok<{ id: string }>(await api('POST', '/webhooks', { url, eventTypes: ['core.case-registered'] }), 201);
    const c = await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: d.inspecteur, body: { chain: 'snel', caseType: 'snel-dossier' } }), 201);
    await inTenant(async (s) => {
      const [e] = await s.query<{ id: string }>(`SELECT id FROM outbox_events WHERE aggregate_id = $1 AND type = 'core.case-registered'`, [c.id]);
      await webhookFanOut.handle({ id: e.id, type: 'core.case-registered', aggregateType: 'case', aggregateId: c.id, payload: {} }, s);
    });
    const claimed = await inTenant((s) => claimDueDeliveries(s.manager, clock.now(), 10));
    expect(claimed).toHaveLength(1);
    return { webhook: webhook.id, claimed: claimed[0] };
  }
  const attempt = (claimed: ClaimedDelivery, egress: Egress) => postDelivery(claimed, cipher(), tenant(), clock.now(), egress);

  it('refuses, on subscribing and on changing, a URL to localhost or a loopback, private or link-local address, naming body.url', async () => {
    for (const url of [
      'https://127.0.0.1/hooks', 'http://127.0.0.1:8080/hooks', 'https://localhost/hooks', 'http://localhost/hooks', 'https://[::1]/hooks',
      'https://10.1.2.3/hooks', 'https://172.16.5.4/hooks', 'https://192.168.1.1/hooks', 'https://169.254.169.254/latest/meta-data',
      'https://[fd00::1]/hooks', 'https://[fe80::1]/hooks', 'https://[::ffff:10.0.0.1]/hooks', 'https://2130706433/hooks',
    ]) {
      const res = await api('POST', '/webhooks', { url, eventTypes: ['core.case-registered'] });
      expect([url, (await expectProblem(res, 400, 'validation')).field]).toEqual([url, 'body.url']);
    }
    const hook = await h.ok<{ id: string; url: string }>(await api('POST', '/webhooks', { url: 'https://hooks.partner.test/ketenhuis', eventTypes: ['core.case-registered'] }), 201);
    expect((await expectProblem(await api('PATCH', `/webhooks/${hook.id}`, { url: 'https://10.0.0.7/hooks' }), 400, 'validation')).field).toBe('body.url');
    expect((await h.ok<{ url: string }>(await api('GET', `/webhooks/${hook.id}`))).url).toBe('https://hooks.partner.test/ketenhuis');
  });

  it('sends nothing to a name that resolves inside: the attempt fails as "address not allowed", and no connection is made', async () => {
    const asked: string[] = [];
    const resolve: Egress['resolve'] = async (hostname) => {
      asked.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const { webhook, claimed } = await claimedDeliveryTo(`https://hooks.partner.test:${listener.port}/ketenhuis`);
    const outcome = await attempt(claimed, { allowLocal: false, resolve });
    expect(outcome).toEqual({ delivery: claimed, error: 'address not allowed' });
    expect(asked).toEqual(['hooks.partner.test']);
    expect(listener.connections()).toBe(0);

    // What the subscriber reads of it.
    await inTenant((s) => recordOutcome(s.manager, outcome, clock.now(), t.platform.config));
    const { items } = await h.ok<{ items: Delivery[] }>(await api('GET', `/webhooks/${webhook}/deliveries`));
    expect(items).toEqual([expect.objectContaining({ id: claimed.id, state: 'pending', attempts: 1, lastStatus: null, lastError: 'address not allowed' })]);
  });

  it('sends nothing to a local address a webhook made while local receivers were allowed still names', async () => {
    const { claimed } = await claimedDeliveryTo('https://hooks.partner.test/ketenhuis');
    // As the row would read had the webhook been made before the setting was turned off.
    const local = { ...claimed, url: receiver.url };
    expect(await attempt(local, { allowLocal: false })).toEqual({ delivery: local, error: 'address not allowed' });
    expect(receiver.requests).toEqual([]);
  });

  it("shows a failed attempt in a few words, never the system's error code", async () => {
    const { claimed } = await claimedDeliveryTo('https://hooks.partner.test/ketenhuis');
    // Allowed here, to reach what fails on this machine: a refused connection and a failed TLS handshake.
    const refused = { ...claimed, url: `http://127.0.0.1:${await closedPort()}/hooks` };
    expect(await attempt(refused, { allowLocal: true })).toEqual({ delivery: refused, error: 'connection failed' });
    const before = listener.connections();
    const notTls = { ...claimed, url: `https://127.0.0.1:${listener.port}/hooks` };
    expect(await attempt(notTls, { allowLocal: true })).toEqual({ delivery: notTls, error: 'connection failed' });
    expect(listener.connections()).toBe(before + 1);
  });
});
