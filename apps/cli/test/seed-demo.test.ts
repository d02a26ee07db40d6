import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { seedCommand, type DemoSeedResult } from '../src/commands/seed';

// `ketenhuis seed demo` against a running platform's database: what it seeds is what the API then
// serves to the seeded users, and a second run changes nothing.
describe('ketenhuis seed demo', () => {
  let t: TestPlatform;
  let limburg: Tenant;
  let env: NodeJS.ProcessEnv;

  async function run(...argv: string[]): Promise<{ code: number; out: string[]; log: string[] }> {
    const out: string[] = [];
    const log: string[] = [];
    const code = await seedCommand(argv, { env, out: (s) => out.push(s), log: (s) => log.push(s) });
    return { code, out, log };
  }
  const counts = (tenant: Tenant) => t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<Record<string, number>>(`
    SELECT (SELECT count(*)::int FROM organisations) AS organisations, (SELECT count(*)::int FROM protocols) AS protocols,
      (SELECT count(*)::int FROM protocol_participants) AS participants, (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM memberships) AS memberships, (SELECT count(*)::int FROM audit_records) AS audit,
      (SELECT max(updated_at) FROM organisations) AS "lastChange"`)).then(([row]) => row);

  beforeAll(async () => {
    t = await startTestPlatform();
    limburg = await t.createTenant('limburg');
    env = { PATH: process.env.PATH, DATABASE_URL: t.db.adminUrl, DATABASE_OWNER_ROLE: t.db.ownerRole, DATABASE_APP_ROLE: t.db.appRole, LOG_LEVEL: 'silent' };
  });
  afterAll(() => t.close());

  it('seeds synthetic partners, a 458ter protocol and one user per function; --json prints what was seeded', async () => {
    const first = await run('demo', '--tenant', 'limburg', '--json');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.out.join('\n')) as DemoSeedResult;
    expect(result.changed).toBe(true);
    expect(result.organisations.every((o) => o.outcome === 'created')).toBe(true);
    const zones = result.organisations.filter((o) => o.type === 'politiezone');
    expect(zones).toHaveLength(2);
    expect(zones.every((z) => /^\d{4}$/.test(z.policeZoneCode ?? ''))).toBe(true);
    expect(result.organisations.map((o) => o.type)).toEqual(expect.arrayContaining(['parket', 'justitiehuis', 'veilig-huis', 'caw', 'cgg', 'opgroeien']));
    expect(result.protocols).toEqual([expect.objectContaining({ outcome: 'created', title: expect.stringMatching(/Veilig Huis/) })]);
    expect(result.users.map((u) => u.function)).toEqual(expect.arrayContaining(['magistraat', 'casusregisseur', 'hulpverlener', 'tenant-beheerder']));
    expect(new Set(result.users.map((u) => u.function)).size).toBe(result.users.length);
    expect(first.log.join('\n')).toMatch(/seeded demo data into limburg/);

    const seeded = await counts(limburg);
    expect(seeded).toMatchObject({ organisations: result.organisations.length, protocols: 1, users: result.users.length, memberships: result.users.length });
    expect(seeded.participants).toBeGreaterThan(10);
    // Every row written leaves its audit record.
    expect(seeded.audit).toBe(result.organisations.length + 1 + result.users.length);
  });

  it('a seeded user acts through the API with the function of its membership', async () => {
    const token = await t.token(limburg, { subject: 'demo-casusregisseur' });
    const res = await t.request('GET', '/api/v1/partners/protocols', { token });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { legalBasis: { type: string }; purpose: { code: string }; participants: unknown[] }[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ legalBasis: { type: 'gemotiveerde-machtiging-procureur' }, purpose: { code: 'bescherming-integriteit' } });
    // The hulpverlener may read, not manage.
    const care = await t.token(limburg, { subject: 'demo-hulpverlener' });
    expect((await t.request('POST', '/api/v1/partners/organisations', { token: care, body: { name: 'X', type: 'andere' } })).status).toBe(403);
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const before = await counts(limburg);
    const second = await run('demo', '--tenant', 'limburg');
    expect(second.code).toBe(0);
    expect(second.out.length).toBeGreaterThan(0);
    expect(second.out.every((l) => l.startsWith('= '))).toBe(true);
    expect(second.log.join('\n')).toMatch(/already complete: nothing changed/);
    expect(await counts(limburg)).toEqual(before);

    const json = JSON.parse((await run('demo', '--tenant', 'limburg', '--json')).out.join('\n')) as DemoSeedResult;
    expect(json.changed).toBe(false);
  });

  it('keeps what someone changed since, and seeds another district on its own', async () => {
    const admin = await t.token(limburg, { subject: 'demo-tenant-beheerder' });
    const list = (await (await t.request('GET', '/api/v1/partners/organisations?type=caw', { token: admin })).json()) as { items: { id: string }[] };
    expect((await t.request('PATCH', `/api/v1/partners/organisations/${list.items[0].id}`, { token: admin, body: { chains: ['ifg', 'jeugd'] } })).status).toBe(200);
    const rerun = JSON.parse((await run('demo', '--tenant', 'limburg', '--json')).out.join('\n')) as DemoSeedResult;
    expect(rerun.changed).toBe(false);
    const caw = (await (await t.request('GET', `/api/v1/partners/organisations/${list.items[0].id}`, { token: admin })).json()) as { chains: string[] };
    expect(caw.chains).toEqual(['ifg', 'jeugd']);

    const antwerpen = await t.createTenant('antwerpen');
    const other = JSON.parse((await run('demo', '--tenant', 'antwerpen', '--json')).out.join('\n')) as DemoSeedResult;
    expect(other.changed).toBe(true);
    expect((await counts(antwerpen)).organisations).toBe(other.organisations.length);
  });

  it('refuses an unknown tenant and bad arguments', async () => {
    await expect(run('demo', '--tenant', 'nergens')).rejects.toThrow(/--tenant: no tenant "nergens"/);
    await expect(run('demo')).rejects.toThrow(/missing --tenant/);
    await expect(run('fantasie')).rejects.toThrow(/unknown seed command "fantasie"/);
  });
});
