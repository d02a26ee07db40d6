import fc from 'fast-check';
import { FUNCTIONS } from '@ketenhuis/core';
import { startTestPlatform, caseChains, ZONE_CODE, identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';
import {
  AccessModel, CHAINS, CONFIDENTIALITY, LINK_KINDS, PARTICIPANT_ROLES, SUBJECT_ROLES, normalizeKey, permissionsOfFunctions,
  type ActorModel, type CaseModel, type Expected, type OrgModel, type PersonModel,
} from './support/access-model';

// Random actors (tenant × organisation × function × participation) do random operations through
// the typed client; a reference model predicts every answer. Nothing the model forbids may show,
// and every refusal must be indistinguishable from asking for an id that does not exist.
// Replay a failure with ACCESS_PROPERTY_SEED=<seed printed in the failure>.
const SEED = Number(process.env.ACCESS_PROPERTY_SEED ?? 20261211);
const RUNS = 5;
const OPS_PER_RUN = 410;

const FIRST = ['Anouk', 'Bram', 'Charlotte', 'Daan', 'Elif', 'Femke', 'Gilles', 'Hanne'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems'];
const rng = mulberry32(SEED);
const NUMBERS = [...new Set(Array.from({ length: 16 }, () => syntheticNationalNumber(rng)))];
const dotted = (d: string) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
const spaced = (d: string) => `${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 9)} ${d.slice(9)}`;

// --- the generated operations: indices are resolved against the model when the step runs ----

/** mode 0-1: of the other tenant; 2-3: any of the caller's tenant; 4-9: one the caller sees. */
const target = fc.record({ mode: fc.integer({ min: 0, max: 9 }), index: fc.nat(100_000) });
type Target = { mode: number; index: number };
const base = { actor: fc.nat(1000), missing: fc.uuid({ version: 4 }) };
const kind = <K extends string>(k: K) => fc.constant(k);

const opArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ ...base, kind: kind('registerPerson'), name: fc.nat(1000), number: fc.option(fc.nat(NUMBERS.length - 1), { nil: undefined }) }) },
  { weight: 4, arbitrary: fc.record({
    ...base, kind: kind('registerCase'), chain: fc.constantFrom(...CHAINS), confidentiality: fc.constantFrom(...CONFIDENTIALITY),
    subjects: fc.array(fc.record({ person: target, role: fc.constantFrom(...SUBJECT_ROLES) }), { maxLength: 2 }),
    reference: fc.constantFrom('none', 'notitienummer', 'pv'),
  }) },
  { weight: 3, arbitrary: fc.record({ ...base, kind: kind('readCase'), target }) },
  { weight: 2, arbitrary: fc.record({ ...base, kind: kind('listCases'), target, filter: fc.constantFrom('none', 'chain', 'reference', 'external'), chain: fc.constantFrom(...CHAINS) }) },
  { weight: 1, arbitrary: fc.record({ ...base, kind: kind('readPerson'), target }) },
  { weight: 1, arbitrary: fc.record({
    ...base, kind: kind('searchPersons'), target, by: fc.constantFrom('number', 'name'), number: fc.nat(NUMBERS.length - 1),
    typed: fc.constantFrom('digits', 'dotted', 'spaced'),
  }) },
  { weight: 1, arbitrary: fc.record({ ...base, kind: kind('personTimeline'), target }) },
  { weight: 2, arbitrary: fc.record({
    ...base, kind: kind('addParticipant'), target, org: target, function: fc.constantFrom(...FUNCTIONS.map((f) => f.id)), role: fc.constantFrom(...PARTICIPANT_ROLES),
  }) },
  { weight: 1, arbitrary: fc.record({ ...base, kind: kind('addSubject'), target, person: target, role: fc.constantFrom(...SUBJECT_ROLES) }) },
  { weight: 1, arbitrary: fc.record({ ...base, kind: kind('addNote'), target }) },
  { weight: 2, arbitrary: fc.record({ ...base, kind: kind('caseTimeline'), target }) },
  { weight: 2, arbitrary: fc.record({
    ...base, kind: kind('changeConfidentiality'), target, confidentiality: fc.constantFrom(...CONFIDENTIALITY),
    ifMatch: fc.constantFrom('current', 'current', 'stale', 'none'),
  }) },
  { weight: 2, arbitrary: fc.record({ ...base, kind: kind('linkCases'), target, other: target, linkKind: fc.constantFrom(...LINK_KINDS) }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

// --- the districts: two tenants alike, each with its organisations, users and bootstrap tokens --

const ORGS: [key: string, type: string, extra: Record<string, unknown>][] = [
  ['parketAll', 'parket', { chains: ['snel', 'gezin'] }],
  ['parketGezin', 'parket', { chains: ['gezin'] }],
  ['zone', 'politiezone', { policeZoneCode: ZONE_CODE }],
  ['justitiehuis', 'justitiehuis', {}],
  ['caw', 'caw', {}],
];
const USERS: Record<string, [org: string, fn: string][]> = {
  jurist: [['parketAll', 'parketjurist']],
  magistraat: [['parketGezin', 'magistraat']],
  criminoloog: [['parketAll', 'parketcriminoloog']],
  inspecteur: [['zone', 'politie-inspecteur']],
  assistent: [['justitiehuis', 'justitieassistent']],
  hulpverlener: [['caw', 'hulpverlener']],
  dubbel: [['caw', 'casusregisseur'], ['justitiehuis', 'administratief-medewerker']],
  analist: [['parketAll', 'analist']],
  zonder: [],
};
/** `header`: the organisation named in X-Acting-Organisation; `other:` one of the other tenant. */
const ACTORS: { user?: string; bootstrap?: string; roles?: string[]; header?: string }[] = [
  ...Object.keys(USERS).map((user) => ({ user })),
  { user: 'jurist', header: 'parketAll' },
  { user: 'dubbel', header: 'caw' },
  { user: 'dubbel', header: 'justitiehuis' },
  { user: 'dubbel', header: 'zone' },
  { user: 'inspecteur', header: 'other:zone' },
  { bootstrap: 'operator-1', roles: ['magistraat'] },
  { bootstrap: 'operator-2', roles: ['politie-inspecteur'] },
  { bootstrap: 'beheerder', roles: ['tenant-beheerder'] },
  { bootstrap: 'operator-1', roles: ['magistraat'], header: 'parketAll' },
];

async function buildWorld(t: TestPlatform, run: number): Promise<AccessModel> {
  const h = identityHelpers(t);
  const slugs = [`prop${run}-a`, `prop${run}-b`];
  const tenants = [await t.createTenant(slugs[0], ['snel', 'gezin']), await t.createTenant(slugs[1], ['snel', 'gezin'])];
  const orgs: Record<string, OrgModel>[] = [{}, {}];
  const actors: ActorModel[] = [];
  for (const [tenant, slug] of slugs.entries()) {
    const beheerder = await t.token(tenants[tenant], { subject: `${slug}-beheerder`, roles: ['tenant-beheerder'] });
    for (const [key, type, extra] of ORGS) {
      const id = await h.organisation(beheerder, `${key} ${slug}`, type, extra);
      orgs[tenant][key] = { id, tenant, type, chains: (extra.chains as string[] | undefined) ?? [] };
    }
    for (const [name, memberships] of Object.entries(USERS)) {
      await h.user(beheerder, { name, email: `${name}@${slug}.example`, subject: `${slug}-${name}` },
        memberships.map(([org, fn]) => [orgs[tenant][org].id, fn]));
    }
  }
  for (const [tenant, slug] of slugs.entries()) {
    for (const a of ACTORS) {
      const headerOrg = a.header?.startsWith('other:') ? orgs[1 - tenant][a.header.slice(6)] : a.header ? orgs[tenant][a.header] : undefined;
      const subject = `${slug}-${a.user ?? a.bootstrap}`;
      const memberships = a.user ? USERS[a.user] : [];
      const chosen = headerOrg
        ? memberships.find(([org]) => orgs[tenant][org].id === headerOrg.id)
        : memberships.length === 1 ? memberships[0] : undefined;
      const resolution = headerOrg && !chosen ? 'not-member' : !headerOrg && memberships.length > 1 ? 'must-choose' : 'acts';
      actors.push({
        name: `${a.user ?? a.bootstrap}${a.header ? `[${a.header}]` : ''}@${tenant === 0 ? 'a' : 'b'}`,
        tenant, subject,
        // Users' tokens claim a powerful role, which must count for nothing (their memberships do).
        token: await t.token(tenants[tenant], { subject, roles: a.roles ?? ['magistraat'] }),
        headers: headerOrg ? { 'x-acting-organisation': headerOrg.id } : {},
        resolution,
        organisation: chosen ? orgs[tenant][chosen[0]] : null,
        function: chosen?.[1] ?? null,
        permissions: permissionsOfFunctions(a.user ? (chosen ? [chosen[1]] : []) : a.roles ?? []),
      });
    }
  }
  return new AccessModel([...Object.values(orgs[0]), ...Object.values(orgs[1])], actors);
}

// --- running the operations against the platform and the model side by side -----------------

type Reply = { status: number; body: any; headers: Headers };
const reply = async (p: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Reply> => {
  const { data, error, response } = await p;
  return { status: response.status, body: data ?? error, headers: response.headers };
};
/** A problem as the caller sees it, minus what differs between any two requests. */
const problemShape = (r: Reply) => {
  const { requestId: _r, instance: _i, ...rest } = (r.body ?? {}) as Record<string, unknown>;
  const header = (name: string) => r.headers.get(name);
  // Express tags every body with a hash of its bytes; only a case version (W/"7") would tell something.
  const version = /^W\/"\d+"$/.test(header('etag') ?? '') ? header('etag') : null;
  return { status: r.status, contentType: header('content-type'), version, location: header('location'), body: rest };
};
const sorted = <T>(xs: T[]) => [...xs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
const pick = <T>(pool: T[], index: number): T | undefined => (pool.length ? pool[index % pool.length] : undefined);

type Stats = Record<string, { allowed: number; forbidden: number; notFound: number; refused: number }>;

class Runner {
  private readonly clients = new Map<ActorModel, ReturnType<TestPlatform['client']>>();
  private readonly history: string[] = [];
  private readonly numbers = new Map<string, number>();
  private step = 0;

  constructor(private readonly t: TestPlatform, private readonly m: AccessModel, private readonly run: number, private readonly stats: Stats) {}

  private client(a: ActorModel) {
    if (!this.clients.has(a)) this.clients.set(a, this.t.client(a.token, a.headers));
    return this.clients.get(a)!;
  }

  /** Mostly actors that can do something, so that allowed answers get checked as much as refusals. */
  private actorFor(n: number): ActorModel {
    const working = this.m.actors.filter((a) => a.resolution === 'acts' && a.permissions.has('core.case.read'));
    return n < 600 ? working[n % working.length] : this.m.actors[n % this.m.actors.length];
  }

  private caseFor(a: ActorModel, x: Target): CaseModel | undefined {
    const own = this.m.cases.filter((c) => c.tenant === a.tenant);
    if (x.mode < 2) return pick(this.m.cases.filter((c) => c.tenant !== a.tenant), x.index);
    if (x.mode < 4) return pick(own, x.index);
    return pick(own.filter((c) => this.m.canSee(a, c)), x.index) ?? pick(own, x.index);
  }

  private personFor(a: ActorModel, x: Target): PersonModel | undefined {
    return pick(this.m.persons.filter((p) => (p.tenant === a.tenant) === (x.mode >= 2)), x.index);
  }

  private fail(message: string): never {
    throw new Error(`${message}\n(seed ${SEED}, run ${this.run}, step ${this.step}; last steps:\n  ${this.history.slice(-12).join('\n  ')})`);
  }

  private same(what: string, actual: unknown, expected: unknown): void {
    if (!this.equal(actual, expected)) this.fail(`${what}:\n  expected ${JSON.stringify(expected)}\n  received ${JSON.stringify(actual)}`);
  }

  private equal(x: unknown, y: unknown): boolean {
    try { expect(x).toEqual(y); return true; } catch { return false; }
  }

  /** Checks what every answer must respect, whatever the operation. */
  private async observe(o: Op, a: ActorModel, expected: Expected, call: Promise<Reply>): Promise<Reply> {
    const hidden = this.m.hiddenIds(a);
    const res = await call;
    // `instance` repeats the path the caller asked for; everything else is the platform's to answer for.
    const { instance: _asked, ...answer } = (res.body ?? {}) as Record<string, unknown>;
    const text = JSON.stringify(answer);
    this.history.push(`${this.step} ${o.kind} by ${a.name} → ${res.status}${res.status >= 400 ? ` ${text.slice(0, 160)}` : ''}`);
    if (res.status >= 500) this.fail(`a 5xx answer: ${text}`);
    this.same(`${o.kind} by ${a.name}: status`, { status: res.status, field: expected.field && res.body?.field },
      { status: expected.status, field: expected.field });
    if (res.status >= 400) this.same('problem content type', res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    const leaked = hidden.find((x) => text.includes(x));
    if (leaked) this.fail(`${o.kind} by ${a.name} shows ${leaked}, which the caller may not see: ${text}`);
    if (!a.permissions.has('core.person.read-identifier')) {
      const shown = NUMBERS.find((n) => text.includes(n) || text.includes(dotted(n)) || text.includes(spaced(n)));
      if (shown) this.fail(`${o.kind} by ${a.name} shows a national number in clear: ${text}`);
    }
    const s = (this.stats[o.kind] ??= { allowed: 0, forbidden: 0, notFound: 0, refused: 0 });
    if (res.status < 300) s.allowed += 1;
    else if (res.status === 403) s.forbidden += 1;
    else if (res.status === 404) s.notFound += 1;
    else s.refused += 1;
    return res;
  }

  /**
   * A refusal (who the caller is, its permission, the object's visibility) must read exactly
   * like the same request for an id that does not exist.
   */
  private async sameAsMissing(res: Reply, again: () => Promise<Reply>): Promise<void> {
    const refusal = res.status === 403 || res.status === 404 || (res.status === 400 && String(res.body?.field).startsWith('header.'));
    if (!refusal) return;
    this.same('a refusal compared with a missing object', problemShape(await again()), problemShape(res));
  }

  private personView(a: ActorModel, p: PersonModel, body: Record<string, unknown>): void {
    const { id, firstName, lastName, hasNationalNumber, nationalNumber, nationalNumberMasked } = body;
    const expected: Record<string, unknown> = { id: p.id, firstName: p.firstName, lastName: p.lastName, hasNationalNumber: !!p.nationalNumber };
    if (p.nationalNumber && a.permissions.has('core.person.read-identifier')) expected.nationalNumber = dotted(p.nationalNumber);
    else if (p.nationalNumber) expected.nationalNumberMasked = `**.**.**-***.${p.nationalNumber.slice(9)}`;
    const actual = Object.fromEntries(Object.entries({ id, firstName, lastName, hasNationalNumber, nationalNumber, nationalNumberMasked }).filter(([, v]) => v !== undefined));
    this.same(`person ${p.id} as ${a.name} sees it`, actual, expected);
  }

  private caseView(a: ActorModel, c: CaseModel, res: Reply): void {
    const b = res.body;
    const links = this.m.linksOf(c.id).flatMap(({ other, kind }) => {
      const o = this.m.caseById(other)!;
      return this.m.canSee(a, o) ? [{ caseId: o.id, kind, reference: o.reference }] : [];
    });
    this.same(`case ${c.reference} as ${a.name} sees it`, {
      id: b.id, reference: b.reference, chain: b.chain, confidentiality: b.confidentiality, version: b.version, etag: res.headers.get('etag'),
      subjects: sorted(b.subjects.map((s: any) => ({ personId: s.personId, role: s.role }))),
      participants: sorted(b.participants.map((p: any) => ({ organisationId: p.organisationId, function: p.function, role: p.role }))),
      links: sorted(b.links.map((l: any) => ({ caseId: l.caseId, kind: l.kind, reference: l.reference }))),
    }, {
      id: c.id, reference: c.reference, chain: c.chain, confidentiality: c.confidentiality, version: c.version, etag: `W/"${c.version}"`,
      subjects: sorted(c.subjects), participants: sorted(c.participants), links: sorted(links),
    });
  }

  async execute(o: Op): Promise<void> {
    this.step += 1;
    const { m } = this;
    const a = this.actorFor(o.actor);
    const api = this.client(a);
    switch (o.kind) {
      case 'registerPerson': {
        const [firstName, lastName] = [FIRST[o.name % FIRST.length], LAST[Math.floor(o.name / FIRST.length) % LAST.length]];
        const nationalNumber = o.number === undefined ? undefined : NUMBERS[o.number];
        const res = await this.observe(o, a, m.registerPerson(a, nationalNumber),
          reply(api.POST('/api/v1/persons', { body: { firstName, lastName, ...(nationalNumber ? { nationalNumber } : {}) } })));
        if (res.status === 201) {
          const p: PersonModel = { id: res.body.id, tenant: a.tenant, firstName, lastName, ...(nationalNumber ? { nationalNumber } : {}) };
          this.personView(a, p, res.body);
          m.addPerson(p);
        } else if (res.status === 409) {
          const existing = m.persons.find((p) => p.tenant === a.tenant && p.nationalNumber === nationalNumber)!;
          this.same('the duplicate points to the person', res.body.existing,
            a.permissions.has('core.person.read') ? `/api/v1/persons/${existing.id}` : undefined);
        }
        return;
      }
      case 'registerCase': {
        const subjects = o.subjects.map((s) => ({ personId: this.personFor(a, s.person)?.id ?? o.missing, role: s.role }));
        const n = this.step;
        const ref = o.reference === 'pv' ? { kind: 'pv' as const, value: `PV-${this.run}-${String(n).padStart(5, '0')}`, policeZoneCode: ZONE_CODE }
          : o.reference === 'notitienummer' ? { kind: 'notitienummer' as const, value: `NT-${this.run}-${String(n).padStart(5, '0')}` } : undefined;
        const body = { chain: o.chain, caseType: `${o.chain}-dossier`, confidentiality: o.confidentiality, subjects, ...(ref ? { externalReferences: [ref] } : {}) };
        const res = await this.observe(o, a, m.registerCase(a, subjects), reply(api.POST('/api/v1/cases', { body })));
        if (res.status !== 201) return;
        // Numbered per tenant and chain without gaps: refused registrations give their number back.
        const key = `${a.tenant}:${o.chain}`;
        const number = (this.numbers.get(key) ?? 0) + 1;
        this.numbers.set(key, number);
        if (!new RegExp(`^${o.chain.toUpperCase()}-\\d{4}-${String(number).padStart(6, '0')}$`).test(res.body.reference)) {
          this.fail(`reference ${res.body.reference} is not number ${number} of ${key}`);
        }
        const c = m.addCase(a, {
          id: res.body.id, chain: o.chain, confidentiality: o.confidentiality, reference: res.body.reference,
          subjects: [...new Map(subjects.map((s) => [`${s.personId}:${s.role}`, s])).values()], externalKeys: ref ? [normalizeKey(ref.value)] : [],
        });
        this.caseView(a, c, res);
        return;
      }
      case 'readCase': {
        const c = this.caseFor(a, o.target);
        const get = (id: string) => reply(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
        const res = await this.observe(o, a, m.caseGate(a, c, 'core.case.read') ?? { status: 200 }, get(c?.id ?? o.missing));
        if (res.status === 200) this.caseView(a, c!, res);
        else if (c) await this.sameAsMissing(res, () => get(o.missing));
        return;
      }
      case 'listCases': {
        const c = this.caseFor(a, o.target);
        const reference = o.filter === 'reference' ? c?.reference ?? 'SNEL-1999-000001'
          : o.filter === 'external' ? c?.externalKeys[0]?.toLowerCase() ?? c?.reference ?? 'NT-0' : undefined;
        const chain = o.filter === 'chain' ? o.chain : undefined;
        const query = { limit: 100, ...(reference ? { reference } : {}), ...(chain ? { chain } : {}) };
        const res = await this.observe(o, a, m.gate(a, 'core.case.read') ?? { status: 200 }, reply(api.GET('/api/v1/cases', { params: { query } })));
        if (res.status !== 200) return;
        const key = reference && normalizeKey(reference);
        const expected = m.visibleCases(a, (x) => (!chain || x.chain === chain)
          && (!key || normalizeKey(x.reference) === key || x.externalKeys.includes(key))).slice(0, 100);
        this.same(`the cases ${a.name} lists (${JSON.stringify(query)})`,
          res.body.items.map((x: any) => ({ id: x.id, version: x.version, confidentiality: x.confidentiality })),
          expected.map((x) => ({ id: x.id, version: x.version, confidentiality: x.confidentiality })));
        return;
      }
      case 'readPerson': {
        const p = this.personFor(a, o.target);
        const get = (id: string) => reply(api.GET('/api/v1/persons/{id}', { params: { path: { id } } }));
        const expected = m.gate(a, 'core.person.read') ?? (p && p.tenant === a.tenant ? { status: 200 } : { status: 404 });
        const res = await this.observe(o, a, expected, get(p?.id ?? o.missing));
        if (res.status === 200) this.personView(a, p!, res.body);
        else if (p) await this.sameAsMissing(res, () => get(o.missing));
        return;
      }
      case 'searchPersons': {
        const p = this.personFor(a, o.target);
        const digits = p?.nationalNumber ?? NUMBERS[o.number];
        const typed = o.typed === 'dotted' ? dotted(digits) : o.typed === 'spaced' ? spaced(digits) : digits;
        const name = p ? `${p.firstName} ${p.lastName}` : 'Onbekende Naam';
        const query = o.by === 'number' ? { nationalNumber: typed, limit: 100 } : { name, limit: 100 };
        const res = await this.observe(o, a, m.gate(a, 'core.person.read') ?? { status: 200 }, reply(api.GET('/api/v1/persons', { params: { query } })));
        if (res.status !== 200) return;
        const own = m.persons.filter((x) => x.tenant === a.tenant);
        const ids: string[] = res.body.items.map((x: any) => x.id);
        if (o.by === 'number') {
          this.same(`persons ${a.name} finds by number`, ids, own.filter((x) => x.nationalNumber === digits).map((x) => x.id));
        } else {
          const exact = own.filter((x) => `${x.firstName} ${x.lastName}` === name).map((x) => x.id);
          const stranger = ids.find((id) => !own.some((x) => x.id === id));
          if (stranger) this.fail(`a name search by ${a.name} shows ${stranger}, not a person of its tenant`);
          if (exact.some((id) => !ids.includes(id))) this.fail(`a name search by ${a.name} for "${name}" misses an exact match`);
        }
        for (const item of res.body.items) this.personView(a, own.find((x) => x.id === item.id)!, item);
        return;
      }
      case 'personTimeline': {
        const p = this.personFor(a, o.target);
        const get = (id: string) => reply(api.GET('/api/v1/persons/{id}/timeline', { params: { path: { id }, query: { limit: 100 } } }));
        const expected = m.gate(a, 'core.case.read', 'core.person.read') ?? (p && p.tenant === a.tenant ? { status: 200 } : { status: 404 });
        const res = await this.observe(o, a, expected, get(p?.id ?? o.missing));
        if (res.status === 200) {
          const cases = m.visibleCases(a, (c) => c.subjects.some((s) => s.personId === p!.id)).reverse().slice(0, 100);
          this.same(`the cases of person ${p!.id} as ${a.name} sees them`,
            res.body.items.map((x: any) => ({ caseId: x.caseId, roles: [...x.roles].sort() })),
            cases.map((c) => ({ caseId: c.id, roles: c.subjects.filter((s) => s.personId === p!.id).map((s) => s.role).sort() })));
        } else if (p) await this.sameAsMissing(res, () => get(o.missing));
        return;
      }
      case 'addParticipant': {
        const c = this.caseFor(a, o.target);
        const org = pick(m.orgs.filter((x) => (x.tenant === a.tenant) === (o.org.mode >= 2)), o.org.index)!;
        const body = { organisationId: org.id, function: o.function, role: o.role };
        const post = (id: string) => reply(api.POST('/api/v1/cases/{id}/participants', { params: { path: { id } }, body }));
        const res = await this.observe(o, a, m.addParticipant(a, c, body), post(c?.id ?? o.missing));
        if (res.status === 201) {
          c!.participants.push(body);
          m.touched(c!, { kind: 'participant-added' });
        } else if (c) await this.sameAsMissing(res, () => post(o.missing));
        return;
      }
      case 'addSubject': {
        const c = this.caseFor(a, o.target);
        const body = { personId: this.personFor(a, o.person)?.id ?? o.missing, role: o.role };
        const post = (id: string) => reply(api.POST('/api/v1/cases/{id}/subjects', { params: { path: { id } }, body }));
        const res = await this.observe(o, a, m.addSubject(a, c, body), post(c?.id ?? o.missing));
        if (res.status === 201) {
          c!.subjects.push(body);
          m.touched(c!, { kind: 'subject-added' });
        } else if (c) await this.sameAsMissing(res, () => post(o.missing));
        return;
      }
      case 'addNote': {
        const c = this.caseFor(a, o.target);
        const text = `Synthetische notitie ${this.run}-${this.step}`;
        const post = (id: string) => reply(api.POST('/api/v1/cases/{id}/notes', { params: { path: { id } }, body: { text } }));
        const res = await this.observe(o, a, m.addNote(a, c), post(c?.id ?? o.missing));
        if (res.status === 201) {
          this.same('the note as written', res.body.text, text);
          m.touched(c!, { kind: 'note-added', noteText: text }, false);
        } else if (c) await this.sameAsMissing(res, () => post(o.missing));
        return;
      }
      case 'caseTimeline': {
        const c = this.caseFor(a, o.target);
        const get = (id: string) => reply(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id }, query: { limit: 100 } } }));
        const res = await this.observe(o, a, m.caseGate(a, c, 'core.case.read') ?? { status: 200 }, get(c?.id ?? o.missing));
        if (res.status === 200) {
          this.same(`the timeline of ${c!.reference} as ${a.name} sees it`,
            res.body.items.map((e: any) => ({ kind: e.kind, linkedCaseId: e.kind === 'linked' ? e.data.caseId : undefined, noteText: e.note?.text })),
            c!.timeline.slice(0, 100).map((e) => ({
              kind: e.kind, noteText: e.noteText,
              linkedCaseId: e.linkedCaseId && this.m.canSee(a, this.m.caseById(e.linkedCaseId)!) ? e.linkedCaseId : undefined,
            })));
        } else if (c) await this.sameAsMissing(res, () => get(o.missing));
        return;
      }
      case 'changeConfidentiality': {
        const c = this.caseFor(a, o.target);
        const tag = !c || o.ifMatch === 'none' ? undefined : o.ifMatch === 'current' ? `W/"${c.version}"` : `W/"${c.version - 1}"`;
        const patch = (id: string) => reply(api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id }, header: tag ? { 'If-Match': tag } : {} }, body: { confidentiality: o.confidentiality } }));
        const res = await this.observe(o, a, m.changeConfidentiality(a, c, o.ifMatch), patch(c?.id ?? o.missing));
        if (res.status === 200) {
          if (c!.confidentiality !== o.confidentiality) {
            c!.confidentiality = o.confidentiality;
            m.touched(c!, { kind: 'updated' });
          }
          this.same('the changed case', { confidentiality: res.body.confidentiality, version: res.body.version, etag: res.headers.get('etag') },
            { confidentiality: c!.confidentiality, version: c!.version, etag: `W/"${c!.version}"` });
        } else if (res.status === 412) {
          this.same('the current ETag on a stale If-Match', res.headers.get('etag'), `W/"${c!.version}"`);
        } else if (c) await this.sameAsMissing(res, () => patch(o.missing));
        return;
      }
      case 'linkCases': {
        const c = this.caseFor(a, o.target);
        const other = this.caseFor(a, o.other);
        const post = (id: string, caseId: string) => reply(api.POST('/api/v1/cases/{id}/links', { params: { path: { id } }, body: { caseId, kind: o.linkKind } }));
        const res = await this.observe(o, a, m.link(a, c, other?.id ?? o.missing, o.linkKind), post(c?.id ?? o.missing, other?.id ?? o.missing));
        if (res.status === 201) {
          this.same('the link as made', res.body, expect.objectContaining({ caseId: other!.id, kind: o.linkKind, reference: other!.reference }));
          m.addLink(c!, other!, o.linkKind);
        } else if (c && other && other.id !== c.id && res.body?.field === 'body.caseId') {
          // An invisible case to link to is refused exactly like one that does not exist.
          this.same('linking to an invisible case compared with a missing one', problemShape(await post(c.id, o.missing)), problemShape(res));
        } else if (c) await this.sameAsMissing(res, () => post(o.missing, other?.id ?? o.missing));
        return;
      }
    }
  }
}

