import { isChainModule, type ChainModule } from '@ketenhuis/sdk';
import { corePermissions } from './core-permissions';
import { ModuleDefinitionError, type DefinitionProblem } from './module-definition-error';
import { validateWorkflow } from './validate-workflow';

const MODULE_ID = /^[a-z][a-z0-9-]{0,19}$/;
const MIGRATION_NAME = /^[A-Za-z][A-Za-z0-9]*\d{13}$/;
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

function migrationName(m: unknown): string {
  try {
    const instance = new (m as new () => { name?: string })();
    return instance.name ?? (m as Function).name;
  } catch {
    return (m as Function)?.name ?? String(m);
  }
}

/**
 * Validates all installed modules together (clashes are only visible across modules) and throws
 * a ModuleDefinitionError listing every problem. Pure: no I/O.
 */
export function validateModules(candidates: unknown[], reservedMigrationNames: string[] = []): ChainModule[] {
  const problems: DefinitionProblem[] = [];
  const ids = new Set<string>();
  const queues = new Map<string, string>();
  const migrations = new Map<string, string>(reservedMigrationNames.map((n) => [n, 'core']));
  const declared = new Set<string>(corePermissions);
  const valid: ChainModule[] = [];

  candidates.forEach((candidate, index) => {
    if (!isChainModule(candidate)) {
      problems.push({ moduleId: `#${index}`, field: '(export)', message: 'is not a chain module: default-export defineChainModule({...}) from @ketenhuis/sdk' });
      return;
    }
    for (const p of candidate.permissions ?? []) declared.add(p);
  });

  for (const mod of candidates.filter(isChainModule)) {
    const id = String(mod.id);
    const report = (field: string, message: string) => problems.push({ moduleId: id, field, message });

    if (!MODULE_ID.test(id)) report('id', `"${id}" must be 1-20 lower-case letters, digits or dashes, starting with a letter`);
    if (ids.has(id)) report('id', `duplicate module id "${id}"`);
    ids.add(id);
    if (!mod.title?.nl) report('title.nl', 'a Dutch title is required');
    if (!/^\d+\.\d+\.\d+/.test(mod.version ?? '')) report('version', `"${mod.version}" is not a semantic version`);

    const own = new Set<string>();
    (mod.permissions ?? []).forEach((p, i) => {
      if (!new RegExp(`^${id}\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$`).test(p)) report(`permissions[${i}]`, `"${p}" must be "${id}.<resource>.<verb>"`);
      if (own.has(p)) report(`permissions[${i}]`, `duplicate permission "${p}"`);
      own.add(p);
    });
    const known = (p: string) => declared.has(p);

    for (const [fn, perms] of Object.entries(mod.grants ?? {})) {
      if (!/^[a-z][a-z-]*$/.test(fn)) report(`grants.${fn}`, `"${fn}" is not a function name (lower case, dashes)`);
      perms.forEach((p, i) => { if (!known(p)) report(`grants.${fn}[${i}]`, `unknown permission "${p}"`); });
    }

    const caseTypeIds = new Set<string>();
    (mod.caseTypes ?? []).forEach((ct, i) => {
      if (!/^[a-z][a-z0-9-]*$/.test(ct.id ?? '')) report(`caseTypes[${i}].id`, `"${ct.id}" must be lower-case letters, digits and dashes`);
      if (caseTypeIds.has(ct.id)) report(`caseTypes[${i}].id`, `duplicate case type "${ct.id}"`);
      caseTypeIds.add(ct.id);
      validateWorkflow(ct, `caseTypes[${i}]`, known, report);
    });

    const ownQueues = new Set<string>();
    (mod.queues ?? []).forEach((q, i) => {
      if (!new RegExp(`^${id}\\.[a-z][a-z0-9-]*$`).test(q.name ?? '')) report(`queues[${i}].name`, `"${q.name}" must be "${id}.<concern>" in lower case`);
      if (queues.has(q.name)) report(`queues[${i}].name`, `queue "${q.name}" is already registered by module "${queues.get(q.name)}"`);
      queues.set(q.name, id);
      ownQueues.add(q.name);
      if (typeof q.process !== 'function') report(`queues[${i}].process`, 'must be a function');
    });

    const scheduleIds = new Set<string>();
    (mod.schedules ?? []).forEach((s, i) => {
      if (!ownQueues.has(s.queue)) report(`schedules[${i}].queue`, `unknown queue "${s.queue}" (declare it in queues)`);
      if (scheduleIds.has(s.id)) report(`schedules[${i}].id`, `duplicate schedule "${s.id}"`);
      scheduleIds.add(s.id);
      const fields = (s.cron ?? '').trim().split(/\s+/);
      if (fields.length < 5 || fields.length > 6 || !fields.every((f) => CRON_FIELD.test(f))) report(`schedules[${i}].cron`, `"${s.cron}" is not a cron pattern`);
    });

    const handlerIds = new Set<string>();
    (mod.eventHandlers ?? []).forEach((h, i) => {
      if (!new RegExp(`^${id}\\.[a-z][a-z0-9-.]*$`).test(h.id ?? '')) report(`eventHandlers[${i}].id`, `"${h.id}" must start with "${id}."`);
      if (handlerIds.has(h.id)) report(`eventHandlers[${i}].id`, `duplicate handler "${h.id}"`);
      handlerIds.add(h.id);
      if (typeof h.handle !== 'function') report(`eventHandlers[${i}].handle`, 'must be a function');
    });

    if (mod.routes) {
      const paths = (mod.routes.openapi?.paths ?? {}) as Record<string, Record<string, unknown>>;
      mod.routes.handlers.forEach((r, i) => {
        if (!METHODS.has(r.method)) report(`routes.handlers[${i}].method`, `"${r.method}" is not an HTTP method`);
        if (!r.path?.startsWith('/')) report(`routes.handlers[${i}].path`, `"${r.path}" must start with "/"`);
        else if (!paths[r.path]?.[r.method]) report(`routes.handlers[${i}].path`, `${r.method.toUpperCase()} ${r.path} is not described in routes.openapi`);
        if (!known(r.permission)) report(`routes.handlers[${i}].permission`, `unknown permission "${r.permission}"`);
      });
    }

    (mod.migrations ?? []).forEach((m, i) => {
      const name = migrationName(m);
      if (!MIGRATION_NAME.test(name)) report(`migrations[${i}]`, `name "${name}" must end with a 13-digit timestamp`);
      if (migrations.has(name)) report(`migrations[${i}]`, `migration "${name}" clashes with one of module "${migrations.get(name)}"`);
      migrations.set(name, id);
    });

    valid.push(mod);
  }

  if (problems.length) throw new ModuleDefinitionError(problems);
  return valid;
}
