import { FUNCTIONS, webhookFanOut, type Tenant } from '@ketenhuis/core';
import { identityHelpers, type TestPlatform } from '@ketenhuis/core/testing';
import { mulberry32, syntheticNationalNumber } from '@ketenhuis/testing';

/**
 * The callers the fuzzer uses. A request only reaches a handler with a token that passes the
 * route's permission and, for organisation-bound data (cases, referrals, webhooks, notifications),
 * acts for the right organisation; `actor-for-operation.ts` picks one of these per operation.
 */
export type ActorName = 'admin' | 'magistraat' | 'assistent' | 'webAdmin';

/** Real objects of one district, so that a request with a valid path id reaches its handler. */
export interface DistrictIds {
  /** Organisations the actors work in: never the target of a fuzzed write. */
  parket: string;
  justitiehuis: string;
  /** An organisation of its own for PATCH /partners/organisations/{id} to change at will. */
  organisation: string;
  /** A user that is none of the actors: PATCH and membership removals may disable or empty it. */
  user: string;
  membership: string;
  serviceAccount: string;
  person: string;
  /** A chain M case still in intake, with a PV link and a subject: its decision deadline runs. */
  case: string;
  deadline: string;
  /** A chain M case in mediation, with a referral to the justitiehuis. */
  referredCase: string;
  referral: string;
  notification: string;
  webhook: string;
  /** A webhook of its own for DELETE /webhooks/{id}, which removes it on the first valid call. */
  doomedWebhook: string;
  delivery: string;
  protocol: string;
  item: string;
}

export interface District {
  tenant: Tenant;
  slug: string;
  tokens: Record<ActorName, string>;
  ids: DistrictIds;
  /** Credentials of a service account kept for the token endpoint (never revoked by the fuzzer). */
  client: { id: string; secret: string };
}

const DAY = 24 * 3600 * 1000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Arranges a district through the API, as its people would: organisations, users with
 * memberships, service accounts, a person, two chain M cases (one far enough for a referral),
 * a webhook with a pending delivery, a protocol and a fixture item. Fails loudly when an
 * arrangement is refused, since every later fuzz result would otherwise be meaningless.
 */
