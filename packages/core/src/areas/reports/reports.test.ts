import { expectProblem } from '@ketenhuis/testing';
import { defineChainModule } from '@ketenhuis/sdk';
import type { Tenant } from '../../index';
import { startTestPlatform, identityHelpers, type TestPlatform } from '../../testing';

const label = (nl: string, fr: string, en: string) => ({ nl, fr, en });

/**
 * A chain with a date field, a path through decision, measure and closure, a dismissal, two
 * referral types, and a KPI of every kind of point: field → state, state → referral, registration
 * → either final state, and the initial state (entered at registration) → either final state.
 */
const tijdChain = defineChainModule({
  id: 'tijd', title: label('Testketen doorlooptijden', 'Chaîne de test', 'Test chain'), version: '1.0.0',
  permissions: ['tijd.case.decide'],
  grants: { parketjurist: ['tijd.case.decide'] },
  caseTypes: [{
    id: 'tijd-dossier', title: label('Doorlooptijddossier', 'Dossier', 'Case'),
    fields: [{ id: 'pvDate', title: label('PV-datum', 'Date du PV', 'PV date'), type: 'date' }],
    workflow: {
      initial: 'intake',
      states: [
        { id: 'intake', title: label('Intake', 'Accueil', 'Intake') },
        { id: 'beslist', title: label('Beslist', 'Décidé', 'Decided') },
        { id: 'uitvoering', title: label('Uitvoering', 'Exécution', 'Execution') },
        { id: 'afgesloten', title: label('Afgesloten', 'Clôturé', 'Closed'), final: true },
        { id: 'geseponeerd', title: label('Geseponeerd', 'Classé sans suite', 'Dismissed'), final: true },
      ],
      transitions: [
        { action: 'beslis', from: 'intake', to: 'beslist', permission: 'tijd.case.decide' },
        { action: 'start-maatregel', from: 'beslist', to: 'uitvoering', permission: 'tijd.case.decide' },
        { action: 'sluit-af', from: 'uitvoering', to: 'afgesloten', permission: 'tijd.case.decide' },
        { action: 'seponeer', from: 'intake', to: 'geseponeerd', permission: 'tijd.case.decide' },
      ],
    },
  }],
  referralTypes: [
    { id: 'tijd-werkstraf', title: label('Werkstraf', 'Peine de travail', 'Community service'), receiverTypes: ['justitiehuis'], sharedCaseData: ['reference'] },
    { id: 'tijd-bemiddeling', title: label('Bemiddeling', 'Médiation', 'Mediation'), receiverTypes: ['justitiehuis'], sharedCaseData: ['reference'] },
  ],
  kpis: [
    { id: 'pv-tot-beslissing', title: label('PV tot beslissing', 'PV à décision', 'PV to decision'), from: { field: 'pvDate' }, to: { entered: 'beslist' } },
    {
      id: 'beslissing-tot-werkstraf', title: label('Beslissing tot start werkstraf', 'Décision à début', 'Decision to start'), caseType: 'tijd-dossier',
      from: { entered: 'beslist' }, to: { referral: 'started', type: 'tijd-werkstraf' },
    },
    { id: 'registratie-tot-afsluiting', title: label('Registratie tot afsluiting, "alles"', 'Total', 'Total'), from: { registered: true }, to: { entered: ['afgesloten', 'geseponeerd'] } },
    { id: 'intake-tot-afsluiting', title: label('Intake tot afsluiting', 'Accueil à clôture', 'Intake to closure'), from: { entered: 'intake' }, to: { entered: ['afgesloten', 'geseponeerd'] } },
  ],
});

/** Installed, never enabled by the districts of this test. */
const uitChain = defineChainModule({
  id: 'uit', title: label('Testketen uit', 'Chaîne', 'Chain'), version: '1.0.0', permissions: ['uit.case.close'],
  caseTypes: [{
    id: 'uit-dossier', title: label('Dossier', 'Dossier', 'Case'),
    workflow: {
      initial: 'intake',
      states: [{ id: 'intake', title: label('Intake', 'Accueil', 'Intake') }, { id: 'dicht', title: label('Dicht', 'Fermé', 'Closed'), final: true }],
      transitions: [{ action: 'sluit', from: 'intake', to: 'dicht', permission: 'uit.case.close' }],
    },
  }],
});

const DAY = 86_400;
const TRANSITIONS: Record<string, [string, string]> = {
  beslis: ['intake', 'beslist'], 'start-maatregel': ['beslist', 'uitvoering'], 'sluit-af': ['uitvoering', 'afgesloten'], seponeer: ['intake', 'geseponeerd'],
};

/** A case's history as the API would have written it, at moments of our choosing. */
interface CaseSpec {
  pvDate?: string;
  registeredAt: string;
  /** PVs given at registration: zone codes. */
  pvs?: string[];
  /** A PV added later (PATCH addExternalReferences): zone code and moment. */
  laterPv?: [string, string];
  steps?: Array<[action: string, at: string]>;
  /** Referrals that reached `started`: type and moment. */
  referrals?: Array<[type: string, startedAt: string]>;
}

interface DeadlineSpec {
  source: string;
  startedAt: string;
  state: 'running' | 'suspended' | 'met' | 'expired' | 'cancelled';
  /** met / cancelled / expired-and-met-late: when it stopped. */
  stoppedAt?: string;
}

