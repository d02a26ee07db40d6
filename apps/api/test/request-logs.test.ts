import { randomUUID } from 'node:crypto';
import type { Tenant } from '@ketenhuis/core';
import { startTestPlatform, type TestPlatform } from '@ketenhuis/core/testing';
import { eventually, fixtureModule, captureLogs, objectsOf, stringsOf, expectProblem, type LogLine } from '@ketenhuis/testing';
import { probeModule } from './support/probe-module';

// The shape of request logs: one line per request with its status, duration, request id, method
// and route template, never the values a client put in the URL; unhandled errors logged with
// their message, type and stack, and database errors without the statement's parameters.

/** Log lines write route templates as express does (`/api/v1/persons/:id`); templates below are written as OpenAPI does. */
const ROUTE_TEMPLATE_FORMS: ((openapiTemplate: string) => string)[] = [
  (p) => p.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'),
];

/** Where a request log line keeps each fact (docs/architecture.md, Observability). */
const FIELDS = {
  status: ['status'],
  duration: ['durationMs'],
  requestId: ['requestId'],
  method: ['method'],
};

const at = (line: LogLine, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), line);
const fact = (line: LogLine | undefined, name: keyof typeof FIELDS): unknown => {
  if (!line) return undefined;
  for (const p of FIELDS[name]) {
    const v = at(line, p);
    if (v !== undefined) return v;
  }
  return undefined;
};

/**
 * The template if the line writes it (on its own, or after the method: `GET /api/v1/persons/{id}`);
 * else, to show in the failure, what the line has instead: its fields named like a route, URL or
 * path, and any path-like string.
 */
function routeIn(line: LogLine | undefined, template: string): string | string[] {
  const forms = ROUTE_TEMPLATE_FORMS.map((f) => f(template));
  const strings = line ? stringsOf(line) : [];
  if (strings.some((s) => forms.some((f) => s === f || s.endsWith(` ${f}`)))) return template;
  const named = objectsOf(line ?? {}).flatMap((o) => Object.entries(o).filter(([k, v]) => /route|url|path/i.test(k) && typeof v === 'string').map(([k, v]) => `${k}: ${v as string}`));
  return [...new Set([...named, ...strings.filter((s) => s.startsWith('/') || s.includes(' /'))])];
}

