import { Client } from 'pg';
import { Redis } from 'ioredis';
import mModule from '@ketenhuis/chain-m';
import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, testRedisUrl, identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { eventually, fixtureModule, mulberry32, syntheticNationalNumber, captureLogs } from '@ketenhuis/testing';
import { CanaryScanner, notations, scanDatabase, scanPgDump, scanRedis, type Canary, type Finding } from './support/canary-scan';
import { probeModule } from './support/probe-module';

// Nothing sensitive at rest or in logs. Canaries (synthetic national and BIS numbers, client
// and webhook secrets) go through every path a client can use, the ones the platform refuses
// and the ones that end in a logged error included; then every place the platform keeps
// anything is scanned for every notation of every canary. A failure lists
// { canary, notation, place, occurrences, excerpt }.
//
// Besides fixture and chain M, a chain module test double (support/probe-module.ts) is loaded:
// its routes throw an Error and fail a statement in the database, so "a path that ends in a
// logged error" exists whatever the platform refuses up front.

// Synthetic numbers with valid check digits, from a fixed seed: generated, never real people.
const rng = mulberry32(20261207);
const nn = (opts: Parameters<typeof syntheticNationalNumber>[1] = {}) => syntheticNationalNumber(rng, opts);
const { dotted, spaced, dashed } = notations;
const encodedDotted = notations['url-encoded dotted (%2E)'];
const encodedSpaced = notations['url-encoded spaced (%20)'];
const formSpaced = notations['form-encoded spaced (+)'];

/** One national or BIS number per path, so a finding's canary name says how it travelled. */
const N = {
  registeredIdempotent: nn({ birthYear: 1985, sex: 'M' }),
  registeredPlain: nn({ birthYear: 1972, sex: 'F' }),
  bisRegisteredIdempotent: nn({ birthYear: 2004, bis: 'sex-known' }),
  registeredDashedIdempotent: nn({ birthYear: 1990 }),
  refused400Idempotent: nn({ birthYear: 1970 }),
  malformedJson: nn({ birthYear: 1961 }),
  dbError500: nn({ birthYear: 1999 }),
  fixtureTitleDbError500: nn({ birthYear: 1958 }),
  errorMessage500: nn({ birthYear: 1983 }),
  queryParameter500: nn({ birthYear: 1949 }),
  searchedUnknown: nn({ birthYear: 1981 }),
  bisSearchedUnknown: nn({ birthYear: 2010, bis: 'sex-unknown' }),
  caseReference: nn({ birthYear: 1977 }),
  forbidden403: nn({ birthYear: 1966 }),
  validation400And404: nn({ birthYear: 1994 }),
  unauthenticated401: nn({ birthYear: 1953 }),
  requestIdHeader: nn({ birthYear: 1988 }),
};

const numberCanaries: Canary[] = [
  { name: 'registered (JSON body, spaced) with Idempotency-Key, then replayed; searched in 5 query notations', kind: 'national number', value: N.registeredIdempotent },
  { name: 'registered (JSON body, plain); re-registered (dotted) with Idempotency-Key → 409', kind: 'national number', value: N.registeredPlain },
  { name: 'registered (JSON body, dotted) with Idempotency-Key; searched dotted', kind: 'BIS number', value: N.bisRegisteredIdempotent },
  { name: 'registered (JSON body, dashed) with Idempotency-Key', kind: 'national number', value: N.registeredDashedIdempotent },
  { name: 'registered with a contradicting birth date and Idempotency-Key → 400', kind: 'national number', value: N.refused400Idempotent },
  { name: 'in a malformed JSON body with Idempotency-Key → 400', kind: 'national number', value: N.malformedJson },
  { name: 'registered with a NUL in the first name and Idempotency-Key (refused, or a database error)', kind: 'national number', value: N.dbError500 },
  { name: 'in a fixture item title with a NUL (refused, or a database error)', kind: 'national number', value: N.fixtureTitleDbError500 },
  { name: 'in the message of an unhandled Error (dotted, and form-encoded) → 500, logged', kind: 'national number', value: N.errorMessage500 },
  { name: 'the parameter of a statement that fails in the database (plain and spaced) → 500, logged', kind: 'national number', value: N.queryParameter500 },
  { name: 'searched, not registered (plain, %2E, %20, +, dashed)', kind: 'national number', value: N.searchedUnknown },
  { name: 'searched, not registered (dotted, +)', kind: 'BIS number', value: N.bisSearchedUnknown },
  { name: 'case search ?reference= (plain, %2E, %20, +)', kind: 'national number', value: N.caseReference },
  { name: 'searched by a caller without permission → 403', kind: 'national number', value: N.forbidden403 },
  { name: 'in a path id, an unknown query parameter, an unknown body property, a too-long query → 400; in an unknown path → 404', kind: 'national number', value: N.validation400And404 },
  { name: 'in the URL of requests without or with a bad token → 401', kind: 'national number', value: N.unauthenticated401 },
  // Outside the paths of the main list: a caller's X-Request-Id (the platform keeps sane ids).
  { name: 'sent as the X-Request-Id header (dotted and plain)', kind: 'national number', value: N.requestIdHeader, group: 'request-id' },
];

