import type { Tenant, TenantRegistry } from '@ketenhuis/core';

export const DEMO_DISTRICT = { slug: 'limburg', name: 'Zorg- en Veiligheidshuis Limburg' };

/**
 * The embedded default seeds the Limburg pilot district on first run (no tenant yet), with every
 * installed chain module enabled; later runs find it and enable the chains installed since (a
 * chain written with `ketenhuis module new`), never disabling one.
 */
export async function seedDemoDistrict(tenants: TenantRegistry, installedModules: string[], log: (line: string) => void): Promise<Tenant> {
  const existing = await tenants.findBySlug(DEMO_DISTRICT.slug);
  if (existing) {
    const added = installedModules.filter((m) => !existing.modules.includes(m));
    if (!added.length) return existing;
    await tenants.enableModules(existing.id, added);
    log(`enabled chain module(s) ${added.join(', ')} in the demo district "${existing.slug}"`);
    return { ...existing, modules: [...existing.modules, ...added].sort() };
  }
  const created = await tenants.create({ ...DEMO_DISTRICT, modules: installedModules }, installedModules);
  log(`seeded demo district "${created.slug}"`);
  return created;
}
