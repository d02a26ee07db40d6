import type { Tenant, TenantRegistry } from '@ketenhuis/core';

export const DEMO_DISTRICT = { slug: 'limburg', name: 'Zorg- en Veiligheidshuis Limburg' };

/**
 * The embedded default seeds the Limburg pilot district on first run (no tenant yet), with every
 * installed chain module enabled; later runs find it and leave it alone.
 */
export async function seedDemoDistrict(tenants: TenantRegistry, installedModules: string[], log: (line: string) => void): Promise<Tenant> {
  const existing = await tenants.findBySlug(DEMO_DISTRICT.slug);
  if (existing) return existing;
  const created = await tenants.create({ ...DEMO_DISTRICT, modules: installedModules }, installedModules);
  log(`seeded demo district "${created.slug}"`);
  return created;
}
