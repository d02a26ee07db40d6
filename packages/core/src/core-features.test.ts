import { CORE_PERMISSIONS, TOKENS } from '@ketenhuis/sdk';
import { coreFeatures } from './core-features';
import { ModuleRegistry } from './kernel/modules/module-registry';

const features = coreFeatures({ deadlineSweepMs: 60_000, webhookSweepMs: 60_000, idempotencyPurgeMs: 60_000 });

describe('core features', () => {
  it('each have their own id', () => {
    const ids = features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(/^core\.[a-z-]+$/));
  });

  it('declare together exactly the permissions the SDK publishes, each in one area', () => {
    const declared = features.flatMap((f) => f.permissions ?? []);
    expect(declared.length).toBe(new Set(declared).size);
    expect([...declared].sort()).toEqual([...CORE_PERMISSIONS].sort());
  });

  it('grant only the permissions of their own area', () => {
    for (const f of features) {
      const own = new Set(f.permissions ?? []);
      for (const [fn, perms] of Object.entries(f.grants ?? {})) {
        expect({ feature: f.id, fn, foreign: perms.filter((p) => !own.has(p)) }).toEqual({ feature: f.id, fn, foreign: [] });
      }
    }
  });

  it('give the registry the default grants of every function', () => {
    const registry = new ModuleRegistry([], features);
    expect([...registry.permissions].sort()).toEqual([...CORE_PERMISSIONS].sort());
    expect(registry.permissionsOf(['hulpverlener'])).toEqual(new Set(['core.partner.read', 'core.protocol.read', 'core.person.read',
      'core.case.read', 'core.case.note', 'core.deadline.read', 'core.referral.read', 'core.referral.respond']));
    expect(registry.permissionsOf(['analist'])).toEqual(new Set(['core.partner.read', 'core.report.read']));
    expect(registry.permissionsOf(['tenant-beheerder']).has('core.case.read')).toBe(false);
  });

  it('provide the services the SDK promises chains', () => {
    const provided = features.flatMap((f) => f.providers ?? []).map((p) => p.token);
    expect(provided).toEqual(expect.arrayContaining([TOKENS.Cases, TOKENS.Deadlines, TOKENS.Workflows]));
  });
});