type Sent = { what: string; method: string; path: string; status: number; expected: number[] };

describe('canaries: nothing sensitive at rest or in logs', () => {
  const logs = captureLogs();
  let t: TestPlatform;
  let limburg: Tenant;
  let magistraat: string;
  let analist: string;
  let beheerder: string;
  let medewerker: string;
  let webbeheerder: string;
  let webOrg: string;
  const secretCanaries: Canary[] = [];
  const sent: Sent[] = [];
  let scanner: CanaryScanner;
  const stats: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, mModule, probeModule], worker: true, redisUrl: testRedisUrl(), logDestination: logs.destination, config: { logLevel: 'info' } });
    limburg = await t.createTenant('limburg');
    magistraat = await t.token(limburg, { subject: 'magistraat-1', roles: ['magistraat'] });
    analist = await t.token(limburg, { subject: 'analist-1', roles: ['analist'] });
    beheerder = await t.token(limburg, { subject: 'beheerder-1', roles: ['tenant-beheerder'] });
    medewerker = await t.token(limburg, { subject: 'medewerker-1', roles: ['administratief-medewerker'] });
    const h = identityHelpers(t);
    webOrg = await h.organisation(beheerder, 'Politiezone Carma', 'politiezone', { policeZoneCode: '5381' });
    await h.user(beheerder, { name: 'webbeheerder', email: 'webbeheerder@limburg.example', subject: 'limburg-webbeheerder' }, [[webOrg, 'tenant-beheerder']]);
    webbeheerder = await t.token(limburg, { subject: 'limburg-webbeheerder' });
  });
  afterAll(async () => {
    if (scanner) {
      const by = (prefix: string) => scanner.places.filter((p) => p.startsWith(prefix)).length;
      console.log(`canary scan: places scanned ${scanner.places.length} (tables ${by('table ')}, pg_dump ${by('pg_dump')}, log lines ${by('log line')}, `
        + `redis ${by('redis ')} (${stats.redisKeys ?? 0} keys × DUMP and value), metrics ${by('metrics')}), `
        + `canaries ${scanner.canaries.length}, occurrences ${scanner.occurrences(main)} (and ${scanner.occurrences((f) => !main(f))} of the X-Request-Id canary)`);
      console.log(`Idempotency-Key requests answered: ${sent.filter((s) => /Idempotency-Key|replay/.test(s.what)).map((s) => `${s.what} → ${s.status}`).join('; ')}`);
    }
    if (!t) return;
    const redis = new Redis(testRedisUrl());
    const keys = await redis.keys(`${t.db.name}*`);
    await t.close();
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  /** Sends one request and notes its status; `expected` is checked once everything was sent. */
  async function send(what: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> }, expected: number[]): Promise<Response> {
    const res = await t.request(method, path, opts);
    sent.push({ what, method, path, status: res.status, expected });
    return res;
  }
  const json = async <T>(res: Response) => (await res.json()) as T;
  const key = (() => { let n = 0; return (label: string) => `canary-${label}-${++n}`; })();

  it('sends every canary through every path (bodies, query strings, refusals, errors, Idempotency-Key)', async () => {
    const person = (nationalNumber: string, extra: Record<string, unknown> = {}) => ({ firstName: 'Testpersoon', lastName: 'Synthetisch', nationalNumber, ...extra });
    const idem = (label: string) => ({ 'idempotency-key': key(label) });

    // --- National and BIS numbers in JSON bodies, with and without Idempotency-Key (a caller who may read identifiers).
    const k1 = idem('person');
    await send('register, spaced, Idempotency-Key', 'POST', '/api/v1/persons', { token: magistraat, body: person(spaced(N.registeredIdempotent)), headers: k1 }, [201]);
    await send('register again with the same Idempotency-Key (replay)', 'POST', '/api/v1/persons', { token: magistraat, body: person(spaced(N.registeredIdempotent)), headers: k1 }, [201]);
    await send('register, plain', 'POST', '/api/v1/persons', { token: magistraat, body: person(N.registeredPlain) }, [201]);
    await send('register a registered number, dotted, Idempotency-Key', 'POST', '/api/v1/persons', { token: magistraat, body: person(dotted(N.registeredPlain)), headers: idem('person') }, [409]);
    await send('register BIS, dotted, Idempotency-Key', 'POST', '/api/v1/persons', { token: magistraat, body: person(dotted(N.bisRegisteredIdempotent)), headers: idem('person') }, [201]);
    await send('register, dashed, Idempotency-Key', 'POST', '/api/v1/persons', { token: magistraat, body: person(dashed(N.registeredDashedIdempotent)), headers: idem('person') }, [201]);
    await send('register with a contradicting birth date, Idempotency-Key', 'POST', '/api/v1/persons',
      { token: magistraat, body: person(dotted(N.refused400Idempotent), { birthDate: '2001-01-01' }), headers: idem('person') }, [400]);
    await send('malformed JSON carrying the number, Idempotency-Key', 'POST', '/api/v1/persons',
      { token: magistraat, body: `{"firstName":"X","lastName":"Y","nationalNumber":"${dotted(N.malformedJson)}",`, headers: { 'content-type': 'application/json', ...idem('person') } }, [400]);
    await send('register with a NUL in the first name (database error), Idempotency-Key', 'POST', '/api/v1/persons',
      { token: magistraat, body: person(dotted(N.dbError500), { firstName: 'Jan\u0000' }), headers: idem('person') }, [400, 500]);
    await send('fixture item whose title holds the number and a NUL (database error)', 'POST', '/api/v1/chains/fixture/items',
      { token: medewerker, body: { title: `PV ${dotted(N.fixtureTitleDbError500)} \u0000` } }, [400, 500]);
    // Deterministic logged errors (a chain module test double): the number in an Error's message, and
    // in the parameters of a statement the database refuses.
    await send('unhandled Error whose message holds the number', 'POST', '/api/v1/chains/probe/crash',
      { token: medewerker, body: { message: `no case for ${dotted(N.errorMessage500)} (${formSpaced(N.errorMessage500)})` } }, [500]);
    await send('database error whose statement parameter is the number', 'POST', '/api/v1/chains/probe/query-error', { token: medewerker, body: { value: N.queryParameter500 } }, [500]);
    await send('database error whose statement parameter is the number, spaced', 'POST', '/api/v1/chains/probe/query-error', { token: medewerker, body: { value: `rrn ${spaced(N.queryParameter500)}` } }, [500]);

    // --- Query strings: plain, URL-encoded (%2E, %20), form-style (+), dashed.
    for (const [n, found] of [[N.registeredIdempotent, 1], [N.searchedUnknown, 0]] as const) {
      for (const q of [n, encodedDotted(n), encodedSpaced(n), formSpaced(n), dashed(n)]) {
        // Whether `+` reads as a space is not this test's question: found or refused, it must leave no trace.
        const res = await send(`search ?nationalNumber=${q === n ? 'plain' : q}`, 'GET', `/api/v1/persons?nationalNumber=${q}`, { token: magistraat }, q === formSpaced(n) ? [200, 400] : [200]);
        if (res.status === 200) expect({ q, items: (await json<{ items: unknown[] }>(res)).items.length }).toEqual({ q, items: found });
      }
    }
    await send('search BIS, dotted', 'GET', `/api/v1/persons?nationalNumber=${encodeURIComponent(dotted(N.bisRegisteredIdempotent))}`, { token: magistraat }, [200]);
    for (const q of [encodeURIComponent(dotted(N.bisSearchedUnknown)), formSpaced(N.bisSearchedUnknown)]) {
      await send('search unknown BIS', 'GET', `/api/v1/persons?nationalNumber=${q}`, { token: magistraat }, [200, 400]);
    }
    for (const q of [N.caseReference, encodedDotted(N.caseReference), encodedSpaced(N.caseReference), formSpaced(N.caseReference)]) {
      await send('case search ?reference=', 'GET', `/api/v1/cases?reference=${q}`, { token: magistraat }, [200, 400, 403]);
    }

    // --- Refusals: 403, 400 (validation), 404, 401.
    await send('search without core.person.read', 'GET', `/api/v1/persons?nationalNumber=${encodedDotted(N.forbidden403)}`, { token: analist }, [403]);
    const v = N.validation400And404;
    await send('number as a path id', 'GET', `/api/v1/persons/${encodeURIComponent(dotted(v))}`, { token: magistraat }, [400]);
    await send('number as a plain path id', 'GET', `/api/v1/persons/${v}`, { token: magistraat }, [400]);
    await send('number in an unknown query parameter', 'GET', `/api/v1/persons?name=Testpersoon&rrn=${formSpaced(v)}`, { token: magistraat }, [400]);
    await send('number padded past maxLength', 'GET', `/api/v1/persons?nationalNumber=${encodedSpaced(v)}%20%20%20%20%20%20%20%20%20%20`, { token: magistraat }, [400]);
    await send('number in an unknown body property', 'POST', '/api/v1/persons', { token: magistraat, body: { firstName: 'X', lastName: 'Y', rijksregisternummer: dotted(v) } }, [400]);
    await send('number in an unknown path', 'GET', `/api/v1/registry/${v}/${encodedDotted(v)}`, { token: magistraat }, [404]);
    await send('number in a chain path that does not exist', 'GET', `/api/v1/chains/m/persons/${dotted(v)}`, { token: magistraat }, [404]);
    const u = N.unauthenticated401;
    await send('no token, number in the query', 'GET', `/api/v1/persons?nationalNumber=${encodedDotted(u)}`, {}, [401]);
    await send('no token, number in the path', 'GET', `/api/v1/persons/${dotted(u)}`, {}, [401]);
    await send('bad token, number in the query', 'GET', `/api/v1/persons?nationalNumber=${formSpaced(u)}`, { token: 'not.a.token' }, [401]);
    await send('no token, number in a JSON body', 'POST', '/api/v1/persons', { body: person(u) }, [401]);

    // --- Service-account client secrets: create and rotate, with and without Idempotency-Key.
    const account = { name: 'PV-systeem Carma', organisationId: webOrg, function: 'politie-inspecteur' };
    type Account = { id: string; clientId: string; clientSecret?: string };
    const secretOf = async (res: Response, name: string, kind: Canary['kind'] = 'client secret') => {
      if (res.status >= 300) return undefined;
      const body = await json<Account & { secret?: string }>(res);
      const value = body.clientSecret ?? body.secret;
      expect({ name, secret: typeof value }).toEqual({ name, secret: 'string' });
      // A replay that answers with the same secret adds its path to the same canary.
      const same = secretCanaries.find((c) => c.value === value);
      if (same) same.name = `${same.name}; ${name}`;
      else secretCanaries.push({ name, kind, value: value! });
      return body;
    };
    const a1 = (await secretOf(await send('create service account', 'POST', '/api/v1/identity/service-accounts', { token: beheerder, body: account }, [201]), 'service account created'))!;
    const k2 = idem('account');
    const body2 = { ...account, name: 'Griffiesysteem' };
    const a2 = await secretOf(await send('create service account, Idempotency-Key', 'POST', '/api/v1/identity/service-accounts', { token: beheerder, body: body2, headers: k2 }, [201, 400, 422]),
      'service account created with Idempotency-Key');
    await secretOf(await send('create service account again, same Idempotency-Key (replay)', 'POST', '/api/v1/identity/service-accounts', { token: beheerder, body: body2, headers: k2 }, [201, 400, 422]),
      'service account create replayed');
    await secretOf(await send('rotate', 'POST', `/api/v1/identity/service-accounts/${a1.id}/rotate`, { token: beheerder }, [200]), 'service account rotated');
    const k3 = idem('rotate');
    const target = a2?.id ?? a1.id;
    await secretOf(await send('rotate, Idempotency-Key', 'POST', `/api/v1/identity/service-accounts/${target}/rotate`, { token: beheerder, headers: k3 }, [200, 400, 422]),
      'service account rotated with Idempotency-Key');
    const last = await secretOf(await send('rotate again, same Idempotency-Key (replay)', 'POST', `/api/v1/identity/service-accounts/${target}/rotate`, { token: beheerder, headers: k3 }, [200, 400, 422]),
      'service account rotate replayed');
    // The current secret of a1, used where a client sends it: the token endpoint (body, Basic, query).
    const current = (await secretOf(await send('rotate for the token requests', 'POST', `/api/v1/identity/service-accounts/${a1.id}/rotate`, { token: beheerder }, [200]), 'service account secret sent to /auth/token'))!;
    const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => send(`token request ${path}`, 'POST', path,
      { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }, [200, 400, 401]);
    await form('/api/v1/auth/token', { grant_type: 'client_credentials', client_id: a1.clientId, client_secret: current.clientSecret! });
    await form('/api/v1/auth/token', { grant_type: 'client_credentials', client_id: 'limburg.00000000-0000-4000-8000-000000000000', client_secret: current.clientSecret! });
    await form('/api/v1/auth/token', { grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`${encodeURIComponent(a1.clientId)}:${encodeURIComponent(current.clientSecret!)}`).toString('base64')}` });
    await form(`/api/v1/auth/token?client_secret=${encodeURIComponent(current.clientSecret!)}`, { grant_type: 'client_credentials', client_id: a1.clientId });
    expect(last === undefined || typeof last.id === 'string').toBe(true);

    // --- Webhook secrets: subscribe and rotate; with Idempotency-Key both are refused (400).
    const web = (what: string, method: string, path: string, body: unknown, expected: number[], headers: Record<string, string> = {}) =>
      send(what, method, path, { token: webbeheerder, body, headers: { 'x-acting-organisation': webOrg, ...headers } }, expected);
    const subscription = { url: 'http://127.0.0.1:9/ketenhuis-canary-hook', eventTypes: ['core.case-registered'] };
    const hook = (await secretOf(await web('create webhook', 'POST', '/api/v1/webhooks', subscription, [201]), 'webhook created', 'webhook secret'))!;
    await secretOf(await web('create webhook, Idempotency-Key', 'POST', '/api/v1/webhooks', subscription, [201, 400], idem('webhook')), 'webhook created with Idempotency-Key', 'webhook secret');
    await secretOf(await web('rotate webhook secret', 'POST', `/api/v1/webhooks/${hook.id}/secret`, undefined, [200]), 'webhook secret rotated', 'webhook secret');
    await secretOf(await web('rotate webhook secret, Idempotency-Key', 'POST', `/api/v1/webhooks/${hook.id}/secret`, undefined, [200, 400], idem('webhook')), 'webhook secret rotated with Idempotency-Key', 'webhook secret');

    // --- A caller's X-Request-Id that is a national number (scanned by a test of its own).
    for (const id of [dotted(N.requestIdHeader), N.requestIdHeader]) {
      await send('X-Request-Id', 'GET', '/api/v1/persons?name=Testpersoon', { token: magistraat, headers: { 'x-request-id': id } }, [200]);
    }

    // Everything the requests published went through the outbox to the queues before anything is scanned.
    await eventually(async () => {
      const [{ n }] = await t.platform.uow.run({ tenantId: limburg.id, tenantSlug: 'limburg' }, (s) =>
        s.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL'));
      expect(n).toBe(0);
    });
    expect(sent.filter((s) => !s.expected.includes(s.status))).toEqual([]);
  });

  const allCanaries = () => [...numberCanaries, ...secretCanaries];
  const scan = <T>(fn: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () => (p ??= fn());
  };
  const withScanner = () => (scanner ??= new CanaryScanner(allCanaries()));
  const main = (f: Finding) => !numberCanaries.some((c) => c.group && f.canary.endsWith(`"${c.name}"`));
  const scans = {
    tables: scan(async () => { const r = await scanDatabase(t.db.adminUrl, withScanner()); stats.tables = r.tables; return r; }),
    dump: scan(() => scanPgDump(t.db.adminUrl, withScanner())),
    logs: scan(async () => {
      const s = withScanner();
      logs.raw.forEach((line, i) => {
        const level = /"level":(\d+)/.exec(line)?.[1] ?? '?';
        const msg = /"msg":"([^"]{0,60})/.exec(line)?.[1] ?? '';
        s.check(s.place(`log line #${i} (level ${level}${msg ? `, "${msg}"` : ''})`), line);
      });
      return { lines: logs.raw.length };
    }),
    redis: scan(async () => { const r = await scanRedis(testRedisUrl(), t.db.name, withScanner()); stats.redisKeys = r.keys; return r; }),
    metrics: scan(async () => {
      const res = await fetch(`${t.baseUrl}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const s = withScanner();
      s.check(s.place('metrics'), text);
      return { text };
    }),
  };
  const findingsIn = (prefix: string, filter = main) => withScanner().findings.filter((f) => f.place.startsWith(prefix) && filter(f));

  it('keeps no canary in any row of any table of any schema, read as the superuser (idempotency_keys.response_body included)', async () => {
    const { tables, rows, schemas } = await scans.tables();
    expect(schemas).toEqual(expect.arrayContaining(['public', 'pg_catalog']));
    expect(tables).toBeGreaterThan(20);
    expect(rows).toBeGreaterThan(0);
    expect(findingsIn('table ')).toEqual([]);
  });

  it('keeps no canary in a full pg_dump of the test database', async () => {
    await scans.dump();
    expect(findingsIn('pg_dump')).toEqual([]);
  });

  it('logs no canary, at any level from info up (the platform logs at info here)', async () => {
    expect(t.platform.logger.level).toBe('info');
    const lines = logs.lines();
    expect(lines.filter((l) => l.unparsable !== undefined)).toEqual([]);
    // Request logs at info and the logged errors at error are both there to be scanned.
    expect(lines.some((l) => l.level === 30)).toBe(true);
    expect(lines.some((l) => (l.level ?? 0) >= 50)).toBe(true);
    expect(lines.filter((l) => (l.level ?? 0) < 30)).toEqual([]);
    await scans.logs();
    expect(findingsIn('log line')).toEqual([]);
  });

  it('keeps no canary in any Redis key under this test\'s prefix (DUMP and value)', async () => {
    const { keys } = await scans.redis();
    expect(keys).toBeGreaterThan(0);
    expect(findingsIn('redis ')).toEqual([]);
  });

  it('shows no canary in /metrics', async () => {
    const { text } = await scans.metrics();
    expect(text).toContain('ketenhuis_http_requests_total');
    expect(findingsIn('metrics')).toEqual([]);
  });

  it('keeps a national number sent as X-Request-Id nowhere: tables, pg_dump, logs, Redis, metrics', async () => {
    for (const s of Object.values(scans)) await s();
    expect(withScanner().findings.filter((f) => !main(f))).toEqual([]);
  });

  it('the canaries really went in: the stored identifiers are encrypted, the accounts and webhooks exist', async () => {
    const client = new Client({ connectionString: t.db.adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM persons WHERE national_number_ciphertext IS NOT NULL');
      expect(rows[0].n).toBeGreaterThanOrEqual(4);
      const { rows: keys } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM idempotency_keys');
      expect(keys[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    expect(secretCanaries.filter((c) => c.kind === 'client secret').length).toBeGreaterThanOrEqual(3);
    expect(secretCanaries.filter((c) => c.kind === 'webhook secret').length).toBeGreaterThanOrEqual(2);
  });
});
