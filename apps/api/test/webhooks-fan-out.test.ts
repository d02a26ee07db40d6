import { notify, webhookFanOut } from '@ketenhuis/core';
import type { OutboxEventInput, TenantScope } from '@ketenhuis/sdk';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/testing';
import { caseChains, caseDistrict, type CaseBody, type CaseDistrict } from './support/case-district';
import { identityHelpers } from './support/identity';

type Org = 'zone' | 'caw' | 'justitiehuis';

// Which organisation's subscriptions an event becomes a delivery for, per kind of aggregate.
// The worker is not started: the test hands events to the fan-out itself.
describe('webhook fan-out', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  const hooks = {} as Record<Org, string>;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    d = await caseDistrict(t, 'limburg');
    const h = identityHelpers(t);
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' },
      [[d.orgs.zone, 'tenant-beheerder'], [d.orgs.caw, 'tenant-beheerder'], [d.orgs.justitiehuis, 'tenant-beheerder']]);
    const admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
    const eventTypes = ['core.referral-sent', 'core.notification-created', 'core.case-registered'];
    for (const org of ['zone', 'caw', 'justitiehuis'] as Org[]) {
      hooks[org] = (await h.ok<{ id: string }>(await t.request('POST', '/api/v1/webhooks', {
        token: admin, headers: { 'x-acting-organisation': d.orgs[org] }, body: { url: 'https://partner.example/hooks', eventTypes },
      }), 201)).id;
    }
    caseId = (await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: d.inspecteur, body: { chain: 'snel', caseType: 'snel-dossier' } }), 201)).id;
  });
  afterAll(() => t?.close());

  const inTenant = <T>(work: (s: TenantScope) => Promise<T>) => t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, work);

  /** Publishes the event (after `arrange`, in its transaction) and hands it to the fan-out; returns whose hooks got a delivery. */
  async function fanOut(event: (s: TenantScope) => Promise<OutboxEventInput>): Promise<Org[]> {
    const eventId = await inTenant(async (s) => {
      const e = await event(s);
      const id = await s.publish(e);
      await webhookFanOut.handle({ id, type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: {} }, s);
      return id;
    });
    const rows = await inTenant((s) => s.query<{ subscription_id: string }>('SELECT subscription_id FROM webhook_deliveries WHERE event_id = $1', [eventId]));
    return (Object.keys(hooks) as Org[]).filter((org) => rows.some((r) => r.subscription_id === hooks[org])).sort();
  }

  it('tells of a case only the organisations that see it', async () => {
    expect(await fanOut(async () => ({ type: 'core.case-registered', aggregateType: 'case', aggregateId: caseId }))).toEqual(['zone']);
  });

  it('tells of a referral its sending and its receiving organisation only', async () => {
    const referral = async (s: TenantScope) => {
      const [r] = await s.query<{ id: string }>(
        `INSERT INTO referrals (tenant_id, case_id, chain, type, sending_organisation_id, sending_subject, receiving_organisation_id, state, sent_at)
         VALUES ($1, $2, 'snel', 'werkstraf', $3, 'limburg-inspecteur', $4, 'sent', now()) RETURNING id`,
        [s.tenantId, caseId, d.orgs.zone, d.orgs.justitiehuis]);
      return { type: 'core.referral-sent', aggregateType: 'referral', aggregateId: r.id };
    };
    expect(await fanOut(referral)).toEqual(['justitiehuis', 'zone']);
  });

  it("tells of a notification its own organisation only", async () => {
    const ofCaw = async (s: TenantScope) => {
      const id = await notify(s, { kind: 'referral-received', organisationId: d.orgs.caw, title: { nl: 'Nieuw' } });
      return { type: 'core.notification-created', aggregateType: 'notification', aggregateId: id };
    };
    expect(await fanOut(ofCaw)).toEqual(['caw']);
  });

  it('tells nobody of anything else, or of what does not exist', async () => {
    expect(await fanOut(async () => ({ type: 'core.case-registered', aggregateType: 'person', aggregateId: caseId }))).toEqual([]);
    expect(await fanOut(async () => ({ type: 'core.referral-sent', aggregateType: 'referral', aggregateId: caseId }))).toEqual([]);
    expect(await fanOut(async () => ({ type: 'core.case-registered', aggregateType: 'case', aggregateId: 'niet-een-id' }))).toEqual([]);
  });

  it('makes one delivery per subscription and event, however often the event is handed over', async () => {
    const eventId = await inTenant((s) => s.publish({ type: 'core.case-registered', aggregateType: 'case', aggregateId: caseId }));
    for (let i = 0; i < 2; i++) {
      await inTenant((s) => webhookFanOut.handle({ id: eventId, type: 'core.case-registered', aggregateType: 'case', aggregateId: caseId, payload: {} }, s));
    }
    const rows = await inTenant((s) => s.query('SELECT id FROM webhook_deliveries WHERE event_id = $1', [eventId]));
    expect(rows).toHaveLength(1);
  });
});
