import { Writable } from 'node:stream';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { eventually, fixtureModule, mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';
import type { Tenant } from '../../index';
import { startTestPlatform, testRedisUrl, type TestPlatform } from '../../testing';

// Synthetic numbers with valid check digits (generated, never real people).
const rng = mulberry32(20261129);
const canary = syntheticNationalNumber(rng, { birthYear: 1985, sex: 'M' });
const bisCanary = syntheticNationalNumber(rng, { birthYear: 2004, bis: 'sex-known' });
const dotted = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
const spaced = (d: string) => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;

type PersonBody = { id: string; firstName: string; birthDate: string | null; sex: string | null; nationalNumber?: string; nationalNumberMasked?: string; hasNationalNumber: boolean };

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

  const register = (body: unknown, token = magistraat) => t.request('POST', '/api/v1/persons', { token, body });

  it('registers a person with a national number typed any way, filling birth date and sex from it', async () => {
    const res = await register({ firstName: 'Jan', lastName: 'Peeters', nationalNumber: spaced(canary) });
    expect(res.status).toBe(201);
    const p = (await res.json()) as PersonBody;
    expect(res.headers.get('location')).toBe(`/api/v1/persons/${p.id}`);
    expect(p).toEqual(expect.objectContaining({ firstName: 'Jan', sex: 'M', hasNationalNumber: true, nationalNumber: dotted(canary) }));
    expect(p.birthDate).toMatch(/^1985-\d\d-\d\d$/);
  });

  it('refuses an invalid number with 400 naming the field, and a contradicting birth date', async () => {
    const wrongCheck = canary.slice(0, 9) + String((Number(canary.slice(9)) + 1) % 100).padStart(2, '0');
    const res = await register({ firstName: 'X', lastName: 'Y', nationalNumber: wrongCheck });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await res.json()) as { field: string }).field).toBe('body.nationalNumber');

    const contradiction = await register({ firstName: 'X', lastName: 'Y', nationalNumber: bisCanary, birthDate: '1999-01-01' });
    expect(contradiction.status).toBe(400);
    expect(((await contradiction.json()) as { field: string }).field).toBe('body.birthDate');
  });

  it('answers 409 for a number already registered, pointing to the existing person', async () => {
    const first = (await (await register({ firstName: 'Els', lastName: 'Janssens', nationalNumber: bisCanary })).json()) as PersonBody;
    const again = await register({ firstName: 'Elsje', lastName: 'Janssens', nationalNumber: dotted(bisCanary) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { existing: string }).existing).toBe(`/api/v1/persons/${first.id}`);
  });

  it('masks the number for callers without the identifier permission', async () => {
    const [found] = ((await (await t.request('GET', `/api/v1/persons?nationalNumber=${dotted(canary)}`, { token: hulpverlener })).json()) as { items: PersonBody[] }).items;
    expect(found.nationalNumber).toBeUndefined();
    expect(found.nationalNumberMasked).toBe(`**.**.**-***.${canary.slice(9)}`);
    expect((await t.request('GET', `/api/v1/persons/${found.id}`, { token: analist })).status).toBe(403);
  });

  it('finds persons by fuzzy name', async () => {
    const res = await t.request('GET', '/api/v1/persons?name=jan%20peters', { token: magistraat });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: PersonBody[] }).items.map((p) => p.firstName)).toContain('Jan');
    const none = await t.request('GET', '/api/v1/persons', { token: magistraat });
    expect(none.status).toBe(400);
  });

  it('another district sees neither the person nor a match on the same number', async () => {
    const token = await t.token(antwerpen, { roles: ['magistraat'] });
    const [mine] = ((await (await t.request('GET', `/api/v1/persons?nationalNumber=${canary}`, { token: magistraat })).json()) as { items: PersonBody[] }).items;
    expect((await t.request('GET', `/api/v1/persons/${mine.id}`, { token })).status).toBe(404);
    const search = (await (await t.request('GET', `/api/v1/persons?nationalNumber=${canary}`, { token })).json()) as { items: unknown[] };
    expect(search.items).toEqual([]);
    // ...and may register the same person in its own registry.
    expect((await register({ firstName: 'Jan', lastName: 'Peeters', nationalNumber: canary }, token)).status).toBe(201);
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