const at = (iso: string, plusDays = 0, plusHours = 0) => new Date(Date.parse(iso) + plusDays * DAY * 1000 + plusHours * 3_600_000).toISOString();
/** Midnight in Brussels (winter time) of 31 January 2026, the PV date of the February cases. */
const JAN31 = '2026-01-30T23:00:00.000Z';
const MAR01 = '2026-02-28T23:00:00.000Z';

type Db = { query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>> };
type Cell = { count: number | string; suppressed: boolean; medianSeconds: number | null; medianDays: number | null; p90Seconds: number | null; p90Days: number | null };
type ZoneCell = Cell & { policeZoneCode: string | null; policeZoneName: string | null };
type KpiBody = { id: string; title: Record<string, string>; total: Cell; zones?: ZoneCell[]; periods: Array<Cell & { period: string; periodStart: string; zones?: ZoneCell[] }> };
type LeadTimes = { chain: string; from: string; to: string; period: string; groupBy: string | null; minCellSize: number; kpis: KpiBody[] };

const cell = (count: number | string, median: number | null, p90: number | null): Cell => (typeof count === 'string'
  ? { count, suppressed: true, medianSeconds: null, medianDays: null, p90Seconds: null, p90Days: null }
  : { count, suppressed: false, medianSeconds: median === null ? null : Math.round(median * DAY), medianDays: median, p90Seconds: p90 === null ? null : Math.round(p90 * DAY), p90Days: p90 });

