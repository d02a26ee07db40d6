import { defineChainModule, type ChainModuleDefinition, type FunctionId, type MigrationClass } from '@ketenhuis/sdk';
import { loadConfig, ConfigError } from '../config/config';
import { Platform } from '../../platform';
import { generateKeyMaterial } from '../crypto';
import { isCronPattern } from './cron-pattern';
import { loadInstalledModules } from './load-installed';
import { ModuleDefinitionError, type DefinitionProblem } from './module-definition-error';
import { ModuleRegistry } from './module-registry';

// Mutable, and typed by plain strings: these tests build the wrong modules the compiler would stop.
type Draft = Required<Omit<ChainModuleDefinition, 'permissions' | 'grants'>> & { permissions: string[]; grants: Partial<Record<FunctionId, string[]>> };

const noop = async () => undefined;
const capitalised = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

function migration(name: string): MigrationClass {
  return class { name = name; async up() { /* schema changes would go here */ } };
}

/**
 * A complete, valid definition that uses every part of the contract. Each refusal test breaks
 * exactly one thing in it, so the problem reported can only come from that change.
 */
function draft(id: string): Draft {
  const Name = capitalised(id);
  return {
    id,
    title: { nl: `Keten ${id}`, en: `Chain ${id}` },
    version: '1.0.0',
    permissions: [`${id}.case.review`, `${id}.case.close`, `${id}.item.read`],
    grants: {
      magistraat: [`${id}.case.close`, 'core.audit.read'],
      'administratief-medewerker': [`${id}.case.review`, `${id}.item.read`],
    },
    guards: { 'dossier-volledig': () => true },
    referralTypes: [],
    caseTypes: [{
      id: 'dossier',
      title: { nl: 'Dossier' },
      fields: [
        { id: 'pvDate', title: { nl: 'PV-datum' }, type: 'date', requiredAtRegistration: true },
        { id: 'arrest', title: { nl: 'Aanhouding' }, type: 'boolean' },
        { id: 'reason', title: { nl: 'Reden' }, type: 'text' },
      ],
      workflow: {
        initial: 'registered',
        states: [
          { id: 'registered', title: { nl: 'Geregistreerd' } },
          { id: 'in-review', title: { nl: 'In behandeling' } },
          { id: 'closed', title: { nl: 'Afgesloten' }, final: true },
        ],
        transitions: [
          { action: 'review', from: 'registered', to: 'in-review', permission: `${id}.case.review`, emits: [`${id}.case-reviewed`], guard: 'dossier-volledig' },
          { action: 'close', from: ['registered', 'in-review'], to: 'closed', permission: `${id}.case.close`, requiredFields: ['reason'], setsFields: ['reason'] },
        ],
        clocks: [
          { id: 'review-deadline', title: { nl: 'Behandeltermijn' }, state: 'in-review', duration: 'P2M', warnBefore: 'P7D', runsFrom: 'stateEntered', onExpiry: 'notify' },
          {
            id: 'decision-deadline', title: { nl: 'Beslissingstermijn' }, state: ['registered', 'in-review'], duration: 'PT48H', runsFrom: { field: 'pvDate' },
            when: { field: 'arrest', equals: true }, onExpiry: 'escalate', expiry: [{ organisationType: 'parket', function: 'magistraat' }],
          },
        ],
      },
    }],
    queues: [{ name: `${id}.reminders`, process: noop, concurrency: 2 }],
    schedules: [{ id: `${id}.reminders.weekdays`, queue: `${id}.reminders`, cron: '0 6 * * 1-5', perTenant: true }],
    eventHandlers: [{ id: `${id}.on-reviewed`, eventType: `${id}.case-reviewed`, handle: noop }],
    routes: {
      openapi: {
        paths: {
          '/items': { get: { operationId: `${id}ListItems`, responses: { '200': { description: 'Items' } } } },
          '/items/{id}': { parameters: [], get: { operationId: `${id}GetItem`, responses: { '200': { description: 'One item' } } } },
        },
        components: { schemas: { [`${Name}Item`]: { type: 'object' } } },
      },
      handlers: [
        { method: 'get', path: '/items', permission: `${id}.item.read`, handle: async () => ({ status: 200, body: { items: [] } }) },
        { method: 'get', path: '/items/{id}', permission: `${id}.item.read`, handle: async () => ({ status: 200, body: {} }) },
      ],
    },
    entities: [],
    migrations: [migration(`${Name}Items1764600000000`)],
    kpis: [],
    sharedDataCategories: [],
    providers: [{ token: Symbol(`${id}.clock`), useValue: { now: () => new Date(0) } }],
  };
}