describe('request logs', () => {
  const logs = captureLogs();
  let t: TestPlatform;
  let limburg: Tenant;
  let magistraat: string;
  let medewerker: string;
  let itemId: string;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: [fixtureModule, probeModule], logDestination: logs.destination, config: { logLevel: 'info' } });
    limburg = await t.createTenant('limburg');
    magistraat = await t.token(limburg, { subject: 'magistraat-1', roles: ['magistraat'] });
    medewerker = await t.token(limburg, { subject: 'medewerker-1', roles: ['administratief-medewerker'] });
    const created = await t.request('POST', '/api/v1/chains/fixture/items', { token: medewerker, body: { title: 'Voorbereidend item' } });
    expect(created.status).toBe(201);
    itemId = ((await created.json()) as { id: string }).id;
  });
  afterAll(() => t?.close());

  const linesOf = (requestId: string | null) => logs.lines().filter((l) => fact(l, 'requestId') === requestId);
  /** The request's own log line: the one with its request id and a duration (there must be exactly one). */
  const requestLinesOf = (requestId: string | null) => linesOf(requestId).filter((l) => fact(l, 'duration') !== undefined);

  type Case = {
    name: string;
    method: string;
    path: () => string;
    template: string;
    token?: () => string;
    body?: () => unknown;
    status: number;
    /** Values the client put in the URL (or body): none may be in the line. */
    values: () => string[];
  };
  const missingPerson = randomUUID();
  const unauthenticatedId = randomUUID();
  const cases: Case[] = [
    {
      name: '200 GET with an id in the path', method: 'GET', path: () => `/api/v1/chains/fixture/items/${itemId}`, template: '/api/v1/chains/fixture/items/{id}',
      token: () => medewerker, status: 200, values: () => [itemId],
    },
    {
      name: '200 GET with values in the query', method: 'GET', path: () => '/api/v1/persons?name=qvzoeknaam&limit=17', template: '/api/v1/persons',
      token: () => magistraat, status: 200, values: () => ['qvzoeknaam', 'limit=17'],
    },
    {
      name: '201 POST', method: 'POST', path: () => '/api/v1/persons', template: '/api/v1/persons',
      token: () => magistraat, body: () => ({ firstName: 'Qvvoornaam', lastName: 'Qvachternaam' }), status: 201, values: () => ['Qvvoornaam', 'Qvachternaam'],
    },
    {
      name: '404 for an id that does not exist', method: 'GET', path: () => `/api/v1/persons/${missingPerson}`, template: '/api/v1/persons/{id}',
      token: () => magistraat, status: 404, values: () => [missingPerson],
    },
    {
      name: '400 from validation (path parameter)', method: 'GET', path: () => '/api/v1/chains/fixture/items/qv-no-uuid-5512', template: '/api/v1/chains/fixture/items/{id}',
      token: () => medewerker, status: 400, values: () => ['qv-no-uuid-5512'],
    },
    {
      name: '400 from validation (query parameter)', method: 'GET', path: () => '/api/v1/chains/fixture/items?limit=qvlimiet3381', template: '/api/v1/chains/fixture/items',
      token: () => medewerker, status: 400, values: () => ['qvlimiet3381'],
    },
    {
      name: '401 without a token', method: 'GET', path: () => `/api/v1/persons/${unauthenticatedId}?name=qvanoniem`, template: '/api/v1/persons/{id}',
      status: 401, values: () => [unauthenticatedId, 'qvanoniem'],
    },
  ];

  it.each(cases)('$name: one line with status, duration, request id, method and route template, no values', async (c) => {
    const res = await t.request(c.method, c.path(), { token: c.token?.(), body: c.body?.() });
    expect(res.status).toBe(c.status);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toEqual(expect.any(String));
    // The line is written when the response finishes, which may be just after the client has it.
    await eventually(async () => expect(requestLinesOf(requestId).length).toBeGreaterThan(0), 3_000, 20).catch(() => undefined);
    const mine = requestLinesOf(requestId);
    const line = mine[0] ?? linesOf(requestId)[0];
    const text = JSON.stringify(line ?? {});
    expect({
      requestLines: mine.length,
      status: fact(line, 'status'),
      duration: typeof fact(line, 'duration'),
      requestId: fact(line, 'requestId'),
      method: fact(line, 'method'),
      route: routeIn(line, c.template),
      valuesInLine: c.values().filter((v) => text.includes(v)),
      line: text,
    }).toEqual({
      requestLines: 1,
      status: c.status,
      duration: 'number',
      requestId,
      method: c.method,
      route: c.template,
      valuesInLine: [],
      line: expect.any(String),
    });
    expect(fact(line, 'duration') as number).toBeGreaterThanOrEqual(0);
    // No line of this request (not only its request line) carries the values.
    expect(linesOf(requestId).map((l) => JSON.stringify(l)).filter((l) => c.values().some((v) => l.includes(v)))).toEqual([]);
  });

  it('an unhandled error: logged at level error with its message, type and stack; the response is a 500 problem without it', async () => {
    const res = await t.request('GET', '/api/v1/chains/probe/crash', { token: medewerker });
    const requestId = res.headers.get('x-request-id');
    const problem = await expectProblem(res, 500, 'internal');
    expect(JSON.stringify(problem)).not.toContain('canary-failure-message');
    await eventually(async () => expect(requestLinesOf(requestId).length).toBeGreaterThan(0), 3_000, 20).catch(() => undefined);

    const mine = linesOf(requestId);
    const errorLines = mine.filter((l) => l.level === 50);
    // The error itself: an object anywhere in an error line whose message is the thrown one.
    const logged = errorLines.flatMap((l) => objectsOf(l)).find((o) => typeof o.message === 'string' && o.message.includes('canary-failure-message'));
    expect({
      errorLogged: errorLines.length > 0,
      // When it is not there, what the request's lines hold instead.
      message: logged ? logged.message : { notFoundIn: mine.map((l) => JSON.stringify(l)) },
      type: [logged?.type, logged?.name, logged?.code].find((v) => typeof v === 'string' && v.length > 0),
      stack: typeof logged?.stack === 'string' && /\n\s+at /.test(logged.stack),
      // Its request line says 500 like every other: a number, with the template.
      requestLine: { status: fact(requestLinesOf(requestId)[0], 'status'), route: routeIn(requestLinesOf(requestId)[0], '/api/v1/chains/probe/crash') },
    }).toEqual({
      errorLogged: true,
      message: 'canary-failure-message',
      type: expect.any(String),
      stack: true,
      requestLine: { status: 500, route: '/api/v1/chains/probe/crash' },
    });
  });

  it('a database error: logged as an error, without the values of the statement\'s parameters', async () => {
    const parameter = `canary-sql-parameter-${randomUUID().slice(0, 8)}`;
    const res = await t.request('POST', '/api/v1/chains/probe/query-error', { token: medewerker, body: { value: parameter } });
    const requestId = res.headers.get('x-request-id');
    const problem = await expectProblem(res, 500, 'internal');
    expect(JSON.stringify(problem)).not.toContain(parameter);
    await eventually(async () => expect(requestLinesOf(requestId).length).toBeGreaterThan(0), 3_000, 20).catch(() => undefined);

    const mine = linesOf(requestId);
    // It was logged (so the absence below means something), with what failed...
    const errorLines = mine.filter((l) => l.level === 50);
    const logged = errorLines.flatMap((l) => objectsOf(l)).find((o) => typeof o.message === 'string' && o.message.includes('probe_table_that_does_not_exist'));
    expect({
      errorLogged: errorLines.length > 0,
      message: logged ? logged.message : { notFoundIn: mine.map((l) => JSON.stringify(l)) },
      stack: typeof logged?.stack,
      // ...and nowhere, in no line of the whole log, the parameter's value.
      linesWithTheParameter: logs.raw.filter((l) => l.includes(parameter)),
    }).toEqual({
      errorLogged: true,
      message: expect.stringContaining('probe_table_that_does_not_exist'),
      stack: 'string',
      linesWithTheParameter: [],
    });
  });
});
