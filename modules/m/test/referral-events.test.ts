import { randomUUID } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { ManualClock, eventually } from '@ketenhuis/testing';
import mModule from '../src';
import { mDistrict, snelrechtApi, type MDistrict } from './support/district';

const clock = new ManualClock('2026-03-04T08:00:00Z');

/**
 * How chain M follows the justitiehuis's answers on a mediation-and-measures referral. The
 * referral events are published here as core publishes them (`core.referral-<state>`, ids and
 * codes only), each twice as two separate events, as a retrying producer or a repeated report
 * would: the case must move once.
 */
describe('chain M reacting to referral outcomes', () => {
  let t: TestPlatform;
  let d: MDistrict;
  let api: ReturnType<typeof snelrechtApi>;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [mModule], worker: true, clock });
    d = await mDistrict(t, 'hasselt');
    api = snelrechtApi(t, d);
  });
  afterAll(() => t.close());

  /** A case the magistrate referred for mediation and measures after the hearing. */
  async function inMediation(): Promise<string> {
    const c = await api.register({ pvDate: '2026-03-02', arrest: false, offenceCodes: ['43.1'] });
    await api.moved(d.tokens.inspecteur, c.id, 'plan-hoorzitting', { hearingDate: '2026-03-04T10:00:00+01:00' });
    await api.moved(d.tokens.magistraat, c.id, 'beslis-bemiddeling');
    return c.id;
  }

  async function publish(caseId: string, state: string, type = 'bemiddeling-en-maatregelen', chain = 'm'): Promise<string> {
    const referralId = randomUUID();
    return t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.publish({
      type: `core.referral-${state}`, aggregateType: 'referral', aggregateId: referralId,
      payload: { referralId, caseId, type, state, chain },
    }));
  }

  /** Both copies were handed to the module's handler (which records even those it ignores). */
  const handled = (eventIds: string[], handler: string) => eventually(async () => expect((await api.inTenant<{ event_id: string }>(
    'SELECT event_id FROM outbox_deliveries WHERE handler = $1 AND event_id = ANY ($2::uuid[])', [handler, eventIds])).length).toBe(eventIds.length));

  const stateOf = async (id: string) => (await api.inTenant<{ state: string }>('SELECT state FROM cases WHERE id = $1', [id]))[0].state;
  const moves = (id: string) => api.inTenant<{ action: string; actor: string; to: string }>(
    `SELECT data->>'action' AS action, actor_subject AS actor, data->>'to' AS "to" FROM case_timeline WHERE case_id = $1 AND kind = 'transitioned' ORDER BY at, id`, [id]);

  it('follows a referral sent and answered through the API to the closed case', async () => {
    const id = await inMediation();
    const sent = await t.request('POST', `/api/v1/cases/${id}/referrals`, {
      token: d.tokens.magistraat, body: { type: 'bemiddeling-en-maatregelen', organisationId: d.orgs.justitiehuis },
    });
    expect(sent.status).toBe(201);
    const referral = (await sent.json()) as { id: string };
    const answer = async (action: string) => {
      const res = await t.request('POST', `/api/v1/referrals/${referral.id}/transitions`, { token: d.tokens.assistent, body: { action } });
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
    };
    await answer('receive');
    await answer('accept');
    await answer('start');
    await eventually(async () => expect(await stateOf(id)).toBe('opvolging-uitvoering'));
    await answer('complete');
    await eventually(async () => expect(await stateOf(id)).toBe('afgesloten'));
    expect((await moves(id)).slice(2)).toEqual([
      { action: 'start-maatregel', actor: 'system:m', to: 'opvolging-uitvoering' },
      { action: 'stel-naleving-vast', actor: 'system:m', to: 'afgesloten' },
    ]);
  });

  it('starts the follow-up when the measure starts and closes the case when it is completed, once each', async () => {
    const id = await inMediation();
    await handled([await publish(id, 'started'), await publish(id, 'started')], 'm.referral-started');
    expect(await stateOf(id)).toBe('opvolging-uitvoering');
    await handled([await publish(id, 'completed'), await publish(id, 'completed')], 'm.referral-completed');
    expect(await stateOf(id)).toBe('afgesloten');
    expect(await moves(id)).toEqual([
      { action: 'plan-hoorzitting', actor: 'hasselt-inspecteur', to: 'hoorzitting' },
      { action: 'beslis-bemiddeling', actor: 'hasselt-magistraat', to: 'bemiddeling-en-maatregelen' },
      { action: 'start-maatregel', actor: 'system:m', to: 'opvolging-uitvoering' },
      { action: 'stel-naleving-vast', actor: 'system:m', to: 'afgesloten' },
    ]);
  });

  it('takes both steps when the completion arrives before the start, and ignores the late start', async () => {
    const id = await inMediation();
    await handled([await publish(id, 'completed')], 'm.referral-completed');
    await handled([await publish(id, 'started')], 'm.referral-started');
    expect((await moves(id)).slice(2).map((m) => m.action)).toEqual(['start-maatregel', 'stel-naleving-vast']);
    expect(await stateOf(id)).toBe('afgesloten');
  });

  it('hands a refused referral back to the magistrate, who then decides anew', async () => {
    const id = await inMediation();
    await handled([await publish(id, 'refused'), await publish(id, 'refused')], 'm.referral-refused');
    expect(await stateOf(id)).toBe('heroverweging');
    expect((await moves(id)).filter((m) => m.action === 'leg-voor-aan-magistraat')).toHaveLength(1);
    // The summons date is the magistrate's to choose: between ten days and two months from today.
    const summoned = await api.moved(d.tokens.magistraat, id, 'beslis-oproeping', { summonsHearingDate: '2026-04-20T09:00:00+02:00' });
    expect(summoned).toMatchObject({ state: 'oproeping-bij-pv', fields: { summonsHearingDate: '2026-04-20T07:00:00.000Z' } });
  });

  it('hands a failed measure back to the magistrate from the follow-up', async () => {
    const id = await inMediation();
    await handled([await publish(id, 'started')], 'm.referral-started');
    await handled([await publish(id, 'failed'), await publish(id, 'failed')], 'm.referral-failed');
    expect(await stateOf(id)).toBe('heroverweging');
    expect((await moves(id)).slice(2).map((m) => m.action)).toEqual(['start-maatregel', 'leg-voor-aan-magistraat']);
  });

  it('leaves the case alone for referrals of other types or chains', async () => {
    const id = await inMediation();
    await handled([await publish(id, 'started', 'werkstraf'), await publish(id, 'started', 'bemiddeling-en-maatregelen', 'ifg')], 'm.referral-started');
    expect(await stateOf(id)).toBe('bemiddeling-en-maatregelen');
  });
});