function chain(id: string, change: (d: Draft) => void = () => undefined) {
  const d = draft(id);
  change(d);
  return defineChainModule(d);
}

/** The problems the kernel reports for these candidates (fails if it accepts them). */
function problemsOf(candidates: unknown[]): DefinitionProblem[] {
  try {
    new ModuleRegistry(candidates);
  } catch (err) {
    if (!(err instanceof ModuleDefinitionError)) throw err;
    // Whatever a test expects must also be what the operator reads.
    for (const p of err.problems) expect(err.message).toContain(`module "${p.moduleId}", ${p.field}: ${p.message}`);
    return err.problems;
  }
  throw new Error('the definitions were accepted');
}

const problem = (moduleId: string, field: string, message: RegExp) => ({ moduleId, field, message: expect.stringMatching(message) });

describe('validateModules / ModuleRegistry', () => {
  it('accepts valid modules and indexes what they contribute', () => {
    const registry = new ModuleRegistry([chain('demo'), chain('other')]);
    expect(registry.ids).toEqual(['demo', 'other']);
    // Module grants add to core's own defaults for the function.
    const core = registry.permissionsOf(['geen-functie']);
    expect(core.size).toBe(0);
    const magistraat = registry.permissionsOf(['magistraat']);
    for (const p of ['core.audit.read', 'demo.case.close', 'other.case.close']) expect(magistraat.has(p)).toBe(true);
    expect([...magistraat].filter((p) => !p.startsWith('core.')).sort()).toEqual(['demo.case.close', 'other.case.close']);
    expect(registry.queues.map((q) => [q.moduleId, q.name])).toEqual([['demo', 'demo.reminders'], ['other', 'other.reminders']]);
    expect(registry.schedules.map((s) => s.id)).toEqual(['demo.reminders.weekdays', 'other.reminders.weekdays']);
    expect(registry.eventHandlers.filter((h) => h.eventType === 'other.case-reviewed').map((h) => h.moduleId)).toEqual(['other']);
    expect(registry.migrations.map((m) => new m().name)).toEqual(['DemoItems1764600000000', 'OtherItems1764600000000']);
  });

  it('accepts a module that declares nothing optional', () => {
    const minimal = defineChainModule({ id: 'kaal', title: { nl: 'Kale keten' }, version: '0.1.0', permissions: [] });
    expect(new ModuleRegistry([minimal]).ids).toEqual(['kaal']);
  });

  // Each entry breaks one thing in otherwise valid modules; exactly these problems must come back.
  const refusals: Array<[string, () => unknown[], ReturnType<typeof problem>[]]> = [
    ['a plain object instead of a chain module', () => [{ ...draft('demo') }],
      [problem('#0 (demo)', '(export)', /is not a chain module/)]],
    ['an upper-case id', () => [chain('demo', (d) => { d.id = 'Demo'; d.permissions = []; d.grants = {}; d.caseTypes = []; d.queues = []; d.schedules = []; d.eventHandlers = []; d.routes = { openapi: { paths: {} }, handlers: [] }; })],
      [problem('Demo', 'id', /"Demo" must be 1-20 lower-case letters/)]],
    ['the reserved id "core"', () => [chain('core')],
      [problem('core', 'id', /reserved/)]],
    ['a missing Dutch title', () => [chain('demo', (d) => { d.title = { en: 'Demo chain' } as never; })],
      [problem('demo', 'title.nl', /Dutch title is required/)]],
    ['a version that is not semantic', () => [chain('demo', (d) => { d.version = 'v1'; })],
      [problem('demo', 'version', /not a semantic version/)]],
    ['a permission not named <id>.<resource>.<verb>', () => [chain('demo', (d) => { d.permissions.push('demo.Case'); })],
      [problem('demo', 'permissions[3]', /"demo.Case" must be "demo.<resource>.<verb>"/)]],
    ['a permission in another module\'s namespace', () => [chain('demo', (d) => { d.permissions.push('other.case.read'); })],
      [problem('demo', 'permissions[3]', /must be "demo.<resource>.<verb>"/)]],
    ['a grant of an unknown permission', () => [chain('demo', (d) => { d.grants.magistraat!.push('demo.case.delete'); })],
      [problem('demo', 'grants.magistraat[2]', /unknown permission "demo.case.delete"/)]],
    ['a grant of another module\'s permission', () => [chain('demo'), chain('other', (d) => { d.grants.magistraat!.push('demo.case.close'); })],
      [problem('other', 'grants.magistraat[2]', /unknown permission "demo.case.close"/)]],
    ['a workflow whose initial state does not exist', () => [chain('demo', (d) => { d.caseTypes[0].workflow.initial = 'nieuw'; })],
      [problem('demo', 'caseTypes[0].workflow.initial', /unknown state "nieuw"/)]],
    ['an unreachable workflow state', () => [chain('demo', (d) => { d.caseTypes[0].workflow.states.push({ id: 'archived', title: { nl: 'Gearchiveerd' }, final: true }); })],
      [problem('demo', 'caseTypes[0].workflow.states[3]', /"archived" is unreachable from "registered"/)]],
    ['a dead-end state that is not final', () => [chain('demo', (d) => {
      d.caseTypes[0].workflow.states.push({ id: 'waiting', title: { nl: 'Wachtend' } });
      d.caseTypes[0].workflow.transitions.push({ action: 'wait', from: 'registered', to: 'waiting', permission: 'demo.case.review' });
    })],
      [problem('demo', 'caseTypes[0].workflow.states[3]', /"waiting" has no way out and is not marked final/)]],
    ['a transition to an unknown state', () => [chain('demo', (d) => {
      d.caseTypes[0].workflow.transitions.push({ action: 'escalate', from: 'in-review', to: 'escalated', permission: 'demo.case.review' });
    })],
      [problem('demo', 'caseTypes[0].workflow.transitions[2].to', /unknown state "escalated"/)]],
    ['a transition with an unknown permission', () => [chain('demo', (d) => { d.caseTypes[0].workflow.transitions[0].permission = 'demo.case.approve'; })],
      [problem('demo', 'caseTypes[0].workflow.transitions[0].permission', /unknown permission "demo.case.approve"/)]],
    ['a transition emitting a malformed event type', () => [chain('demo', (d) => { d.caseTypes[0].workflow.transitions[0].emits = ['CaseReviewed']; })],
      [problem('demo', 'caseTypes[0].workflow.transitions[0].emits', /list of event types/)]],
    ['a clock with a duration that is not ISO 8601', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![0].duration = '2 months'; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[0].duration', /"2 months" is not a non-zero ISO 8601 duration/)]],
    ['a clock of zero length', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![0].duration = 'P0D'; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[0].duration', /"P0D" is not a non-zero/)]],
    ['a clock with an unknown expiry action', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![0].onExpiry = 'delete' as never; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[0].onExpiry', /"delete" must be "notify" or "escalate"/)]],
    ['a transition naming a guard the module does not provide', () => [chain('demo', (d) => { d.caseTypes[0].workflow.transitions[0].guard = 'ontbrekend'; })],
      [problem('demo', 'caseTypes[0].workflow.transitions[0].guard', /unknown guard "ontbrekend"/)]],
    ['a transition setting an undeclared field', () => [chain('demo', (d) => { d.caseTypes[0].workflow.transitions[1].setsFields = ['motive']; })],
      [problem('demo', 'caseTypes[0].workflow.transitions[1].setsFields[0]', /unknown case field "motive"/)]],
    ['a field of an unknown type, and one declared twice', () => [chain('demo', (d) => { d.caseTypes[0].fields![1].type = 'money' as never; d.caseTypes[0].fields!.push({ id: 'pvDate', title: { nl: 'Nogmaals' }, type: 'text' }); })],
      [problem('demo', 'caseTypes[0].fields[1].type', /"money" must be one of/), problem('demo', 'caseTypes[0].fields[3].id', /duplicate field "pvDate"/)]],
    ['a clock running from a field that is not a date', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![1].runsFrom = { field: 'arrest' }; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[1].runsFrom.field', /"arrest" is not a date or datetime field/)]],
    ['a clock over an unknown state, conditioned on an unknown field', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![1].state = ['registered', 'archived']; d.caseTypes[0].workflow.clocks![1].when = { field: 'aanhouding', equals: true }; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[1].state', /unknown state "archived"/), problem('demo', 'caseTypes[0].workflow.clocks[1].when.field', /"aanhouding" is not a field/)]],
    ['a clock telling a malformed function', () => [chain('demo', (d) => { d.caseTypes[0].workflow.clocks![1].expiry = [{ function: 'Magistraat' }]; })],
      [problem('demo', 'caseTypes[0].workflow.clocks[1].expiry[0].function', /"Magistraat" is not a function name/)]],
    ['a queue not prefixed by the module id', () => [chain('demo', (d) => { d.queues[0].name = 'reminders'; d.schedules[0].queue = 'reminders'; })],
      [problem('demo', 'queues[0].name', /"reminders" must be "demo.<concern>"/)]],
    ['the same queue name in two modules', () => [chain('demo'), chain('other', (d) => { d.queues[0].name = 'demo.reminders'; d.schedules[0].queue = 'demo.reminders'; })],
      [problem('other', 'queues[0].name', /must be "other.<concern>"/), problem('other', 'queues[0].name', /already registered by module "demo"/)]],
    ['a schedule on an unknown queue', () => [chain('demo', (d) => { d.schedules[0].queue = 'demo.nightly'; })],
      [problem('demo', 'schedules[0].queue', /unknown queue "demo.nightly"/)]],
    ['a schedule with a bad cron pattern', () => [chain('demo', (d) => { d.schedules[0].cron = '0 25 * * *'; })],
      [problem('demo', 'schedules[0].cron', /"0 25 \* \* \*" is not a cron pattern/)]],
    ['a schedule too frequent to be one', () => [chain('demo', (d) => { d.schedules[0] = { id: 'demo.reminders.often', queue: 'demo.reminders', everyMs: 5, perTenant: true }; })],
      [problem('demo', 'schedules[0].everyMs', /5 must be a whole number of milliseconds, at least 1000/)]],
    ['a schedule with both a cron pattern and an interval', () => [chain('demo', (d) => { Object.assign(d.schedules[0], { everyMs: 60_000 }); })],
      [problem('demo', 'schedules[0]', /has both cron and everyMs/)]],
    ['a platform-wide schedule', () => [chain('demo', (d) => { d.schedules[0].perTenant = false; })],
      [problem('demo', 'schedules[0].perTenant', /must be true: module data lives in tenants/)]],
    ['an event handler with a malformed event type', () => [chain('demo', (d) => { d.eventHandlers[0].eventType = 'CaseReviewed'; })],
      [problem('demo', 'eventHandlers[0].eventType', /"CaseReviewed" is not an event type/)]],
    ['a route not described in the OpenAPI fragment', () => [chain('demo', (d) => {
      d.routes.handlers.push({ method: 'post', path: '/items', permission: 'demo.item.read', handle: async () => ({ status: 201 }) });
    })],
      [problem('demo', 'routes.handlers[2].path', /POST \/items is not described in routes.openapi/)]],
    ['a route with an unknown permission', () => [chain('demo', (d) => { d.routes.handlers[0].permission = 'demo.item.write'; })],
      [problem('demo', 'routes.handlers[0].permission', /unknown permission "demo.item.write"/)]],
    ['the same route handled twice', () => [chain('demo', (d) => { d.routes.handlers.push({ ...d.routes.handlers[0] }); })],
      [problem('demo', 'routes.handlers[2].path', /GET \/items is handled twice/)]],
    ['an Express-style route path', () => [chain('demo', (d) => { d.routes.handlers[1].path = '/items/:id'; })],
      [problem('demo', 'routes.handlers[1].path', /OpenAPI-style path/), problem('demo', 'routes.openapi.paths["/items/{id}"].get', /described but has no handler/)]],
    ['a described operation without a handler', () => [chain('demo', (d) => {
      (d.routes.openapi.paths['/items'] as Record<string, unknown>).delete = { responses: { '204': { description: 'Gone' } } };
    })],
      [problem('demo', 'routes.openapi.paths["/items"].delete', /DELETE \/items is described but has no handler/)]],
    ['an OpenAPI schema name core already uses', () => [chain('demo', (d) => { d.routes.openapi.components = { schemas: { Problem: { type: 'object' } } }; })],
      [problem('demo', 'routes.openapi.components.schemas.Problem', /clashes with one of core; prefix it with the module id/)]],
    ['a migration name without a 13-digit timestamp', () => [chain('demo', (d) => { d.migrations = [migration('DemoItems')]; })],
      [problem('demo', 'migrations[0]', /name "DemoItems" must end with a 13-digit timestamp/)]],
    ['a migration name another module uses', () => [chain('demo'), chain('other', (d) => { d.migrations = [migration('DemoItems1764600000000')]; })],
      [problem('other', 'migrations[0]', /"DemoItems1764600000000" clashes with one of module "demo"/)]],
    ['a migration name core uses', () => [chain('demo', (d) => { d.migrations = [migration('CoreTenancy1764400000000')]; })],
      [problem('demo', 'migrations[0]', /"CoreTenancy1764400000000" clashes with one of core/)]],
    ['a list field that is not a list', () => [chain('demo', (d) => { d.queues = 'demo.reminders' as never; d.schedules = []; })],
      [problem('demo', 'queues', /must be an array/)]],
  ];

  it.each(refusals)('refuses %s, naming the module and the field', (_name, candidates, expected) => {
    expect(problemsOf(candidates())).toEqual(expected);
  });

  it('refuses duplicate module ids', () => {
    expect(problemsOf([chain('demo'), chain('demo')])).toContainEqual(problem('demo', 'id', /duplicate module id "demo"/));
  });

  it('lists every problem of every module at once', () => {
    const problems = problemsOf([
      chain('alpha', (d) => { d.caseTypes[0].workflow.initial = 'nowhere'; }),
      chain('beta'),
      chain('gamma', (d) => { d.schedules[0].cron = 'every monday'; d.title = { nl: ' ' }; }),
    ]);
    expect(problems).toEqual([
      problem('alpha', 'caseTypes[0].workflow.initial', /unknown state "nowhere"/),
      problem('gamma', 'title.nl', /Dutch title/),
      problem('gamma', 'schedules[0].cron', /not a cron pattern/),
    ]);
  });

  it('does not crash on a malformed plain-JavaScript definition', () => {
    const junk = defineChainModule({ id: 'junk', title: { nl: 'Rommel' }, version: '1.0.0', permissions: 'junk.a.b', caseTypes: [null, { id: 'x', title: { nl: 'X' } }] } as never);
    expect(problemsOf([junk])).toEqual([
      problem('junk', 'permissions', /must be an array/),
      problem('junk', 'caseTypes[0]', /must be an object/),
      problem('junk', 'caseTypes[1].workflow', /needs an initial state/),
    ]);
  });
});

describe('cron patterns', () => {
  it.each(['0 6 * * 1', '*/15 * * * *', '0 0 1,15 * *', '30 2 * JAN-MAR mon-fri', '0 0 L * ?', '0 12 * * 5L', '0 9 * * 1#2', '0 */5 9-17 * * 1-5'])('accepts %s', (pattern) => {
    expect(isCronPattern(pattern)).toBe(true);
  });

  it.each(['', '* * * *', '* * * * * * *', '60 * * * *', '0 24 * * *', '0 0 0 * *', '0 0 * 13 *', '0 0 * * 8', '0 0 15W * *', '5-1 * * * *', '*/0 * * * *', 'every day at six', '0 6 * * MONDAY'])('refuses "%s"', (pattern) => {
    expect(isCronPattern(pattern)).toBe(false);
  });
});

describe('booting with modules', () => {
  // Nothing listens here: if the platform tried to connect first it would fail with a connection error.
  const unreachable = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere', ...generateKeyMaterial() });

  it('refuses a bad module before connecting to anything', async () => {
    const bad = chain('demo', (d) => { d.schedules[0].perTenant = false; });
    await expect(Platform.create({ config: unreachable, modules: [bad] })).rejects.toBeInstanceOf(ModuleDefinitionError);
  });

  it('with valid modules the same configuration does try to connect (the control for the test above)', async () => {
    await expect(Platform.create({ config: unreachable, modules: [chain('demo')] })).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('names KETENHUIS_MODULES and the package when a configured module is not installed', () => {
    let error: unknown;
    try {
      loadInstalledModules(['@ketenhuis/does-not-exist']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('KETENHUIS_MODULES');
    expect((error as Error).message).toMatch(/^KETENHUIS_MODULES: chain module "@ketenhuis\/does-not-exist" is not installed/);
  });

  it('tells a module that fails to load apart from one that is not installed', () => {
    const brokenDependency = (() => {
      throw Object.assign(new Error("Cannot find module 'left-pad'"), { code: 'MODULE_NOT_FOUND' });
    }) as unknown as NodeJS.Require;
    expect(() => loadInstalledModules(['@ketenhuis/chain-demo'], brokenDependency))
      .toThrow('KETENHUIS_MODULES: chain module "@ketenhuis/chain-demo" failed to load: Cannot find module \'left-pad\'');
  });

  it('returns the default export of an installed module', () => {
    const demo = chain('demo');
    const requireFn = ((name: string) => (name === '@ketenhuis/chain-demo' ? { default: demo } : undefined)) as unknown as NodeJS.Require;
    expect(loadInstalledModules(['@ketenhuis/chain-demo'], requireFn)).toEqual([demo]);
  });
});

describe('Platform.create without encryption keys', () => {
  it('refuses to start, naming the variable, before connecting', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere' });
    await expect(Platform.create({ config })).rejects.toThrow(/^KETENHUIS_ENCRYPTION_KEYS: is not set/);
  });
});