export async function buildDistrict(t: TestPlatform, slug: string): Promise<District> {
  const h = identityHelpers(t);
  const tenant = await t.createTenant(slug);
  // A bootstrap operator (no user in the tenant) holding every function: its permissions are the
  // union of all default grants, so it can call every route that needs no acting organisation.
  const admin = await t.token(tenant, { subject: `${slug}-fuzz-operator`, roles: FUNCTIONS.map((f) => f.id) });
  const call = async <T>(token: string, method: string, path: string, body?: unknown, status = 201, headers: Record<string, string> = {}): Promise<T> =>
    h.ok<T>(await t.request(method, `/api/v1${path}`, { token, body, headers }), status);

  const parket = await h.organisation(admin, `Parket ${slug}`, 'parket', { chains: ['m'] });
  const zone = await h.organisation(admin, `Politiezone ${slug}`, 'politiezone', { policeZoneCode: '9931' });
  const justitiehuis = await h.organisation(admin, `Justitiehuis ${slug}`, 'justitiehuis');
  const organisation = await h.organisation(admin, `CAW ${slug}`, 'caw');

  const member = async (name: string, memberships: [string, string][]) => {
    const user = await h.user(admin, { name, email: `${name}@${slug}.example`, subject: `${slug}-${name}` }, memberships);
    return { user, token: await t.token(tenant, { subject: `${slug}-${name}` }) };
  };
  const magistraat = (await member('magistraat', [[parket, 'magistraat']])).token;
  const assistent = (await member('assistent', [[justitiehuis, 'justitieassistent']])).token;
  const webAdmin = (await member('webbeheerder', [[parket, 'tenant-beheerder']])).token;
  const created = (await member('doelwit', [[organisation, 'hulpverlener']])).user;
  // The user as created lists no memberships yet: read it back for the membership's id.
  const target = await call<{ id: string; memberships: { id: string }[] }>(admin, 'GET', `/identity/users/${created.id}`, undefined, 200);
  const tokens = { admin, magistraat, assistent, webAdmin };

  const account = await call<{ id: string }>(admin, 'POST', '/identity/service-accounts', { name: 'Doelwit-systeem', organisationId: zone, function: 'politie-inspecteur' });
  const client = await call<{ clientId: string; clientSecret: string }>(admin, 'POST', '/identity/service-accounts', { name: 'PV-systeem', organisationId: zone, function: 'politie-inspecteur' });

  const nationalNumber = syntheticNationalNumber(mulberry32(slug.length * 7919));
  const person = await call<{ id: string }>(magistraat, 'POST', '/persons', { firstName: 'Fuzz', lastName: 'Persoon', nationalNumber });
  const register = (arrest: boolean, pv: string) => call<{ id: string }>(magistraat, 'POST', '/cases', {
    chain: 'm', caseType: 'snelrecht',
    fields: { pvDate: isoDate(Date.now() - 2 * DAY), arrest, offenceCodes: ['WINKELDIEFSTAL'] },
    externalReferences: [{ kind: 'pv', value: pv, policeZoneCode: '9931' }],
    subjects: [{ personId: person.id, role: 'verdachte' }],
  });
  const intake = await register(false, `HA.55.L1.000${slug.length}01/2026`);
  const deadlines = await call<{ items: { id: string }[] }>(magistraat, 'GET', `/cases/${intake.id}/deadlines`, undefined, 200);
  if (!deadlines.items.length) throw new Error(`the intake case of ${slug} has no running deadline to fuzz`);

  const referred = await register(false, `HA.55.L1.000${slug.length}02/2026`);
  await call(magistraat, 'POST', `/cases/${referred.id}/transitions`,
    { action: 'plan-hoorzitting', input: { hearingDate: new Date(Date.now() + 2 * DAY).toISOString() } }, 200);
  await call(magistraat, 'POST', `/cases/${referred.id}/transitions`, { action: 'beslis-bemiddeling' }, 200);
  await call(magistraat, 'POST', `/cases/${referred.id}/links`, { caseId: intake.id, kind: 'gerelateerd' });
  const referral = await call<{ id: string }>(magistraat, 'POST', `/cases/${referred.id}/referrals`, { type: 'bemiddeling-en-maatregelen', organisationId: justitiehuis });
  const notifications = await call<{ items: { id: string }[] }>(assistent, 'GET', '/notifications', undefined, 200);
  if (!notifications.items.length) throw new Error(`the justitiehuis of ${slug} got no notification of the referral`);

  // Port 9 (discard) on the own machine: nothing is sent anyway, the worker does not run.
  const hook = { url: 'http://127.0.0.1:9/fuzz-hook', eventTypes: ['core.case-registered'] };
  const webhook = await call<{ id: string }>(webAdmin, 'POST', '/webhooks', hook);
  const doomedWebhook = await call<{ id: string }>(webAdmin, 'POST', '/webhooks', hook);
  // Without a worker the outbox is not relayed: hand one event to the fan-out, as the
  // webhook tests do, to get a delivery whose retry route can be fuzzed.
  const delivery = await t.platform.uow.run({ tenantId: tenant.id, tenantSlug: tenant.slug }, async (s) => {
    const [e] = await s.query<{ id: string; type: string; aggregate_type: string; aggregate_id: string }>(
      `SELECT id, type, aggregate_type, aggregate_id FROM outbox_events WHERE type = 'core.case-registered' ORDER BY created_at LIMIT 1`);
    await webhookFanOut.handle({ id: e.id, type: e.type, aggregateType: e.aggregate_type, aggregateId: e.aggregate_id, payload: {} }, s);
    // Given up on, as after its last attempt: only such a delivery can be retried.
    await s.query(`UPDATE webhook_deliveries SET state = 'dead', dead_at = now(), next_attempt_at = NULL WHERE subscription_id = $1`, [webhook.id]);
    const [d] = await s.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE subscription_id = $1 AND state = 'dead'`, [webhook.id]);
    return d?.id;
  });
  if (!delivery) throw new Error(`the webhook of ${slug} got no delivery to fuzz`);

  const protocol = await call<{ id: string }>(admin, 'POST', '/partners/protocols', {
    title: `Protocol ${slug}`,
    legalBasis: { type: 'wet-of-decreet', reference: 'Art. 458ter Sw.' },
    purpose: { code: 'bescherming-integriteit', description: 'Synthetisch protocol voor de fuzz-test.' },
    participants: [{ organisationId: parket, function: 'magistraat' }, { organisationId: justitiehuis, function: 'justitieassistent' }],
    modalities: { chairOrganisationId: parket, frequency: 'maandelijks', minutes: true, retentionPeriod: 'P5Y' },
    validity: { from: '2025-01-01' },
    chains: ['m'],
    parties: [{ organisationId: parket, signedOn: '2024-12-15' }],
  });
  const item = await call<{ id: string }>(admin, 'POST', '/chains/fixture/items', { title: 'Fuzz item' });

  return {
    tenant, slug, tokens,
    client: { id: client.clientId, secret: client.clientSecret },
    ids: {
      parket, justitiehuis, organisation,
      user: target.id, membership: target.memberships[0].id, serviceAccount: account.id, person: person.id,
      case: intake.id, deadline: deadlines.items[0].id, referredCase: referred.id, referral: referral.id,
      notification: notifications.items[0].id, webhook: webhook.id, doomedWebhook: doomedWebhook.id, delivery,
      protocol: protocol.id, item: item.id,
    },
  };
}
