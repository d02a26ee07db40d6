import { Writable } from 'node:stream';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { eventually, fixtureModule, mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, testRedisUrl, ok, type ApiQuery, type ApiSchema, type TestPlatform } from '../../testing';

// Synthetic numbers with valid check digits (generated, never real people).
const rng = mulberry32(20261129);
const canary = syntheticNationalNumber(rng, { birthYear: 1985, sex: 'M' });
const bisCanary = syntheticNationalNumber(rng, { birthYear: 2004, bis: 'sex-known' });
const dotted = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
const spaced = (d: string) => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;

describe('persons', () => {
  const logs: string[] = [];
  const logDestination = new Writable({ write(chunk, _e, cb) { logs.push(chunk.toString()); cb(); } });
  let t: TestPlatform;
  let limburg: Tenant;
  let antwerpen: Tenant;
  let magistraat: string;
  let hulpverlener: string;
  let analist: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule], worker: true, redisUrl: testRedisUrl(), logDestination, config: { logLevel: 'debug' } });
    limburg = await t.createTenant('limburg');
    antwerpen = await t.createTenant('antwerpen');
    magistraat = await t.token(limburg, { subject: 'magistraat-1', roles: ['magistraat'] });
    hulpverlener = await t.token(limburg, { subject: 'hulpverlener-1', roles: ['hulpverlener'] });
    analist = await t.token(limburg, { subject: 'analist-1', roles: ['analist'] });
  });
  afterAll(async () => {
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${t.db.name}:*`);
    await t.close();
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const register = (body: ApiSchema<'PersonInput'>, token = magistraat) => t.client(token).POST('/api/v1/persons', { body });
  const search = (token: string, query: ApiQuery<'/api/v1/persons'>) => t.client(token).GET('/api/v1/persons', { params: { query } });
  const read = (token: string, id: string) => t.client(token).GET('/api/v1/persons/{id}', { params: { path: { id } } });

  it('registers a person with a national number typed any way, filling birth date and sex from it', async () => {
    const res = await register({ firstName: 'Jan', lastName: 'Peeters', nationalNumber: spaced(canary) });
    const p = ok(res, 201);
    expect(res.response.headers.get('location')).toBe(`/api/v1/persons/${p.id}`);
    expect(p).toEqual(expect.objectContaining({ firstName: 'Jan', sex: 'M', hasNationalNumber: true, nationalNumber: dotted(canary) }));
    expect(p.birthDate).toMatch(/^1985-\d\d-\d\d$/);
  });

  it('refuses an invalid number with 400 naming the field, and a contradicting birth date', async () => {
    const wrongCheck = canary.slice(0, 9) + String((Number(canary.slice(9)) + 1) % 100).padStart(2, '0');
    const res = await register({ firstName: 'X', lastName: 'Y', nationalNumber: wrongCheck });
    expect(res.response.status).toBe(400);
    expect(res.response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(res.error?.field).toBe('body.nationalNumber');

    const contradiction = await register({ firstName: 'X', lastName: 'Y', nationalNumber: bisCanary, birthDate: '1999-01-01' });
    expect(contradiction.response.status).toBe(400);
    expect(contradiction.error?.field).toBe('body.birthDate');
  });

  it('answers 409 for a number already registered, pointing to the existing person', async () => {
    const first = ok(await register({ firstName: 'Els', lastName: 'Janssens', nationalNumber: bisCanary }), 201);
    const again = await register({ firstName: 'Elsje', lastName: 'Janssens', nationalNumber: dotted(bisCanary) });
    expect(again.response.status).toBe(409);
    expect(again.error?.existing).toBe(`/api/v1/persons/${first.id}`);
  });

  it('masks the number for callers without the identifier permission', async () => {
    const [found] = ok(await search(hulpverlener, { nationalNumber: dotted(canary) })).items;
    expect(found.nationalNumber).toBeUndefined();
    expect(found.nationalNumberMasked).toBe(`**.**.**-***.${canary.slice(9)}`);
    expect((await read(analist, found.id)).response.status).toBe(403);
  });

  it('finds persons by fuzzy name', async () => {
    const res = await search(magistraat, { name: 'jan peters' });
    expect(ok(res).items.map((p) => p.firstName)).toContain('Jan');
    // Valid for the contract (both parameters are optional); the platform needs one of them.
    const none = await t.client(magistraat).GET('/api/v1/persons');
    expect(none.response.status).toBe(400);
  });

  it('another district sees neither the person nor a match on the same number', async () => {
    const token = await t.token(antwerpen, { roles: ['magistraat'] });
    const [mine] = ok(await search(magistraat, { nationalNumber: canary })).items;
    expect((await read(token, mine.id)).response.status).toBe(404);
    const theirs = ok(await search(token, { nationalNumber: canary }));
    expect(theirs.items).toEqual([]);
    // ...and may register the same person in its own registry.
    expect((await register({ firstName: 'Jan', lastName: 'Peeters', nationalNumber: canary }, token)).response.status).toBe(201);
  });

  it('never holds a canary number in plaintext: not in any table, not in the logs, not in Redis', async () => {
    const forms = [canary, dotted(canary), spaced(canary), bisCanary, dotted(bisCanary)];
    // Every row of every table, as the superuser (past RLS), queues' schema included.
    const client = new Client({ connectionString: t.db.adminUrl });
    await client.connect();
    try {
      const tables = (await client.query(`SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'bullmq')`)).rows;
      expect(tables.length).toBeGreaterThan(5);
      for (const { schemaname, tablename } of tables) {
        const { rows } = await client.query(`SELECT t::text AS row FROM "${schemaname}"."${tablename}" t`);
        for (const { row } of rows) for (const form of forms) expect(`${tablename}: ${row}`).not.toContain(form);
      }
    } finally {
      await client.end();
    }
    await eventually(async () => expect(logs.length).toBeGreaterThan(0));
    await eventually(async () => {
      const [{ n }] = await t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL'));
      expect(n).toBe(0);
    });
    for (const form of forms) expect(logs.join('')).not.toContain(form);
    // The registrations went through the outbox to Redis as events: those jobs must carry ids only.
    const outbox = await t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) => s.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'core.person-registered' AND published_at IS NOT NULL`));
    expect(outbox[0].n).toBeGreaterThanOrEqual(2);
    const redis = new Redis(testRedisUrl());
    try {
      expect((await redis.keys(`${t.db.name}:core.events:*`)).length).toBeGreaterThan(0);
      for (const key of await redis.keys(`${t.db.name}:*`)) {
        // DUMP serialises any type of value; numbers would show in it as text.
        const dump = (await redis.call('DUMP', key)) as string | null;
        for (const form of forms) expect(dump ?? '').not.toContain(form);
      }
    } finally {
      await redis.quit();
    }
  });
});