/** RFC 4180 as a spreadsheet reads it: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  expect({ rest: field, open: row }).toEqual({ rest: '', open: [] });
  return rows;
}

// Lead times, deadline compliance and open cases of one chain, through HTTP, over a history
// arranged with known moments (the database sets timeline moments itself, so the history is
// written on the owner side, shaped exactly as the API writes it).
describe('reports', () => {
  let t: TestPlatform;
  let h: ReturnType<typeof identityHelpers>;
  let hasselt: Tenant;
  let genk: Tenant;
  let jurist: string;
  let analist: string;
  let inspecteur: string;
  let orgs: { parket: string; carma: string; lrh: string; justitiehuis: string };

  const inTenant = (tenant: Tenant, work: (m: Db) => Promise<void>) =>
    t.admin.transaction(async (m) => {
      await m.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await work(m);
    });

  async function arrangeCase(tenant: Tenant, spec: CaseSpec): Promise<string> {
    let caseId = '';
    await inTenant(tenant, async (m) => {
      const [{ n }] = await m.query(
        `INSERT INTO case_reference_counters (tenant_id, chain, year, last_number) VALUES ($1, 'tijd', 2026, 1)
         ON CONFLICT (tenant_id, chain, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1 RETURNING last_number AS n`, [tenant.id]);
      const steps = spec.steps ?? [];
      const state = steps.length ? TRANSITIONS[steps[steps.length - 1][0]][1] : 'intake';
      const fields = spec.pvDate ? { pvDate: spec.pvDate } : {};
      const updatedAt = steps.length ? steps[steps.length - 1][1] : spec.registeredAt;
      const [c] = await m.query(
        `INSERT INTO cases (tenant_id, chain, case_type, state, reference_year, reference_number, reference, registered_by_subject,
           registered_by_organisation_id, registered_at, updated_at, version, fields)
         VALUES ($1, 'tijd', 'tijd-dossier', $2, 2026, $3, $4, 'inspecteur', $5, $6, $7, $8, $9) RETURNING id`,
        [tenant.id, state, n, `TIJD-2026-${String(n).padStart(6, '0')}`, orgs.carma, spec.registeredAt, updatedAt, 1 + steps.length + (spec.laterPv ? 1 : 0), JSON.stringify(fields)]);
      caseId = c.id as string;
      await m.query(`INSERT INTO case_participants (tenant_id, case_id, organisation_id, function, role, added_by_subject, added_at)
        VALUES ($1, $2, $3, 'politie-inspecteur', 'aanmelder', 'inspecteur', $4)`, [tenant.id, caseId, orgs.carma, spec.registeredAt]);
      const pv = async (zone: string, when: string, i: number) => {
        const value = `HA.${zone}.L1.${String(n).padStart(5, '0')}${i}/2026`;
        const [r] = await m.query(`INSERT INTO case_external_references (tenant_id, case_id, kind, value, search_key, police_zone_code, added_at)
          VALUES ($1, $2, 'pv', $3, $4, $5, $6) RETURNING id`, [tenant.id, caseId, value, value.replace(/[./]/g, ''), zone, when]);
        return r.id as string;
      };
      const refIds: string[] = [];
      for (const [i, zone] of (spec.pvs ?? []).entries()) refIds.push(await pv(zone, spec.registeredAt, i));
      const timeline = (kind: string, when: string, subject: string, data: Record<string, unknown>) => m.query(
        `INSERT INTO case_timeline (tenant_id, case_id, at, kind, actor_subject, data) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenant.id, caseId, when, kind, subject, JSON.stringify(data)]);
      await timeline('registered', spec.registeredAt, 'inspecteur', {
        caseType: 'tijd-dossier', state: 'intake', confidentiality: 'normaal', externalReferenceIds: refIds, subjectIds: [], fieldIds: Object.keys(fields),
      });
      if (spec.laterPv) {
        const id = await pv(spec.laterPv[0], spec.laterPv[1], 9);
        await timeline('updated', spec.laterPv[1], 'inspecteur', { changedFields: ['externalReferences'], externalReferenceIds: [id] });
      }
      for (const [action, when] of steps) {
        const [from, to] = TRANSITIONS[action];
        await timeline('transitioned', when, 'jurist', { action, from, to, inputFields: [] });
      }
      for (const [type, startedAt] of spec.referrals ?? []) {
        await m.query(
          `INSERT INTO referrals (tenant_id, case_id, chain, type, sending_organisation_id, sending_subject, receiving_organisation_id, state,
             sent_at, received_at, accepted_at, started_at)
           VALUES ($1, $2, 'tijd', $3, $4, 'jurist', $5, 'started', $6, $7, $8, $9)`,
          [tenant.id, caseId, type, orgs.parket, orgs.justitiehuis, at(startedAt, 0, -3), at(startedAt, 0, -2), at(startedAt, 0, -1), startedAt]);
      }
    });
    return caseId;
  }

  async function arrangeDeadline(tenant: Tenant, caseId: string, d: DeadlineSpec): Promise<void> {
    const due = at(d.startedAt, 10);
    await inTenant(tenant, async (m) => {
      await m.query(
        `INSERT INTO deadlines (tenant_id, case_id, source, title, duration, started_at, due_at, on_expiry, state, suspended_at, expired_at, stopped_at)
         VALUES ($1, $2, $3, $4, 'P10D', $5, $6, 'notify', $7, $8, $9, $10)`,
        [tenant.id, caseId, d.source, JSON.stringify(d.source.startsWith('clock') ? label('Beslistermijn', 'Délai de décision', 'Decision deadline') : label('Start werkstraf', 'Début', 'Start')),
          d.startedAt, due, d.state, d.state === 'suspended' ? at(d.startedAt, 1) : null, d.state === 'expired' ? due : null, d.stoppedAt ?? null]);
    });
  }

  const report = (token: string, path: string, headers: Record<string, string> = {}) => t.request('GET', `/api/v1/reports/chains/${path}`, { token, headers });
  const leadTimes = async (query: string, token = jurist) => h.ok<LeadTimes>(await report(token, `tijd/lead-times?${query}`));
  const kpi = (body: LeadTimes, id: string) => body.kpis.find((k) => k.id === id)!;
  const WINDOW = 'from=2026-02-01&to=2026-03-31';
  const CLOCK = 'clock:tijd:tijd-dossier:beslistermijn';
  const REFERRAL = 'referral:tijd-werkstraf:accepted';

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [tijdChain, uitChain] });
    h = identityHelpers(t);
    hasselt = await t.createTenant('hasselt', ['tijd']);
    genk = await t.createTenant('genk', ['tijd']);
    const beheerder = await t.token(hasselt, { subject: 'hasselt-beheerder', roles: ['tenant-beheerder'] });
    orgs = {
      parket: await h.organisation(beheerder, 'Parket Limburg', 'parket', { chains: ['tijd'] }),
      carma: await h.organisation(beheerder, 'Politiezone Carma', 'politiezone', { policeZoneCode: '9901' }),
      lrh: await h.organisation(beheerder, 'Politiezone LRH', 'politiezone', { policeZoneCode: '9902' }),
      justitiehuis: await h.organisation(beheerder, 'Justitiehuis Hasselt', 'justitiehuis'),
    };
    const member = async (name: string, org: string, fn: string) => {
      await h.user(beheerder, { name, email: `${name}@hasselt.example`, subject: `hasselt-${name}` }, [[org, fn]]);
      return t.token(hasselt, { subject: `hasselt-${name}` });
    };
    jurist = await member('jurist', orgs.parket, 'parketjurist');
    analist = await member('analist', orgs.parket, 'analist');
    inspecteur = await member('inspecteur', orgs.carma, 'politie-inspecteur');

    // February: PV on 31 January, decided 1..10 days later (the first at midnight in Brussels,
    // still 31 January in UTC). Zones: 1-6 Carma, 7 LRH first and Carma later, 8-9 LRH, 10 no PV.
    const feb: string[] = [];
    for (let k = 1; k <= 10; k++) {
      const decided = at(JAN31, k);
      const spec: CaseSpec = { pvDate: '2026-01-31', registeredAt: '2026-01-31T08:00:00.000Z', steps: [['beslis', decided]] };
      if (k <= 6) spec.pvs = ['9901'];
      else if (k === 7) { spec.pvs = ['9902']; spec.laterPv = ['9901', '2026-02-20T10:00:00.000Z']; } else if (k <= 9) spec.pvs = ['9902'];
      // Referrals: the werkstraf starts 3 days after the decision (a mediation a day after does
      // not count); with two werkstraffen, the first start counts (5 days, not 8).
      if (k === 2) spec.referrals = [['tijd-werkstraf', at(decided, 3)], ['tijd-bemiddeling', at(decided, 1)]];
      if (k === 3) spec.referrals = [['tijd-werkstraf', at(decided, 8)], ['tijd-werkstraf', at(decided, 5)]];
      // One goes all the way: closed 20 days after its registration.
      if (k === 4) spec.steps!.push(['start-maatregel', at(decided, 2)], ['sluit-af', '2026-02-20T08:00:00.000Z']);
      feb.push(await arrangeCase(hasselt, spec));
    }
    // March: decided 2, 4 and 12 days after a PV of 1 March, all Carma.
    for (const days of [2, 4, 12]) await arrangeCase(hasselt, { pvDate: '2026-03-01', registeredAt: '2026-03-01T09:00:00.000Z', pvs: ['9901'], steps: [['beslis', at(MAR01, days)]] });
    // Dismissed 2 and 4 hours after registration (no PV date: they count for closure only).
    for (const hours of [2, 4]) await arrangeCase(hasselt, { registeredAt: '2026-02-10T09:00:00.000Z', steps: [['seponeer', at('2026-02-10T09:00:00.000Z', 0, hours)]] });
    // Outside the window in Brussels: 23:59:59 on 31 January; 00:30 on 1 April (still 31 March in UTC).
    await arrangeCase(hasselt, { pvDate: '2026-01-20', registeredAt: '2026-01-20T10:00:00.000Z', pvs: ['9901'], steps: [['beslis', '2026-01-31T22:59:59.000Z']] });
    await arrangeCase(hasselt, { pvDate: '2026-03-30', registeredAt: '2026-03-30T10:00:00.000Z', pvs: ['9901'], steps: [['beslis', '2026-03-31T22:30:00.000Z']] });
    // Decided in January and, its history says, again in February: the first time counts, so it
    // stays outside the window although one of its entries is inside. Closed in April, after it.
    await arrangeCase(hasselt, { pvDate: '2026-01-10', registeredAt: '2026-01-10T10:00:00.000Z', pvs: ['9901'], steps: [
      ['beslis', '2026-01-25T10:00:00.000Z'], ['beslis', '2026-02-12T10:00:00.000Z'], ['start-maatregel', '2026-04-02T10:00:00.000Z'], ['sluit-af', '2026-04-03T10:00:00.000Z']] });
    // Decided in February without a PV date; still in intake; in execution without a referral.
    await arrangeCase(hasselt, { registeredAt: '2026-02-05T10:00:00.000Z', steps: [['beslis', '2026-02-06T10:00:00.000Z']] });
    await arrangeCase(hasselt, { pvDate: '2026-02-01', registeredAt: '2026-02-02T10:00:00.000Z', pvs: ['9901'] });
    await arrangeCase(hasselt, { registeredAt: '2026-02-15T10:00:00.000Z', steps: [['beslis', '2026-02-16T10:00:00.000Z'], ['start-maatregel', '2026-02-17T10:00:00.000Z']] });

    // Deadlines that started in February: 3 met, 2 expired (one met late), 1 running, 1
    // suspended, 1 cancelled; 1 met in March; 1 in January (outside); one of a referral.
    const deadlines: DeadlineSpec[] = [
      ...[2, 3, 4].map((d): DeadlineSpec => ({ source: CLOCK, startedAt: `2026-02-0${d}T10:00:00.000Z`, state: 'met', stoppedAt: `2026-02-0${d + 3}T10:00:00.000Z` })),
      { source: CLOCK, startedAt: '2026-02-03T10:00:00.000Z', state: 'expired', stoppedAt: '2026-02-15T10:00:00.000Z' },
      { source: CLOCK, startedAt: '2026-02-04T10:00:00.000Z', state: 'expired' },
      { source: CLOCK, startedAt: '2026-02-20T10:00:00.000Z', state: 'running' },
      { source: CLOCK, startedAt: '2026-02-21T10:00:00.000Z', state: 'suspended' },
      { source: CLOCK, startedAt: '2026-02-22T10:00:00.000Z', state: 'cancelled', stoppedAt: '2026-02-23T10:00:00.000Z' },
      { source: CLOCK, startedAt: '2026-03-03T10:00:00.000Z', state: 'met', stoppedAt: '2026-03-04T10:00:00.000Z' },
      { source: CLOCK, startedAt: '2026-01-15T10:00:00.000Z', state: 'expired' },
      { source: REFERRAL, startedAt: '2026-02-05T10:00:00.000Z', state: 'met', stoppedAt: '2026-02-06T10:00:00.000Z' },
    ];
    for (const d of deadlines) await arrangeDeadline(hasselt, feb[0], d);

    // Another district of the same chain: nothing of it may show in Hasselt's reports.
    const genkBeheerder = await t.token(genk, { subject: 'genk-beheerder', roles: ['tenant-beheerder'] });
    const saved = orgs;
    orgs = { ...orgs, carma: await h.organisation(genkBeheerder, 'Politiezone Genk', 'politiezone', { policeZoneCode: '9901' }) };
    const genkCase = await arrangeCase(genk, { pvDate: '2026-01-31', registeredAt: '2026-01-31T08:00:00.000Z', pvs: ['9901'], steps: [['beslis', at(JAN31, 30)]] });
    await arrangeDeadline(genk, genkCase, { source: CLOCK, startedAt: '2026-02-02T10:00:00.000Z', state: 'expired' });
    orgs = saved;
  });
  afterAll(() => t?.close());

  it('gives count, median and p90 per KPI and month, measured from a date field to a state, in Belgian time', async () => {
    const body = await leadTimes(WINDOW);
    expect(body).toMatchObject({ chain: 'tijd', from: '2026-02-01', to: '2026-03-31', period: 'month', groupBy: null, minCellSize: 1 });
    expect(body.kpis.map((k) => k.id)).toEqual(['pv-tot-beslissing', 'beslissing-tot-werkstraf', 'registratie-tot-afsluiting', 'intake-tot-afsluiting']);
    const pv = kpi(body, 'pv-tot-beslissing');
    expect(pv).toMatchObject({ title: label('PV tot beslissing', 'PV à décision', 'PV to decision'), from: { field: 'pvDate' }, to: { entered: 'beslist' } });
    // 1..10 days: median 5.5, p90 9.1 (percentile_cont); 2, 4, 12 days: 4 and 10.4.
    expect(pv.periods).toEqual([
      { period: '2026-02', periodStart: '2026-02-01', ...cell(10, 5.5, 9.1) },
      { period: '2026-03', periodStart: '2026-03-01', ...cell(3, 4, 10.4) },
    ]);
    expect(pv.total).toEqual(cell(13, 5, 9.8));
    expect(pv.zones).toBeUndefined();
  });

  it('measures from a state to the first start of a referral of one type', async () => {
    const werkstraf = kpi(await leadTimes(WINDOW), 'beslissing-tot-werkstraf');
    expect(werkstraf).toMatchObject({ caseType: 'tijd-dossier', from: { entered: 'beslist' }, to: { referral: 'started', type: 'tijd-werkstraf' } });
    expect(werkstraf.periods).toEqual([{ period: '2026-02', periodStart: '2026-02-01', ...cell(2, 4, 4.8) }]);
    expect(werkstraf.total).toEqual(cell(2, 4, 4.8));
  });

  it('measures from registration, and from the initial state entered at registration, to either final state', async () => {
    const body = await leadTimes(WINDOW);
    // 2 hours, 4 hours and 20 days: seconds exact, days to two decimals.
    const expected = { count: 3, suppressed: false, medianSeconds: 14_400, medianDays: 0.17, p90Seconds: 1_385_280, p90Days: 16.03 };
    expect(kpi(body, 'registratie-tot-afsluiting').periods).toEqual([{ period: '2026-02', periodStart: '2026-02-01', ...expected }]);
    expect(kpi(body, 'intake-tot-afsluiting').periods).toEqual([{ period: '2026-02', periodStart: '2026-02-01', ...expected }]);
    expect(kpi(body, 'intake-tot-afsluiting').total).toEqual(expected);
  });

  it('buckets by ISO week, quarter and year', async () => {
    const weeks = kpi(await leadTimes(`${WINDOW}&period=week`), 'pv-tot-beslissing');
    expect(weeks.periods.map((p) => [p.period, p.periodStart, p.count])).toEqual([
      ['2026-W05', '2026-01-26', 1], ['2026-W06', '2026-02-02', 7], ['2026-W07', '2026-02-09', 2], ['2026-W10', '2026-03-02', 2], ['2026-W11', '2026-03-09', 1],
    ]);
    expect(weeks.periods[1]).toMatchObject(cell(7, 5, 7.4));
    const quarter = kpi(await leadTimes(`${WINDOW}&period=quarter`), 'pv-tot-beslissing');
    expect(quarter.periods).toEqual([{ period: '2026-Q1', periodStart: '2026-01-01', ...cell(13, 5, 9.8) }]);
    const year = kpi(await leadTimes(`${WINDOW}&period=year`), 'pv-tot-beslissing');
    expect(year.periods.map((p) => [p.period, p.periodStart, p.count])).toEqual([['2026', '2026-01-01', 13]]);
    // A narrower window leaves out what falls outside it.
    const feb = kpi(await leadTimes('from=2026-02-01&to=2026-02-28'), 'pv-tot-beslissing');
    expect(feb.total).toEqual(cell(10, 5.5, 9.1));
  });

  it('groups by the police zone of the first PV, with cases without a PV apart', async () => {
    const pv = kpi(await leadTimes(`${WINDOW}&groupBy=policeZone`), 'pv-tot-beslissing');
    const carma = { policeZoneCode: '9901', policeZoneName: 'Politiezone Carma' };
    const lrh = { policeZoneCode: '9902', policeZoneName: 'Politiezone LRH' };
    const none = { policeZoneCode: null, policeZoneName: null };
    expect(pv.periods).toEqual([
      {
        period: '2026-02', periodStart: '2026-02-01', ...cell(10, 5.5, 9.1),
        zones: [{ ...carma, ...cell(6, 3.5, 5.5) }, { ...lrh, ...cell(3, 8, 8.8) }, { ...none, ...cell(1, 10, 10) }],
      },
      { period: '2026-03', periodStart: '2026-03-01', ...cell(3, 4, 10.4), zones: [{ ...carma, ...cell(3, 4, 10.4) }] },
    ]);
    expect(pv.total).toEqual(cell(13, 5, 9.8));
    expect(pv.zones).toEqual([{ ...carma, ...cell(9, 4, 7.2) }, { ...lrh, ...cell(3, 8, 8.8) }, { ...none, ...cell(1, 10, 10) }]);
  });

  it('withholds small cells: a count below minCellSize shows as "<n" without figures', async () => {
    const body = await leadTimes(`${WINDOW}&groupBy=policeZone&minCellSize=5`);
    expect(body.minCellSize).toBe(5);
    const pv = kpi(body, 'pv-tot-beslissing');
    expect(pv.periods[0]).toMatchObject(cell(10, 5.5, 9.1));
    expect(pv.periods[0].zones).toEqual([
      { policeZoneCode: '9901', policeZoneName: 'Politiezone Carma', ...cell(6, 3.5, 5.5) },
      { policeZoneCode: '9902', policeZoneName: 'Politiezone LRH', ...cell('<5', null, null) },
      { policeZoneCode: null, policeZoneName: null, ...cell('<5', null, null) },
    ]);
    expect(pv.periods[1]).toMatchObject(cell('<5', null, null));
    expect(pv.total).toEqual(cell(13, 5, 9.8));
    expect(kpi(body, 'beslissing-tot-werkstraf').total).toEqual(cell('<5', null, null));
    // An empty window has a total of 0, shown as such: no case can be recognised in nothing.
    const empty = kpi(await leadTimes('from=2025-01-01&to=2025-12-31&minCellSize=5'), 'pv-tot-beslissing');
    expect(empty).toMatchObject({ total: { count: 0, suppressed: false, medianSeconds: null, p90Seconds: null }, periods: [] });
  });

  it('exports lead times as CSV (format=csv): RFC 4180, a header row, an attachment', async () => {
    const res = await report(jurist, `tijd/lead-times?${WINDOW}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="lead-times-tijd-2026-02-01-2026-03-31.csv"');
    const text = await res.text();
    expect(text.endsWith('\r\n')).toBe(true);
    // Quoting as RFC 4180 wants it: the title holds a comma and quotes.
    expect(text).toContain('registratie-tot-afsluiting,"Registratie tot afsluiting, ""alles""",2026-02,');
    const closure = ['2026-02', '2026-02-01', '3', '14400', '0.17', '1385280', '16.03'];
    expect(parseCsv(text)).toEqual([
      ['kpi', 'kpi_title', 'period', 'period_start', 'count', 'median_seconds', 'median_days', 'p90_seconds', 'p90_days'],
      ['pv-tot-beslissing', 'PV tot beslissing', '2026-02', '2026-02-01', '10', '475200', '5.5', '786240', '9.1'],
      ['pv-tot-beslissing', 'PV tot beslissing', '2026-03', '2026-03-01', '3', '345600', '4', '898560', '10.4'],
      ['pv-tot-beslissing', 'PV tot beslissing', 'total', '', '13', '432000', '5', '846720', '9.8'],
      ['beslissing-tot-werkstraf', 'Beslissing tot start werkstraf', '2026-02', '2026-02-01', '2', '345600', '4', '414720', '4.8'],
      ['beslissing-tot-werkstraf', 'Beslissing tot start werkstraf', 'total', '', '2', '345600', '4', '414720', '4.8'],
      ['registratie-tot-afsluiting', 'Registratie tot afsluiting, "alles"', ...closure],
      ['registratie-tot-afsluiting', 'Registratie tot afsluiting, "alles"', 'total', '', ...closure.slice(2)],
      ['intake-tot-afsluiting', 'Intake tot afsluiting', ...closure],
      ['intake-tot-afsluiting', 'Intake tot afsluiting', 'total', '', ...closure.slice(2)],
    ]);
  });

  it('exports per zone as CSV with Accept: text/csv, small cells as "<n"', async () => {
    const res = await report(jurist, `tijd/lead-times?${WINDOW}&groupBy=policeZone&minCellSize=5`, { accept: 'text/csv' });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['kpi', 'kpi_title', 'period', 'period_start', 'police_zone_code', 'police_zone_name', 'count', 'median_seconds', 'median_days', 'p90_seconds', 'p90_days']);
    expect(rows.filter((r) => r[0] === 'pv-tot-beslissing').map((r) => [r[2], r[4], r[5], r[6], r[7], r[9]])).toEqual([
      ['2026-02', 'total', '', '10', '475200', '786240'],
      ['2026-02', '9901', 'Politiezone Carma', '6', '302400', '475200'],
      ['2026-02', '9902', 'Politiezone LRH', '<5', '', ''],
      ['2026-02', '', '', '<5', '', ''],
      ['2026-03', 'total', '', '<5', '', ''],
      ['2026-03', '9901', 'Politiezone Carma', '<5', '', ''],
      ['total', 'total', '', '13', '432000', '846720'],
      ['total', '9901', 'Politiezone Carma', '9', '345600', '622080'],
      ['total', '9902', 'Politiezone LRH', '<5', '', ''],
      ['total', '', '', '<5', '', ''],
    ]);
    // format=json wins over the Accept header.
    const json = await report(jurist, `tijd/lead-times?${WINDOW}&format=json`, { accept: 'text/csv' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('counts deadline compliance per clock source and period', async () => {
    type Compliance = { sources: Array<{ source: string; title: Record<string, string>; total: Record<string, unknown>; periods: Array<Record<string, unknown>> }> };
    const body = await h.ok<Compliance & Record<string, unknown>>(await report(jurist, `tijd/deadline-compliance?${WINDOW}`));
    expect(body).toMatchObject({ chain: 'tijd', from: '2026-02-01', to: '2026-03-31', period: 'month', minCellSize: 1 });
    const counts = (started: number, met: number, expired: number, metLate: number, running: number, cancelled: number, complianceRate: number | null) =>
      ({ started, met, expired, metLate, running, cancelled, complianceRate });
    expect(body.sources).toEqual([
      {
        source: CLOCK, title: label('Beslistermijn', 'Délai de décision', 'Decision deadline'),
        total: counts(9, 4, 2, 1, 2, 1, 0.6667),
        periods: [
          { period: '2026-02', periodStart: '2026-02-01', ...counts(8, 3, 2, 1, 2, 1, 0.6) },
          { period: '2026-03', periodStart: '2026-03-01', ...counts(1, 1, 0, 0, 0, 0, 1) },
        ],
      },
      {
        source: REFERRAL, title: label('Start werkstraf', 'Début', 'Start'),
        total: counts(1, 1, 0, 0, 0, 0, 1),
        periods: [{ period: '2026-02', periodStart: '2026-02-01', ...counts(1, 1, 0, 0, 0, 0, 1) }],
      },
    ]);

    // Small cells: the rate would give a withheld count away, so it goes too.
    const small = await h.ok<Compliance>(await report(jurist, `tijd/deadline-compliance?${WINDOW}&minCellSize=5`));
    expect(small.sources[0].periods[0]).toEqual({ period: '2026-02', periodStart: '2026-02-01', started: 8, met: '<5', expired: '<5', metLate: '<5', running: '<5', cancelled: '<5', complianceRate: null });
    expect(small.sources[0].periods[1]).toMatchObject({ started: '<5', met: '<5', expired: 0, complianceRate: null });

    const csv = await report(jurist, `tijd/deadline-compliance?${WINDOW}&format=csv`);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="deadline-compliance-tijd-2026-02-01-2026-03-31.csv"');
    expect(parseCsv(await csv.text())).toEqual([
      ['source', 'title', 'period', 'period_start', 'started', 'met', 'expired', 'met_late', 'running', 'cancelled', 'compliance_rate'],
      [CLOCK, 'Beslistermijn', '2026-02', '2026-02-01', '8', '3', '2', '1', '2', '1', '0.6'],
      [CLOCK, 'Beslistermijn', '2026-03', '2026-03-01', '1', '1', '0', '0', '0', '0', '1'],
      [CLOCK, 'Beslistermijn', 'total', '', '9', '4', '2', '1', '2', '1', '0.6667'],
      [REFERRAL, 'Start werkstraf', '2026-02', '2026-02-01', '1', '1', '0', '0', '0', '0', '1'],
      [REFERRAL, 'Start werkstraf', 'total', '', '1', '1', '0', '0', '0', '0', '1'],
    ]);
  });

  it('counts open cases per case type and state, every open state listed with its title', async () => {
    const body = await h.ok<Record<string, unknown>>(await report(analist, 'tijd/open-cases'));
    const title = label('Doorlooptijddossier', 'Dossier', 'Case');
    expect(body).toEqual({
      chain: 'tijd', minCellSize: 1,
      caseTypes: [{
        caseType: 'tijd-dossier', title, total: { count: 17, suppressed: false },
        states: [
          { state: 'intake', title: label('Intake', 'Accueil', 'Intake'), count: 1, suppressed: false },
          { state: 'beslist', title: label('Beslist', 'Décidé', 'Decided'), count: 15, suppressed: false },
          { state: 'uitvoering', title: label('Uitvoering', 'Exécution', 'Execution'), count: 1, suppressed: false },
        ],
      }],
    });
    const small = await h.ok<{ caseTypes: Array<{ states: Array<{ count: unknown; suppressed: boolean }> }> }>(await report(analist, 'tijd/open-cases?minCellSize=5'));
    expect(small.caseTypes[0].states.map((s) => [s.count, s.suppressed])).toEqual([['<5', true], [15, false], ['<5', true]]);

    const csv = await report(analist, 'tijd/open-cases', { accept: 'text/csv' });
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="open-cases-tijd-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(parseCsv(await csv.text())).toEqual([
      ['case_type', 'case_type_title', 'state', 'state_title', 'count'],
      ['tijd-dossier', 'Doorlooptijddossier', 'intake', 'Intake', '1'],
      ['tijd-dossier', 'Doorlooptijddossier', 'beslist', 'Beslist', '15'],
      ['tijd-dossier', 'Doorlooptijddossier', 'uitvoering', 'Uitvoering', '1'],
      ['tijd-dossier', 'Doorlooptijddossier', 'total', '', '17'],
    ]);
  });

  it('sees only its own district: another district of the same chain sees only its own case', async () => {
    const genkAnalist = await t.token(genk, { subject: 'genk-analist', roles: ['analist'] });
    const pv = kpi(await leadTimes(WINDOW, genkAnalist), 'pv-tot-beslissing');
    expect(pv.total).toEqual(cell(1, 30, 30));
    const open = await h.ok<{ caseTypes: Array<{ total: { count: number } }> }>(await report(genkAnalist, 'tijd/open-cases'));
    expect(open.caseTypes[0].total.count).toBe(1);
  });

  it('audits each report with purpose statistics and the chain as its object', async () => {
    const res = await report(analist, `tijd/lead-times?${WINDOW}`);
    expect(res.status).toBe(200);
    expect(await h.auditOf(hasselt, res)).toEqual([expect.objectContaining({
      action: 'report.lead-times', result: 'allowed', purpose: 'statistics', object_type: 'report', object_id: 'tijd', actor_subject: 'hasselt-analist', acting_function: 'analist',
    })]);
    const denied = await report(inspecteur, 'tijd/open-cases');
    await expectProblem(denied, 403, 'forbidden');
    expect(await h.auditOf(hasselt, denied)).toEqual([expect.objectContaining({ action: 'report.open-cases', result: 'denied', purpose: 'statistics' })]);
  });

  it('answers an unknown chain and a chain the district did not enable with the same 404', async () => {
    const shape = async (res: Response) => {
      const body = await expectProblem(res, 404, 'not-found');
      return { status: res.status, title: body.title, detail: body.detail };
    };
    for (const path of [`lead-times?${WINDOW}`, `deadline-compliance?${WINDOW}`, 'open-cases']) {
      expect(await shape(await report(jurist, `uit/${path}`))).toEqual(await shape(await report(jurist, `onbekend/${path}`)));
    }
  });

  it('refuses bad query input with 400 naming the field', async () => {
    const field = async (query: string, path = 'lead-times') => (await expectProblem(await report(jurist, `tijd/${path}?${query}`), 400, 'validation')).field;
    expect(await field('to=2026-03-31')).toBe('query.from');
    expect(await field('from=2026-02-30&to=2026-03-31')).toBe('query.from');
    expect(await field('from=2026-02-01&to=31-03-2026')).toBe('query.to');
    expect(await field('from=2026-03-01&to=2026-02-01')).toBe('query.to');
    expect(await field(`${WINDOW}&period=day`)).toBe('query.period');
    expect(await field(`${WINDOW}&groupBy=organisation`)).toBe('query.groupBy');
    expect(await field(`${WINDOW}&minCellSize=0`)).toBe('query.minCellSize');
    expect(await field(`${WINDOW}&format=xml`)).toBe('query.format');
    expect(await field('from=2026-03-01&to=2026-02-01', 'deadline-compliance')).toBe('query.to');
    expect(await field('minCellSize=abc', 'open-cases')).toBe('query.minCellSize');
  });

  it('refuses a caller without core.report.read with 403', async () => {
    for (const path of [`lead-times?${WINDOW}`, `deadline-compliance?${WINDOW}`, 'open-cases']) {
      await expectProblem(await report(inspecteur, `tijd/${path}`), 403, 'forbidden');
    }
    // Granted by default to the parket's functions, analysts and the district's administrator.
    const beheerder = await t.token(hasselt, { subject: 'hasselt-beheerder', roles: ['tenant-beheerder'] });
    expect((await report(beheerder, 'tijd/open-cases')).status).toBe(200);
  });

  it('describes the CSV responses in the OpenAPI document', async () => {
    const doc = await h.ok<{ paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }> }>(await t.request('GET', '/api/v1/openapi.json'));
    for (const name of ['lead-times', 'deadline-compliance', 'open-cases']) {
      expect(Object.keys(doc.paths[`/api/v1/reports/chains/{chain}/${name}`].get.responses['200'].content ?? {})).toEqual(['application/json', 'text/csv']);
    }
  });

  it('reports what the API itself recorded: a case registered and decided through HTTP', async () => {
    const maaseik = await t.createTenant('maaseik', ['tijd']);
    const beheerder = await t.token(maaseik, { subject: 'maaseik-beheerder', roles: ['tenant-beheerder'] });
    const parket = await h.organisation(beheerder, 'Parket Maaseik', 'parket', { chains: ['tijd'] });
    const zone = await h.organisation(beheerder, 'Politiezone Kempenland', 'politiezone', { policeZoneCode: '9903' });
    const member = async (name: string, org: string, fn: string) => {
      await h.user(beheerder, { name, email: `${name}@maaseik.example`, subject: `maaseik-${name}` }, [[org, fn]]);
      return t.token(maaseik, { subject: `maaseik-${name}` });
    };
    const maaseikJurist = await member('jurist', parket, 'parketjurist');
    const maaseikInspecteur = await member('inspecteur', zone, 'politie-inspecteur');

    const brusselsDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(d);
    const pvDate = brusselsDate(new Date(Date.now() - 3 * DAY * 1000));
    const created = await h.ok<{ id: string }>(await t.request('POST', '/api/v1/cases', {
      token: maaseikInspecteur,
      body: { chain: 'tijd', caseType: 'tijd-dossier', fields: { pvDate }, externalReferences: [{ kind: 'pv', value: 'KL.99.L1.000001/2026', policeZoneCode: '9903' }] },
    }), 201);
    await h.ok(await t.request('POST', `/api/v1/cases/${created.id}/transitions`, { token: maaseikJurist, body: { action: 'beslis' } }));
    const timeline = await h.ok<{ items: Array<{ kind: string; at: string }> }>(await t.request('GET', `/api/v1/cases/${created.id}/timeline`, { token: maaseikJurist }));
    const decidedAt = Date.parse(timeline.items.find((e) => e.kind === 'transitioned')!.at);
    // The PV date's midnight in Brussels, from the offset Brussels had on that day.
    const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', timeZoneName: 'shortOffset' })
      .formatToParts(new Date(`${pvDate}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value;
    const hours = Number(offset.replace('GMT', '') || '0');
    const expected = (decidedAt - (Date.parse(`${pvDate}T00:00:00Z`) - hours * 3_600_000)) / 1000;

    const to = brusselsDate(new Date(Date.now() + DAY * 1000));
    const body = await h.ok<LeadTimes>(await report(maaseikJurist, `tijd/lead-times?from=${pvDate}&to=${to}&period=year&groupBy=policeZone`));
    const pv = kpi(body, 'pv-tot-beslissing');
    expect(pv.total.count).toBe(1);
    // Milliseconds on the timeline, microseconds in the database: equal to the second.
    expect(Math.abs(pv.total.medianSeconds! - expected)).toBeLessThanOrEqual(1);
    expect(pv.zones).toEqual([expect.objectContaining({ policeZoneCode: '9903', policeZoneName: 'Politiezone Kempenland', count: 1 })]);
    const open = await h.ok<{ caseTypes: Array<{ states: Array<{ state: string; count: number }> }> }>(await report(maaseikJurist, 'tijd/open-cases'));
    expect(open.caseTypes[0].states.map((s) => [s.state, s.count])).toEqual([['intake', 0], ['beslist', 1], ['uitvoering', 0]]);
  });
});
