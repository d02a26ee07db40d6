import { CORE_PERMISSIONS, isChainModule, type CaseTypeDefinition, type ChainModule, type ProviderDefinition } from '@ketenhuis/sdk';
import { ModuleDefinitionError, type DefinitionProblem } from './module-definition-error';
import { validateJobs } from './validate-jobs';
import { validateKpis } from './validate-kpis';
import { validateReferralTypes } from './validate-referral-types';
import { validateRoutes } from './validate-routes';
import { validateWorkflow } from './validate-workflow';
import { KEBAB, entriesOf, hasDutchText, isObject, quote, type ModuleCheck, type Report } from './validation-helpers';

const MODULE_ID = /^[a-z][a-z0-9-]{0,19}$/;
/** Ids whose names core already uses (`core.*` permissions, the `core.events` queue). */
const RESERVED_IDS = new Set(['core']);
const MIGRATION_NAME = /^[A-Za-z][A-Za-z0-9]*\d{13}$/;
const FUNCTION_NAME = /^[a-z][a-z-]*$/;

/** What several modules share a namespace for; a name taken twice is a clash. */
interface Owners {
  ids: Set<string>;
  queues: Map<string, string>;
  migrations: Map<string, string>;
  schemas: Map<string, string>;
}

function migrationName(m: unknown): string {
  try {
    const instance = new (m as new () => { name?: string })();
    return instance.name ?? (m as Function).name;
  } catch {
    return (m as Function)?.name ?? String(m);
  }
}

function hasUp(m: unknown): boolean {
  return typeof m === 'function' && typeof (m as { prototype?: { up?: unknown } }).prototype?.up === 'function';
}

function validatePermissions(mod: ChainModule, id: string, report: Report): Set<string> {
  const own = new Set<string>();
  if (!Array.isArray(mod.permissions)) {
    report('permissions', 'must be an array (possibly empty)');
    return own;
  }
  mod.permissions.forEach((p, i) => {
    if (typeof p !== 'string' || !p.startsWith(`${id}.`) || !/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(p.slice(id.length + 1))) {
      report(`permissions[${i}]`, `${quote(p)} must be "${id}.<resource>.<verb>" in lower case`);
    }
    if (own.has(p)) report(`permissions[${i}]`, `duplicate permission "${p}"`);
    own.add(p);
  });
  return own;
}

function validateGrants(grants: unknown, { report, knownPermission }: ModuleCheck): void {
  if (grants === undefined) return;
  if (!isObject(grants)) {
    report('grants', 'must map function names to lists of permissions');
    return;
  }
  for (const [fn, perms] of Object.entries(grants)) {
    if (!FUNCTION_NAME.test(fn)) report(`grants.${fn}`, `"${fn}" is not a function name (lower case, dashes)`);
    if (!Array.isArray(perms)) report(`grants.${fn}`, 'must be a list of permissions');
    else perms.forEach((p, i) => { if (!knownPermission(p)) report(`grants.${fn}[${i}]`, `unknown permission ${quote(p)} (declare it in this module's permissions)`); });
  }
}

function validateMigrations(migrations: unknown, { id, report }: ModuleCheck, owners: Owners): void {
  if (migrations === undefined) return;
  if (!Array.isArray(migrations)) {
    report('migrations', 'must be an array of migration classes');
    return;
  }
  migrations.forEach((m, i) => {
    const name = migrationName(m);
    if (!MIGRATION_NAME.test(name)) report(`migrations[${i}]`, `name "${name}" must end with a 13-digit timestamp`);
    if (!hasUp(m)) report(`migrations[${i}]`, `"${name}" must be a class with an up(queryRunner) method`);
    const owner = owners.migrations.get(name);
    if (owner) report(`migrations[${i}]`, `migration "${name}" clashes with one of ${owner === 'core' ? 'core' : `module "${owner}"`}`);
    else owners.migrations.set(name, id);
  });
}

