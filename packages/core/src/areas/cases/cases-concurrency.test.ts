import { randomUUID } from 'node:crypto';
import type { Actor } from '@ketenhuis/sdk';
import { caseReferenceSql, formatCaseReference, registerCase } from './case-registration';
import { startTestPlatform, caseApi, caseChains, caseDistrict, type TestPlatform, type CaseBody, type CaseDistrict } from '../../testing';

const REGISTRATIONS = 50;
const FAILURES = 12;

// Case references are numbered per tenant, chain and year without gaps or duplicates, also when
// many registrations race and some fail after they took a number (it must be given back).
describe('case reference numbering under concurrency', () => {
  let t: TestPlatform;
  let d: CaseDistrict;
  let api: ReturnType<typeof caseApi>;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains, poolMax: 8 });
    api = caseApi(t);
    d = await caseDistrict(t, 'limburg');
  });
  afterAll(() => t.close());

  it(`${REGISTRATIONS} parallel registrations and ${FAILURES} failing ones leave the numbers 1..${REGISTRATIONS}, each once`, async () => {
    const person = await api.person(d.jurist);
    // A person id of nobody: the foreign key refuses it and the registration rolls back whole.
    const failing = { chain: 'gezin', caseType: 'gezin-dossier', subjects: [{ personId: person, role: 'slachtoffer' }, { personId: randomUUID(), role: 'verdachte' }] };
    const good = { chain: 'gezin', caseType: 'gezin-dossier', subjects: [{ personId: person, role: 'slachtoffer' }] };
    // The failures interleaved among the successes, so they take numbers in the middle of the run.
    const total = REGISTRATIONS + FAILURES;
    const bodies = Array.from({ length: total }, (_, i) => (Math.floor(((i + 1) * FAILURES) / total) > Math.floor((i * FAILURES) / total) ? failing : good));

    const responses = await Promise.all(bodies.map((body) => api.register(d.inspecteur, body)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(REGISTRATIONS).fill(201), ...Array(FAILURES).fill(400)]);

    for (const r of responses.filter((x) => x.status === 400)) expect(((await r.json()) as { field: string }).field).toBe('body.subjects.1.personId');
    const created = await Promise.all(responses.filter((r) => r.status === 201).map(async (r) => (await r.json()) as CaseBody));
    // Grouped by year: a run across New Year's midnight (Brussels) starts the count again.
    const byYear = new Map<string, number[]>();
    for (const c of created) {
      const [, year, n] = /^GEZIN-(\d{4})-(\d{6})$/.exec(c.reference)!;
      byYear.set(year, [...(byYear.get(year) ?? []), Number(n)]);
    }
    for (const numbers of byYear.values()) {
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    }
    expect(new Set(created.map((c) => c.reference)).size).toBe(REGISTRATIONS);

    // The failed registrations left nothing behind, and the counter stands at the last number.
    const rows = await t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, async (s) => ({
      cases: await s.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE chain = 'gezin'`),
      counters: await s.query<{ last: number }>(`SELECT sum(last_number)::int AS last FROM case_reference_counters WHERE chain = 'gezin'`),
    }));
    expect(rows.cases[0].n).toBe(REGISTRATIONS);
    expect(rows.counters[0].last).toBe(REGISTRATIONS);

    // The next registration continues the count.
    const next = await api.registered(d.inspecteur, good);
    expect(Number(next.reference.split('-').pop())).toBe(byYear.get(next.reference.split('-')[1])!.length + 1);
  });

  it('numbers chains and districts independently', async () => {
    const other = await caseDistrict(t, 'antwerpen');
    const [a, b] = await Promise.all([api.registered(other.inspecteur), api.registered(d.inspecteur)]);
    expect(a.reference).toMatch(/^SNEL-\d{4}-000001$/);
    expect(b.reference).toMatch(/^SNEL-\d{4}-000001$/);
  });

  it('gives the number back when the registration fails after taking it', async () => {
    const other = await caseDistrict(t, 'gent');
    const scope = { tenantId: other.tenant.id, tenantSlug: other.tenant.slug };
    const operator: Actor = { subject: 'operator', roles: [], permissions: new Set() };
    const taken = t.platform.uow.run(scope, async (s) => {
      const { row } = await registerCase(s, operator, { chain: 'snel', caseType: 'snel-dossier' });
      expect(row.reference).toMatch(/^SNEL-\d{4}-000001$/);
      throw new Error('the commit never comes');
    });
    await expect(taken).rejects.toThrow('the commit never comes');
    expect((await api.registered(other.inspecteur)).reference).toMatch(/^SNEL-\d{4}-000001$/);
  });

  it('refuses to commit a case that never took its reference', async () => {
    const unnumbered = t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.query(
      `INSERT INTO cases (tenant_id, chain, case_type, state, registered_by_subject) VALUES ($1, 'snel', 'snel-dossier', 'intake', 'operator')`,
      [d.tenant.id]));
    await expect(unnumbered).rejects.toMatchObject({ code: '23502', constraint: 'cases_reference_taken' });
  });

  it('writes a reference in SQL exactly as formatCaseReference does, past six digits too', async () => {
    for (const n of [1, 42, 999_999, 1_000_000]) {
      const [row] = await t.admin.query(`SELECT ${caseReferenceSql('$1::text', '$2::int', '$3::int')} AS reference`, ['gezin', 2026, n]) as Array<{ reference: string }>;
      expect(row.reference).toBe(formatCaseReference('gezin', 2026, n));
    }
  });
});
