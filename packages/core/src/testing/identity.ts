import { jestExpect } from '@ketenhuis/testing';
import type { Tenant } from '../kernel/tenancy/tenants';
import type { TestPlatform } from './test-platform';

export type AuditRow = {
  action: string; result: string; actor_subject: string; actor_user_id: string | null; acting_organisation_id: string | null;
  acting_function: string | null; object_type: string | null; object_id: string | null; changed_fields: string[] | null; purpose: string;
};
export type Membership = { id: string; organisationId: string; organisationName: string; function: string };
export type User = { id: string; subject: string | null; name: string; email: string; status: string; memberships: Membership[] };

/** Arranging identities through the API itself, as a district's first administrator would. */
export function identityHelpers(t: TestPlatform) {
  async function ok<T>(res: Response, status = 200): Promise<T> {
    const expect = jestExpect();
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.any(String) });
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    ok,
    async organisation(admin: string, name: string, type = 'parket', extra: Record<string, unknown> = {}): Promise<string> {
      const body = { name, type, ...extra };
      return (await ok<{ id: string }>(await t.request('POST', '/api/v1/partners/organisations', { token: admin, body }), 201)).id;
    },
    async user(admin: string, body: { name: string; email: string; subject?: string }, memberships: [string, string][] = []): Promise<User> {
      const user = await ok<User>(await t.request('POST', '/api/v1/identity/users', { token: admin, body }), 201);
      for (const [organisationId, fn] of memberships) {
        await ok(await t.request('POST', `/api/v1/identity/users/${user.id}/memberships`, { token: admin, body: { organisationId, function: fn } }), 201);
      }
      return user;
    },
    /** The audit records of one request, read in its tenant's own unit of work. */
    auditOf: (tenant: Tenant, res: Response): Promise<AuditRow[]> =>
      t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, (s) => s.query<AuditRow>(
        `SELECT action, result, actor_subject, actor_user_id, acting_organisation_id, acting_function, object_type, object_id, changed_fields, purpose
         FROM audit_records WHERE request_id = $1`, [res.headers.get('x-request-id')])),
  };
}