function validateProviders(providers: unknown, report: Report): void {
  for (const [p, i] of entriesOf<ProviderDefinition>(providers, 'providers', report)) {
    if (typeof p.token !== 'symbol') report(`providers[${i}].token`, 'must be a symbol');
    const kinds = ['useValue', 'useClass', 'useFactory'].filter((k) => k in p);
    if (kinds.length !== 1) report(`providers[${i}]`, 'must have exactly one of useValue, useClass, useFactory');
  }
}

function validateModule(mod: ChainModule, owners: Owners, report: Report): void {
  const id = String(mod.id);
  if (!MODULE_ID.test(id)) report('id', `"${id}" must be 1-20 lower-case letters, digits or dashes, starting with a letter`);
  else if (RESERVED_IDS.has(id)) report('id', `"${id}" is reserved by the platform`);
  if (owners.ids.has(id)) report('id', `duplicate module id "${id}": another installed module uses it`);
  owners.ids.add(id);
  if (!hasDutchText(mod.title)) report('title.nl', 'a Dutch title is required');
  if (typeof mod.version !== 'string' || !/^\d+\.\d+\.\d+/.test(mod.version)) report('version', `${quote(mod.version)} is not a semantic version`);

  const own = validatePermissions(mod, id, report);
  const check: ModuleCheck = { id, report, knownPermission: (p) => (CORE_PERMISSIONS as readonly string[]).includes(p) || own.has(p) };
  validateGrants(mod.grants, check);

  const caseTypeIds = new Set<string>();
  for (const [ct, i] of entriesOf<CaseTypeDefinition>(mod.caseTypes, 'caseTypes', report)) {
    if (typeof ct.id !== 'string' || !KEBAB.test(ct.id)) report(`caseTypes[${i}].id`, `${quote(ct.id)} must be lower-case letters, digits and dashes`);
    if (caseTypeIds.has(ct.id)) report(`caseTypes[${i}].id`, `duplicate case type "${ct.id}"`);
    caseTypeIds.add(ct.id);
    validateWorkflow(ct, `caseTypes[${i}]`, check.knownPermission, report, (g) => isObject(mod.guards) && typeof mod.guards[g] === 'function');
  }
  if (mod.guards !== undefined && !(isObject(mod.guards) && Object.values(mod.guards).every((g) => typeof g === 'function'))) {
    report('guards', 'must map guard names to functions');
  }

  validateJobs(mod, check, owners.queues);
  validateRoutes(mod.routes, check, owners.schemas);
  validateMigrations(mod.migrations, check, owners);
  if (mod.entities !== undefined && !(Array.isArray(mod.entities) && mod.entities.every((e) => typeof e === 'function'))) {
    report('entities', 'must be an array of entity classes');
  }
  validateProviders(mod.providers, report);
  validateKpis(mod, report);
}

/**
 * Validates all installed modules together (clashes are only visible across modules) and throws
 * a ModuleDefinitionError listing every problem of every module. Pure: no I/O. Names core
 * already uses (migrations, OpenAPI schemas) are passed in so a module cannot take them.
 */
export function validateModules(candidates: unknown[], reservedMigrationNames: string[] = [], reservedSchemaNames: string[] = []): ChainModule[] {
  const problems: DefinitionProblem[] = [];
  const owners: Owners = {
    ids: new Set(),
    queues: new Map(),
    migrations: new Map(reservedMigrationNames.map((n) => [n, 'core'])),
    schemas: new Map(reservedSchemaNames.map((n) => [n, 'core'])),
  };

  candidates.forEach((candidate, index) => {
    if (!isChainModule(candidate)) {
      const named = isObject(candidate) && typeof candidate.id === 'string' ? ` (${candidate.id})` : '';
      problems.push({ moduleId: `#${index}${named}`, field: '(export)', message: 'is not a chain module: default-export defineChainModule({...}) from @ketenhuis/sdk' });
      return;
    }
    validateModule(candidate, owners, (field, message) => problems.push({ moduleId: String(candidate.id), field, message }));
  });
  problems.push(...validateReferralTypes(candidates.filter(isChainModule)));

  if (problems.length) throw new ModuleDefinitionError(problems);
  return candidates as ChainModule[];
}
