import type { ChainModule, EventHandlerDefinition, MigrationClass, PlatformFeature, QueueDefinition, ReferralTypeDefinition, ScheduleDefinition } from '@ketenhuis/sdk';
import { validateModules } from './validate-module';
import { coreMigrations } from '../db/migrations';
import { loadCoreDocument } from '@ketenhuis/contracts';

/**
 * The validated, installed chain modules and what they contribute, indexed for the kernel, with
 * the permissions and default grants of core's features and the chains together.
 */
export class ModuleRegistry {
  readonly modules: readonly ChainModule[];
  readonly permissions: ReadonlySet<string>;
  private readonly grantsByFunction = new Map<string, Set<string>>();

  /** `features`: core's (coreFeatures); without them only the chains' own permissions exist. */
  constructor(candidates: unknown[], features: readonly PlatformFeature[] = []) {
    const coreNames = coreMigrations.map((m) => new m().name ?? m.name);
    const coreSchemas = Object.keys(loadCoreDocument().components?.schemas ?? {});
    this.modules = validateModules(candidates, coreNames, coreSchemas);
    this.permissions = new Set([...features.flatMap((f) => f.permissions ?? []), ...this.modules.flatMap((m) => m.permissions)]);
    for (const grants of [...features.map((f) => f.grants ?? {}), ...this.modules.map((m) => m.grants ?? {})]) {
      for (const [fn, perms] of Object.entries(grants)) {
        const set = this.grantsByFunction.get(fn) ?? new Set<string>();
        perms.forEach((p) => set.add(p));
        this.grantsByFunction.set(fn, set);
      }
    }
  }

  get ids(): string[] {
    return this.modules.map((m) => m.id);
  }

  get(id: string): ChainModule | undefined {
    return this.modules.find((m) => m.id === id);
  }

  /** A referral type by id, with the module that declares it (ids are unique across modules). */
  referralType(id: string): { moduleId: string; type: ReferralTypeDefinition } | undefined {
    for (const m of this.modules) {
      const type = m.referralTypes?.find((t) => t.id === id);
      if (type) return { moduleId: m.id, type };
    }
    return undefined;
  }

  /** Default permissions of a set of functions (tenant adjustments arrive with identity). */
  permissionsOf(functions: string[]): Set<string> {
    const out = new Set<string>();
    for (const fn of functions) this.grantsByFunction.get(fn)?.forEach((p) => out.add(p));
    return out;
  }

  get migrations(): MigrationClass[] {
    return this.modules.flatMap((m) => m.migrations ?? []);
  }

  get entities(): Function[] {
    return this.modules.flatMap((m) => m.entities ?? []);
  }

  get queues(): Array<QueueDefinition & { moduleId: string }> {
    return this.modules.flatMap((m) => (m.queues ?? []).map((q) => ({ ...q, moduleId: m.id })));
  }

  get schedules(): Array<ScheduleDefinition & { moduleId: string }> {
    return this.modules.flatMap((m) => (m.schedules ?? []).map((s) => ({ ...s, moduleId: m.id })));
  }

  get eventHandlers(): Array<EventHandlerDefinition & { moduleId: string }> {
    return this.modules.flatMap((m) => (m.eventHandlers ?? []).map((h) => ({ ...h, moduleId: m.id })));
  }
}
