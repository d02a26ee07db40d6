import mModule from '@ketenhuis/chain-m';
import { parseNationalNumber, verifyAuditChain, type Tenant } from '@ketenhuis/core';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { seedCommand } from '../src/commands/seed';
import type { ScaleSeedResult } from '../src/commands/seed-scale';

// `ketenhuis seed scale` on a small district, then read back through the API as its users would:
// the parket lists every case of the chain, the police zone of a handful sees its handful, a
// person is found by national number, the big case's timeline pages past a thousand entries, and
// the numbers the platform checks (national numbers, case references, the audit chain) hold.
describe('ketenhuis seed scale', () => {
  const CASES = 300;
  let t: TestPlatform;
  let limburg: Tenant;
  let env: NodeJS.ProcessEnv;
  let first: ScaleSeedResult;
  let progress: string[];

  async function run(...argv: string[]): Promise<{ code: number; out: string[]; log: string[] }> {
    const out: string[] = [];
    const log: string[] = [];
    const code = await seedCommand(argv, { env, out: (s) => out.push(s), log: (s) => log.push(s) });
    return { code, out, log };
  }
  const sql = <T>(text: string, params: unknown[] = []) =>
    t.platform.uow.run({ tenantId: limburg.id, tenantSlug: limburg.slug }, (s) => s.query<T>(text, params));
  const get = async <T>(token: string, path: string): Promise<T> => {
    const res = await t.request('GET', path, { token });
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return (await res.json()) as T;
  };
  /** Every page of a list, following nextCursor. */
  async function all<T>(token: string, path: string): Promise<{ items: T[]; pages: number }> {
    const items: T[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await get<{ items: T[]; nextCursor?: string }>(token, `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      pages++;
      cursor = page.nextCursor;
    } while (cursor);
    return { items, pages };
  }

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [mModule] });
    limburg = await t.createTenant('limburg');
    env = {
      PATH: process.env.PATH, DATABASE_URL: t.db.adminUrl, DATABASE_OWNER_ROLE: t.db.ownerRole, DATABASE_APP_ROLE: t.db.appRole, LOG_LEVEL: 'silent',
      KETENHUIS_MODULES: '@ketenhuis/chain-m', KETENHUIS_ENCRYPTION_KEYS: t.platform.config.encryptionKeys, KETENHUIS_INDEX_KEY: t.platform.config.indexKey,
    };
    const seeded = await run('scale', '--tenant', 'limburg', '--cases', String(CASES), '--seed', '7', '--json');
    expect(seeded.code).toBe(0);
    first = JSON.parse(seeded.out.join('\n')) as ScaleSeedResult;
    progress = seeded.log;
  });
  afterAll(() => t.close());

  it('seeds the cases with persons, references, timelines and deadlines, and reports what it wrote', async () => {
    expect(first).toMatchObject({ tenant: 'limburg', seed: 7, cases: CASES, casesInDistrict: CASES });
    expect(progress).toContainEqual(expect.stringMatching(new RegExp(`^cases ${CASES}/${CASES}, [0-9.]+ s$`)));
    expect(progress.join('\n')).toMatch(/seeded 300 cases into limburg in [0-9.]+ s .* database kh_test_\w+ is \d+ [kMG]B/);
    const rows = Object.fromEntries(first.tables.map((x) => [x.table, x.districtRows]));
    expect(rows.cases).toBe(CASES);
    expect(rows.persons).toBe(first.persons);
    expect(rows.case_timeline).toBe(first.timelineEntries);
    expect(rows.deadlines).toBe(first.deadlines);
    // Every case has its PV and its registering organisation; a few per case on the timeline.
    expect(rows.case_external_references).toBeGreaterThanOrEqual(CASES);
    expect(rows.case_participants).toBeGreaterThanOrEqual(CASES);
    expect(rows.case_subjects).toBeGreaterThanOrEqual(CASES);
    expect(first.timelineEntries).toBeGreaterThan(CASES * 2 + 1000);
    expect(first.bigCase.timelineEntries).toBeGreaterThanOrEqual(1000);
    expect(first.database.bytes).toBeGreaterThan(0);
    // Cases over the past year, in several states, open and closed.
    const [spread] = await sql<{ days: number; states: number; open: number; closed: number }>(`
      SELECT (extract(epoch FROM max(registered_at) - min(registered_at)) / 86400)::int AS days, count(DISTINCT state)::int AS states,
        count(*) FILTER (WHERE state <> 'afgesloten')::int AS open, count(*) FILTER (WHERE state = 'afgesloten')::int AS closed FROM cases`);
    expect(spread.days).toBeGreaterThan(330);
    expect(spread.states).toBeGreaterThan(4);
    expect(spread.open).toBeGreaterThan(0);
    expect(spread.closed).toBeGreaterThan(0);
  });

  it('leaves each case where its timeline says it went, with the clocks of that state', async () => {
    // The state is the last transition's target; the version counts every change a reader saw.
    const [drift] = await sql<{ state: number; version: number; running: number }>(`
      SELECT count(*) FILTER (WHERE c.state <> coalesce(last.data->>'to', 'intake'))::int AS state,
        count(*) FILTER (WHERE c.version <> 1 + changes.n)::int AS version,
        (SELECT count(*)::int FROM deadlines d JOIN cases x ON x.id = d.case_id
          WHERE d.state = 'running' AND (d.due_at <= now() OR x.state NOT IN ('intake', 'hoorzitting', 'verval-strafvordering-betaling',
            'onmiddellijke-minnelijke-schikking', 'oproeping-bij-pv'))) AS running
      FROM cases c
      LEFT JOIN LATERAL (SELECT t.data FROM case_timeline t WHERE t.case_id = c.id AND t.kind = 'transitioned' ORDER BY t.at DESC, t.id DESC LIMIT 1) last ON true
      CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM case_timeline t WHERE t.case_id = c.id
        AND t.kind IN ('transitioned', 'participant-added', 'subject-added', 'updated')) changes`);
    expect(drift).toEqual({ state: 0, version: 0, running: 0 });
    // Warnings and expiries the sweep would have applied are applied, each with its timeline entry.
    const [sweep] = await sql<{ warned: number; warnings: number; expired: number; expiries: number; due: number }>(`
      SELECT (SELECT count(*)::int FROM deadlines WHERE warned_at IS NOT NULL) AS warned,
        (SELECT count(*)::int FROM case_timeline WHERE kind = 'deadline-warning') AS warnings,
        (SELECT count(*)::int FROM deadlines WHERE state = 'expired') AS expired,
        (SELECT count(*)::int FROM case_timeline WHERE kind = 'deadline-expired') AS expiries,
        (SELECT count(*)::int FROM deadlines WHERE state = 'running' AND warned_at IS NULL AND warn_at <= now()) AS due`);
    expect(sweep).toEqual({ ...sweep, warnings: sweep.warned, expiries: sweep.expired, due: 0 });
  });

  it('keeps the reference counters gap-free and the audit chain intact', async () => {
    const counters = await sql<{ year: number; last_number: number; n: number; max: number }>(`
      SELECT k.year, k.last_number, count(c.id)::int AS n, max(c.reference_number) AS max
      FROM case_reference_counters k JOIN cases c ON c.chain = k.chain AND c.reference_year = k.year
      WHERE k.chain = 'm' GROUP BY k.year, k.last_number`);
    expect(counters.length).toBeGreaterThan(0);
    for (const c of counters) expect(c).toEqual({ ...c, n: c.last_number, max: c.last_number });
    const verdict = await verifyAuditChain(t.admin, limburg.id);
    expect(verdict.ok).toBe(true);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records WHERE action = 'seed.scale'`);
    expect(n).toBe(1);
  });

  it('gives every person a valid national number, encrypted and indexed as the platform does', async () => {
    const persons = await sql<{ id: string; birth_date: string | null; sex: string; national_number_ciphertext: string; national_number_index: string; national_number_kind: string }>(
      `SELECT id, birth_date::text, sex, national_number_ciphertext, national_number_index, national_number_kind FROM persons`);
    expect(persons).toHaveLength(first.persons);
    for (const p of persons) {
      const digits = t.platform.cipher.decrypt(p.national_number_ciphertext, limburg.id);
      const parsed = parseNationalNumber(digits);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(p.national_number_index).toBe(t.platform.cipher.blindIndex(digits, limburg.id));
      expect(p.national_number_kind).toBe(parsed.value.kind);
      expect(p.sex).toBe(parsed.value.sex);
    }
    expect(new Set(persons.map((p) => p.national_number_index)).size).toBe(persons.length);
  });

  it('lets the parket list every case of the chain through the API, and the handful zone only its own', async () => {
    const parket = await t.token(limburg, { subject: 'demo-magistraat' });
    const { items, pages } = await all<{ id: string; chain: string; externalReferences: { kind: string }[] }>(parket, '/api/v1/cases?chain=m');
    // The parket sees every case of its chain but the strictly confidential ones it takes no part in.
    const [{ visible }] = await sql<{ visible: number }>(`
      SELECT count(*)::int AS visible FROM cases c JOIN organisations o ON o.name = 'Parket Demo'
      WHERE c.confidentiality <> 'strikt-vertrouwelijk'
         OR EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.id AND p.organisation_id = o.id)`);
    expect(items).toHaveLength(visible);
    expect(visible).toBeGreaterThan(CASES * 0.95);
    expect(pages).toBeGreaterThan(2);
    expect(items.every((c) => c.chain === 'm' && c.externalReferences.some((r) => r.kind === 'pv'))).toBe(true);

    const handful = await t.token(limburg, { subject: first.handfulZone.user });
    const own = await all<{ id: string }>(handful, '/api/v1/cases');
    expect(own.items).toHaveLength(first.handfulZone.cases);
    expect(first.handfulZone.cases).toBe(5);
  });

  it('finds a person by national number through the API', async () => {
    const [person] = await sql<{ id: string; national_number_ciphertext: string }>('SELECT id, national_number_ciphertext FROM persons ORDER BY created_at DESC LIMIT 1');
    const digits = t.platform.cipher.decrypt(person.national_number_ciphertext, limburg.id);
    const parket = await t.token(limburg, { subject: 'demo-magistraat' });
    const found = await get<{ items: { id: string; nationalNumber?: string }[] }>(parket, `/api/v1/persons?nationalNumber=${digits}`);
    expect(found.items.map((p) => p.id)).toEqual([person.id]);
  });

  it('pages through the big case timeline past a thousand entries, oldest first', async () => {
    const parket = await t.token(limburg, { subject: 'demo-magistraat' });
    const body = await get<{ id: string; externalReferences: unknown[]; subjects: unknown[] }>(parket, `/api/v1/cases/${first.bigCase.id}`);
    expect(body.externalReferences.length).toBeGreaterThan(30);
    const { items, pages } = await all<{ at: string; kind: string; note?: { text: string } }>(parket, `/api/v1/cases/${first.bigCase.id}/timeline`);
    expect(items).toHaveLength(first.bigCase.timelineEntries);
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(items[0].kind).toBe('registered');
    expect(items.filter((i) => i.kind === 'note-added' && i.note?.text.startsWith('Synthetische notitie'))).toHaveLength(1000);
    const times = items.map((i) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('adds more cases on a second run, numbered after the first', async () => {
    const second = await run('scale', '--tenant', 'limburg', '--cases', '50', '--seed', '7', '--json');
    expect(second.code).toBe(0);
    expect(second.log.join('\n')).toMatch(/already holds 300 cases of chain m: adding 50 more/);
    const result = JSON.parse(second.out.join('\n')) as ScaleSeedResult;
    expect(result.casesInDistrict).toBe(CASES + 50);
    const [{ n, references, indexes }] = await sql<{ n: number; references: number; indexes: number }>(`
      SELECT (SELECT count(*)::int FROM cases) AS n, (SELECT count(DISTINCT reference)::int FROM cases) AS references,
        (SELECT count(DISTINCT national_number_index)::int FROM persons) AS indexes`);
    expect(n).toBe(CASES + 50);
    expect(references).toBe(n);
    expect(indexes).toBe(first.persons + result.persons);
    expect((await verifyAuditChain(t.admin, limburg.id)).ok).toBe(true);
  });

  it('refuses bad arguments and a district without chain m', async () => {
    await expect(run('scale', '--tenant', 'limburg')).rejects.toThrow(/missing --cases/);
    await expect(run('scale', '--tenant', 'limburg', '--cases', 'veel')).rejects.toThrow(/--cases must be a whole number/);
    await expect(run('scale', '--tenant', 'limburg', '--cases', '0')).rejects.toThrow(/--cases must be a whole number from 1/);
    await t.createTenant('gent', []);
    await expect(run('scale', '--tenant', 'gent', '--cases', '5')).rejects.toThrow(/chain m is not enabled in gent/);
    const keyless = { ...env, KETENHUIS_ENCRYPTION_KEYS: '' };
    await expect(seedCommand(['scale', '--tenant', 'limburg', '--cases', '5'], { env: keyless, out: () => undefined, log: () => undefined }))
      .rejects.toThrow(/set KETENHUIS_ENCRYPTION_KEYS and KETENHUIS_INDEX_KEY/);
  });
});