describe('access control, property-based', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ modules: caseChains });
  });
  afterAll(() => t.close());

  it(`shows nothing the model forbids over ${RUNS * OPS_PER_RUN} random operations, and refuses like a missing object`, async () => {
    const stats: Stats = {};
    let run = 0;
    let executed = 0;
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }), async (ops) => {
      run += 1;
      const runner = new Runner(t, await buildWorld(t, run), run, stats);
      for (const o of ops) {
        await runner.execute(o);
        executed += 1;
      }
    }), {
      seed: SEED, numRuns: RUNS, endOnFailure: true,
      // The failure names the seed and the last steps; the whole generated list would drown them.
      reporter: (details) => {
        if (details.failed) throw new Error(`Property failed (seed ${details.seed}, path ${details.counterexamplePath}): ${String(details.errorInstance)}`);
      },
    });

    const columns = ['allowed', 'forbidden', 'notFound', 'refused'] as const;
    const rows = Object.entries(stats).sort(([x], [y]) => x.localeCompare(y))
      .map(([kind, s]) => [kind.padEnd(22), ...columns.map((c) => String(s[c]).padStart(10))].join(''));
    // refused: 400 (not of the caller's tenant, or no acting organisation chosen), 409 (duplicate), 412/428 (If-Match).
    console.log(`seed ${SEED}: ${executed} operations\n${['operation'.padEnd(22), ...columns.map((c) => c.padStart(10))].join('')}\n${rows.join('\n')}`);
    expect(executed).toBeGreaterThanOrEqual(2000);
    // Both sides of the rule were exercised for every kind of operation.
    for (const [kind, s] of Object.entries(stats)) {
      expect({ kind, allowed: s.allowed > 0, denied: s.forbidden + s.notFound > 0 }).toEqual({ kind, allowed: true, denied: true });
    }
    expect(Object.keys(stats)).toHaveLength(13);
  }, 300_000);
});
