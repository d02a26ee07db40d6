import type { Tenant } from '@ketenhuis/core';
import type { TestPlatform } from '@ketenhuis/core/testing';

export const ZONE_CODE = '9901';

/** Reads a response the test expects to succeed, showing the body when it did not. */
export async function ok<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface MDistrict {
  tenant: Tenant;
  orgs: { parket: string; zone: string; justitiehuis: string; otherParket: string };
  /** Registered users, each acting for one organisation with one function. */
  tokens: { inspecteur: string; magistraat: string; analist: string; vreemde: string; assistent: string };
}

/**
 * A district with chain M enabled, arranged through the API as its first administrator would:
 * the parket of chain M, a police zone, a justitiehuis, and a parket that works in no chain of
 * M's (so it takes part in none of its cases).
 */
export async function mDistrict(t: TestPlatform, slug: string): Promise<MDistrict> {
  const tenant = await t.createTenant(slug, ['m']);
  const beheerder = await t.token(tenant, { subject: `${slug}-beheerder`, roles: ['tenant-beheerder'] });
  const organisation = async (name: string, type: string, extra: Record<string, unknown> = {}) =>
    (await ok<{ id: string }>(await t.request('POST', '/api/v1/partners/organisations', { token: beheerder, body: { name, type, ...extra } }), 201)).id;
  const orgs = {
    parket: await organisation(`Parket ${slug}`, 'parket', { chains: ['m'] }),
    zone: await organisation(`Politiezone ${slug}`, 'politiezone', { policeZoneCode: ZONE_CODE }),
    justitiehuis: await organisation(`Justitiehuis ${slug}`, 'justitiehuis', { chains: ['m'] }),
    otherParket: await organisation(`Ander parket ${slug}`, 'parket'),
  };
  const member = async (name: string, organisationId: string, fn: string) => {
    const user = await ok<{ id: string }>(await t.request('POST', '/api/v1/identity/users', {
      token: beheerder, body: { name, email: `${name}@${slug}.example`, subject: `${slug}-${name}` },
    }), 201);
    await ok(await t.request('POST', `/api/v1/identity/users/${user.id}/memberships`, { token: beheerder, body: { organisationId, function: fn } }), 201);
    return t.token(tenant, { subject: `${slug}-${name}` });
  };
  return {
    tenant, orgs,
    tokens: {
      inspecteur: await member('inspecteur', orgs.zone, 'politie-inspecteur'),
      magistraat: await member('magistraat', orgs.parket, 'magistraat'),
      analist: await member('analist', orgs.parket, 'analist'),
      vreemde: await member('vreemde', orgs.otherParket, 'magistraat'),
      assistent: await member('assistent', orgs.justitiehuis, 'justitieassistent'),
    },
  };
}

export type CaseBody = { id: string; reference: string; state: string; fields: Record<string, unknown> };

/** Snelrecht cases of one district, through HTTP. */
export function snelrechtApi(t: TestPlatform, d: MDistrict) {
  return {
    async register(fields: Record<string, unknown>, extra: Record<string, unknown> = {}, token = d.tokens.inspecteur): Promise<CaseBody> {
      return ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token, body: { chain: 'm', caseType: 'snelrecht', fields, ...extra } }), 201);
    },
    act: (token: string, id: string, action: string, input?: Record<string, unknown>) =>
      t.request('POST', `/api/v1/cases/${id}/transitions`, { token, body: { action, ...(input ? { input } : {}) } }),
    async moved(token: string, id: string, action: string, input?: Record<string, unknown>): Promise<CaseBody> {
      return ok<CaseBody>(await t.request('POST', `/api/v1/cases/${id}/transitions`, { token, body: { action, ...(input ? { input } : {}) } }));
    },
    /** Runs SQL in the district's own unit of work (row-level security applies). */
    inTenant: <T>(sql: string, params: unknown[] = []) =>
      t.platform.uow.run({ tenantId: d.tenant.id, tenantSlug: d.tenant.slug }, (s) => s.query<T>(sql, params)),
  };
}
