import { startTestPlatform, caseChains, caseDistrict, identityHelpers, type CaseDistrict, type TestPlatform } from '../../testing';
import { inTenant } from '../../kernel/tenancy/in-tenant';
import { visibleCaseSql, type Viewer } from './case-access';
import { caseListQuery, listCases, type CaseListFilters } from './case-list';

// The case list starts from what the viewer may see, so it must list exactly what
// visibleCaseSql lets the viewer see, page by page; and for a viewer who sees a handful, its plan
// must not read the district. Cases are written straight into the tables, enough of them for
// the planner to choose as it would in a real district.
const CASES = 20_000;

describe('case list', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let parketGezin: string;
  let viewers: Record<string, Viewer>;
  const q = <T>(sql: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.query<T>(sql, params));

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
    d = await caseDistrict(t, 'limburg');
    // Another district with cases of the same chains, which no list of this one may show.
    const other = await caseDistrict(t, 'antwerpen');
    parketGezin = await identityHelpers(t).organisation(d.beheerder, 'Parket gezin', 'parket', { chains: ['gezin'] });
    const { zone, parket, justitiehuis, caw } = d.orgs;
    for (const [tenant, orgs] of [[d.tenant.id, { zone, parket, justitiehuis, caw }], [other.tenant.id, other.orgs]] as const) {
      await inTenant(t.admin, tenant, async (m) => {
        await m.query('SELECT setseed(0.42)');
        await m.query(`INSERT INTO case_reference_counters (tenant_id, chain, year, last_number) VALUES ($1, 'snel', 2026, $2), ($1, 'gezin', 2026, $2)`, [tenant, CASES]);
        // Three cases to a minute, so the list's tie-break on id is tested too.
        await m.query(`
          INSERT INTO cases (tenant_id, chain, case_type, state, confidentiality, reference_year, reference_number, reference,
            registered_by_subject, registered_by_organisation_id, registered_at)
          SELECT $1, chain, chain || '-dossier', CASE WHEN random() < 0.3 THEN 'intake' ELSE 'afgesloten' END,
            CASE WHEN r < 0.8 THEN 'normaal' WHEN r < 0.9 THEN 'vertrouwelijk' ELSE 'strikt-vertrouwelijk' END,
            2026, i, upper(chain) || '-2026-' || lpad(i::text, 6, '0'),
            CASE WHEN w < 0.9 THEN 'iemand' WHEN w < 0.95 THEN 'solo-1' ELSE 'solo-2' END,
            CASE WHEN w < 0.7 THEN $2::uuid WHEN w < 0.9 THEN $3::uuid END,
            timestamptz '2026-01-01 08:00+01' + floor(i / 3) * interval '1 minute'
          FROM (SELECT i, CASE WHEN random() < 0.5 THEN 'snel' ELSE 'gezin' END AS chain, random() AS r, random() AS w
                FROM generate_series(1, $4::int) i) g`, [tenant, orgs.zone, orgs.parket, CASES]);
        // The registering organisation takes part; the parket joins some, the justitiehuis a few
        // and the CAW a handful.
        await m.query(`
          INSERT INTO case_participants (tenant_id, case_id, organisation_id, function, role, added_by_subject)
          SELECT tenant_id, id, registered_by_organisation_id, 'politie-inspecteur', 'aanmelder', 'iemand' FROM cases WHERE registered_by_organisation_id IS NOT NULL
          UNION ALL SELECT tenant_id, id, $1::uuid, 'magistraat', 'dossierbeheerder', 'iemand' FROM cases WHERE registered_by_organisation_id = $2 AND random() < 0.3
          UNION ALL SELECT tenant_id, id, $3::uuid, 'justitieassistent', 'doorverwezen-partner', 'iemand' FROM cases WHERE random() < 0.05
          UNION ALL SELECT tenant_id, id, $4::uuid, 'hulpverlener', 'doorverwezen-partner', 'iemand' FROM cases WHERE reference_number % 4001 = 7`,
        [orgs.parket, orgs.zone, orgs.justitiehuis, orgs.caw]);
        // One PV shared by several cases, and a notitienummer each for some.
        await m.query(`
          INSERT INTO case_external_references (tenant_id, case_id, kind, value, search_key, police_zone_code)
          SELECT tenant_id, id, 'pv', 'HA.55.L1.000042/2026', 'HA55L10000422026', '9901' FROM cases WHERE reference_number % 997 = 1
          UNION ALL SELECT tenant_id, id, 'notitienummer', 'LI.' || reference_number, 'LI' || reference_number, NULL FROM cases WHERE reference_number % 10 = 3`);
      });
    }
    await t.admin.query('ANALYZE cases; ANALYZE case_participants; ANALYZE case_external_references; ANALYZE organisations');
    viewers = {
      parket: { organisationId: parket, subject: 'limburg-jurist' },
      'parket of gezin': { organisationId: parketGezin, subject: 'gezin-jurist' },
      zone: { organisationId: zone, subject: 'limburg-inspecteur' },
      justitiehuis: { organisationId: justitiehuis, subject: 'limburg-assistent' },
      caw: { organisationId: caw, subject: 'limburg-hulpverlener' },
      'solo-1': { organisationId: null, subject: 'solo-1' },
      'solo-2': { organisationId: null, subject: 'solo-2' },
      nobody: { organisationId: null, subject: 'iemand-anders' },
      'another district': { organisationId: other.orgs.parket, subject: 'antwerpen-jurist' },
    };
  }, 120_000);
  afterAll(() => t.close());

  /** Everything the viewer may see with the filters, newest first, as visibleCaseSql says. */
  async function expected(viewer: Viewer, f: CaseListFilters) {
    return q<{ id: string; at: string }>(`
      SELECT c.id, c.registered_at::text AS at FROM cases c
      WHERE ${visibleCaseSql(1, 2)} AND ($3::text IS NULL OR c.chain = $3) AND ($4::text IS NULL OR c.state = $4)
        AND ($5::text IS NULL OR c.reference_key = $5 OR EXISTS (
          SELECT 1 FROM case_external_references r WHERE r.tenant_id = c.tenant_id AND r.case_id = c.id AND r.search_key = $5))
      ORDER BY c.registered_at DESC, c.id DESC`, [viewer.organisationId, viewer.subject, f.chain ?? null, f.state ?? null, f.reference ?? null]);
  }

  const page = (viewer: Viewer, f: CaseListFilters, limit: number, after?: [string, string]) =>
    t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => listCases(s, viewer, f, { limit, after }));

  const filters: CaseListFilters[] = [
    {}, { chain: 'snel' }, { state: 'intake' }, { chain: 'gezin', state: 'afgesloten' }, { chain: 'uit' },
    { reference: 'HA55L10000422026' }, { reference: 'LI13' }, { reference: 'SNEL2026000001' }, { reference: 'GEZIN2026000002' },
  ];

  it('lists exactly what each viewer may see, in order, on the first pages and from a cursor anywhere', async () => {
    let compared = 0;
    for (const [name, viewer] of Object.entries(viewers)) {
      for (const f of filters) {
        const all = await expected(viewer, f);
        for (const limit of [1, 7, 50]) {
          // The first pages, following the keyset as a client would.
          let after: [string, string] | undefined;
          for (let n = 0; n < 3; n++) {
            const rows = await page(viewer, f, limit, after);
            const from = n * limit;
            expect({ name, f, limit, n, ids: rows.map((r) => r.id) }).toEqual({ name, f, limit, n, ids: all.slice(from, from + limit + 1).map((r) => r.id) });
            compared++;
            if (rows.length <= limit) break;
            const last = rows[limit - 1];
            after = [last.at_key, last.id];
          }
          // From the middle and from the last case: the keyset continues exactly there.
          for (const k of all.length ? [Math.floor(all.length / 2), all.length - 1] : []) {
            const rows = await page(viewer, f, limit, [all[k].at, all[k].id]);
            expect({ name, f, limit, k, ids: rows.map((r) => r.id) }).toEqual({ name, f, limit, k, ids: all.slice(k + 1, k + 2 + limit).map((r) => r.id) });
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(200);
    // Sanity of the district itself: each kind of viewer is there.
    expect((await expected(viewers.parket, {})).length).toBeGreaterThan(CASES * 0.8);
    expect((await expected(viewers.caw, {})).length).toBeLessThan(10);
    expect((await expected(viewers['solo-2'], {})).length).toBeGreaterThan(0);
    expect(await expected(viewers['another district'], {})).toEqual([]);
  });

  /** The plan of a first page as the application role runs it: scans used and blocks touched. */
  async function planOf(viewer: Viewer, f: CaseListFilters = {}) {
    const { sql, params } = caseListQuery(viewer, f, { limit: 20 });
    const [{ 'QUERY PLAN': [plan] }] = await q<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
    const scans: string[] = [];
    const walk = (node: PlanNode) => {
      if (node['Relation Name']) scans.push(`${node['Node Type']} ${node['Index Name'] ?? ''} ${node['Relation Name']}`.replace('  ', ' '));
      node.Plans?.forEach(walk);
    };
    walk(plan.Plan);
    return { scans, blocks: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] };
  }
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; 'Shared Hit Blocks': number; 'Shared Read Blocks': number; Plans?: PlanNode[] };

  it('starts from what the viewer may see: a handful of cases costs a handful of blocks, never a walk of the district', async () => {
    for (const name of ['caw', 'solo-1', 'nobody', 'parket of gezin', 'parket', 'zone']) {
      const { scans, blocks } = await planOf(viewers[name]);
      expect({ name, seqScans: scans.filter((s) => s.startsWith('Seq Scan') && /cases|case_participants/.test(s)) }).toEqual({ name, seqScans: [] });
      // A page costs a few index descents per case on it (hits, mostly); checking the district's
      // 20,000 cases one by one would cost tens of thousands.
      expect({ name, cheap: blocks < 1_000 }).toEqual({ name, cheap: true });
    }
    expect((await planOf(viewers.caw)).scans.join('\n')).toMatch(/case_participants_organisation/);
    expect((await planOf(viewers['parket of gezin'])).scans.join('\n')).toMatch(/cases_tenant_chain_registered/);
    expect((await planOf(viewers['solo-1'])).scans.join('\n')).toMatch(/cases_registered_without_organisation/);
  });
});
