import type { DataSource } from 'typeorm';
import { bindTenant } from './in-tenant';
import { rows, type ExistsRow } from '../db/rows';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  oidcIssuer: string | null;
  oidcAudience: string | null;
  oidcAlgorithms: string[];
  createdAt: Date;
  modules: string[];
}

export class TenantError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
    this.name = 'TenantError';
  }
}

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

const columns = `id, slug, name, oidc_issuer AS "oidcIssuer", oidc_audience AS "oidcAudience",
  oidc_algorithms AS "oidcAlgorithms", created_at AS "createdAt"`;

/** A tenant as `columns` reads it. */
type TenantRow = Omit<Tenant, 'modules'>;

/**
 * The tenant registry. Reads work for the application role; creating tenants and enabling
 * modules is an operator's job (CLI, owner connection), because the tenants table is read-only
 * for the application role.
 */
export class TenantRegistry {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<Tenant[]> {
    const tenants = await rows<TenantRow>(this.db, `SELECT ${columns} FROM tenants ORDER BY slug`);
    return Promise.all(tenants.map(async (t) => ({ ...t, modules: await this.modulesOf(t.id) })));
  }

  async findBySlug(slug: string): Promise<Tenant | undefined> {
    const [row] = await rows<TenantRow>(this.db, `SELECT ${columns} FROM tenants WHERE slug = $1`, [slug]);
    return row ? { ...row, modules: await this.modulesOf(row.id) } : undefined;
  }

  async findById(id: string): Promise<TenantRow | undefined> {
    const [row] = await rows<TenantRow>(this.db, `SELECT ${columns} FROM tenants WHERE id = $1`, [id]);
    return row;
  }

  async findByIssuer(issuer: string): Promise<TenantRow | undefined> {
    const [row] = await rows<TenantRow>(this.db, `SELECT ${columns} FROM tenants WHERE oidc_issuer = $1`, [issuer]);
    return row;
  }

  /** tenant_modules is tenant-owned: read it inside that tenant's context. */
  async modulesOf(tenantId: string): Promise<string[]> {
    return this.db.transaction(async (m) => {
      await bindTenant(m, tenantId);
      const enabled = await rows<{ module_id: string }>(m, 'SELECT module_id FROM tenant_modules ORDER BY module_id');
      return enabled.map((r) => r.module_id);
    });
  }

  async create(input: { slug: string; name: string; modules?: string[]; oidcIssuer?: string; oidcAudience?: string; oidcAlgorithms?: string[] }, installedModules: string[]): Promise<Tenant> {
    if (!SLUG_PATTERN.test(input.slug)) throw new TenantError('slug', `slug "${input.slug}" must be 2-40 characters: lower-case letters, digits, dashes, starting with a letter`);
    if (!input.name?.trim()) throw new TenantError('name', 'name must not be empty');
    const unknown = (input.modules ?? []).filter((m) => !installedModules.includes(m));
    if (unknown.length) throw new TenantError('modules', `unknown module(s) ${unknown.join(', ')}; installed: ${installedModules.join(', ') || '(none)'}`);
    return this.db.transaction(async (m) => {
      const [existing] = await rows<ExistsRow>(m, 'SELECT 1 FROM tenants WHERE slug = $1', [input.slug]);
      if (existing) throw new TenantError('slug', `tenant "${input.slug}" already exists`);
      const [row] = await rows<TenantRow>(
        m,
        `INSERT INTO tenants (slug, name, oidc_issuer, oidc_audience, oidc_algorithms)
         VALUES ($1, $2, $3, $4, COALESCE($5, '{RS256}'::text[])) RETURNING ${columns}`,
        [input.slug, input.name.trim(), input.oidcIssuer ?? null, input.oidcAudience ?? null, input.oidcAlgorithms ?? null],
      );
      await bindTenant(m, row.id);
      for (const mod of input.modules ?? []) await m.query('INSERT INTO tenant_modules (tenant_id, module_id) VALUES ($1, $2)', [row.id, mod]);
      return { ...row, modules: [...(input.modules ?? [])].sort() };
    });
  }

  async enableModules(tenantId: string, modules: string[]): Promise<void> {
    await this.db.transaction(async (m) => {
      await bindTenant(m, tenantId);
      for (const mod of modules) await m.query('INSERT INTO tenant_modules (tenant_id, module_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenantId, mod]);
    });
  }
}
