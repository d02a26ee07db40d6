import { expectProblem } from '@ketenhuis/testing';
import type { OutboxEventInput, TenantScope } from '@ketenhuis/sdk';
import { notify, webhookFanOut } from '../../index';
import { startTestPlatform, caseChains, caseDistrict, identityHelpers, type TestPlatform, type CaseBody, type CaseDistrict } from '../../testing';

type Org = 'parket' | 'zone' | 'caw' | 'justitiehuis';

// Which organisation's subscriptions an event becomes a delivery for, per kind of aggregate.
// The worker is not started: the test hands events to the fan-out itself.
describe('webhook fan-out', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  const hooks = {} as Record<Org, string>;
  let caseId: string;
  let h: ReturnType<typeof identityHelpers>;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    d = await caseDistrict(t, 'limburg');
    h = identityHelpers(t);
    await h.user(d.beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' },
      [[d.orgs.parket, 'tenant-beheerder'], [d.orgs.zone, 'tenant-beheerder'], [d.orgs.caw, 'tenant-beheerder'], [d.orgs.justitiehuis, 'tenant-beheerder']]);
    const admin = await t.token(d.tenant, { subject: 'limburg-webbeheerder' });
    const eventTypes = ['core.referral-sent', 'core.referral-accepted', 'core.notification-created', 'core.case-registered'];
    for (const org of ['parket', 'zone', 'caw', 'justitiehuis'] as Org[]) {
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
    // The registering zone takes part; the parket sees the cases of its chains.
    expect(await fanOut(async () => ({ type: 'core.case-registered', aggregateType: 'case', aggregateId: caseId }))).toEqual(['parket', 'zone']);
  });

  /** A referral of the case (from `sender` to the justitiehuis) and an event about it. */
  const referralOf = (ofCase: string, sender: string) => async (s: TenantScope): Promise<OutboxEventInput> => {
    const [r] = await s.query<{ id: string }>(
      `INSERT INTO referrals (tenant_id, case_id, chain, type, sending_organisation_id, sending_subject, receiving_organisation_id, state, sent_at)
       VALUES ($1, $2, 'snel', 'werkstraf', $3, 'limburg-sender', $4, 'sent', now()) RETURNING id`,
      [s.tenantId, ofCase, sender, d.orgs.justitiehuis]);
    return { type: 'core.referral-sent', aggregateType: 'referral', aggregateId: r.id };
  };

  it('tells of a referral the organisations that see it, as the referral API decides: its receiver and whoever sees its case', async () => {
    // Sent by the zone: the parket of the chain is neither sender nor receiver, and sees it all the same.
    expect(await fanOut(referralOf(caseId, d.orgs.zone))).toEqual(['justitiehuis', 'parket', 'zone']);
  });

  it('does not tell of a referral its sender that no longer sees the case', async () => {
    const c = await h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token: d.inspecteur, body: { chain: 'snel', caseType: 'snel-dossier' } }), 201);
    // The parket sends as the chain's parket, without taking part in the case.
    const sent = await inTenant(referralOf(c.id, d.orgs.parket));
    expect(await h.ok<{ sendingOrganisationId: string }>(await t.request('GET', `/api/v1/referrals/${sent.aggregateId}`, { token: d.jurist })))
      .toMatchObject({ sendingOrganisationId: d.orgs.parket });
    // Then the case becomes strikt-vertrouwelijk: only its participants see it, and the API no longer shows the parket the referral.
    await h.ok(await t.request('PATCH', `/api/v1/cases/${c.id}`, {
      token: d.inspecteur, headers: { 'if-match': `W/"${c.version}"` }, body: { confidentiality: 'strikt-vertrouwelijk' },
    }));
    await expectProblem(await t.request('GET', `/api/v1/referrals/${sent.aggregateId}`, { token: d.jurist }), 404, 'not-found');

    expect(await fanOut(async () => ({ type: 'core.referral-accepted', aggregateType: 'referral', aggregateId: sent.aggregateId }))).toEqual(['justitiehuis', 'zone']);
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
    const rows = await inTenant((s) => s.query<{ subscription_id: string }>('SELECT subscription_id FROM webhook_deliveries WHERE event_id = $1', [eventId]));
    expect(rows.map((r) => r.subscription_id).sort()).toEqual([hooks.parket, hooks.zone].sort());
  });
});
