import { defineChainModule, type CaseTypeDefinition } from '@ketenhuis/sdk';
import type { Tenant } from '../kernel/tenancy/tenants';
import { identityHelpers } from './identity';
import type { TestPlatform } from './test-platform';

const caseType = (id: string, nl: string): CaseTypeDefinition => ({
  id,
  title: { nl, fr: nl, en: nl },
  workflow: {
    initial: 'intake',
    states: [
      { id: 'intake', title: { nl: 'Intake', fr: 'Accueil', en: 'Intake' } },
      { id: 'afgesloten', title: { nl: 'Afgesloten', fr: 'Clôturé', en: 'Closed' }, final: true },
    ],
    transitions: [{ action: 'sluit-af', from: 'intake', to: 'afgesloten', permission: `${id.split('-')[0]}.case.close` }],
  },
});

/** Two small chains for the case registry's tests, and one a district leaves disabled. */
export const snelChain = defineChainModule({
  id: 'snel', title: { nl: 'Testketen snelrecht', fr: 'Chaîne de test', en: 'Test chain' }, version: '1.0.0',
  permissions: ['snel.case.close'], caseTypes: [caseType('snel-dossier', 'Snelrechtdossier')],
});
export const gezinChain = defineChainModule({
  id: 'gezin', title: { nl: 'Testketen gezin', fr: 'Chaîne de test', en: 'Test chain' }, version: '1.0.0',
  permissions: ['gezin.case.close'], caseTypes: [caseType('gezin-dossier', 'Gezinsdossier')],
});
export const uitChain = defineChainModule({
  id: 'uit', title: { nl: 'Testketen uit', fr: 'Chaîne de test', en: 'Test chain' }, version: '1.0.0',
  permissions: ['uit.case.close'], caseTypes: [caseType('uit-dossier', 'Uitgeschakeld dossier')],
});
export const caseChains = [snelChain, gezinChain, uitChain];

export const ZONE_CODE = '9901';

export interface CaseDistrict {
  tenant: Tenant;
  beheerder: string;
  orgs: { parket: string; zone: string; justitiehuis: string; caw: string };
  /** Tokens of registered users, each acting for one organisation with one function. */
  inspecteur: string;
  jurist: string;
  assistent: string;
  hulpverlener: string;
}

/**
 * A district with the chains `snel` and `gezin` enabled, a parket working in both, a police
 * zone, a justitiehuis and a CAW, each with one registered user.
 */
export async function caseDistrict(t: TestPlatform, slug: string): Promise<CaseDistrict> {
  const h = identityHelpers(t);
  const tenant = await t.createTenant(slug, ['snel', 'gezin']);
  const beheerder = await t.token(tenant, { subject: `${slug}-beheerder`, roles: ['tenant-beheerder'] });
  const orgs = {
    parket: await h.organisation(beheerder, `Parket ${slug}`, 'parket', { chains: ['snel', 'gezin'] }),
    zone: await h.organisation(beheerder, `Politiezone ${slug}`, 'politiezone', { policeZoneCode: ZONE_CODE }),
    justitiehuis: await h.organisation(beheerder, `Justitiehuis ${slug}`, 'justitiehuis'),
    caw: await h.organisation(beheerder, `CAW ${slug}`, 'caw'),
  };
  const member = async (name: string, org: string, fn: string) => {
    await h.user(beheerder, { name, email: `${name}@${slug}.example`, subject: `${slug}-${name}` }, [[org, fn]]);
    return t.token(tenant, { subject: `${slug}-${name}` });
  };
  return {
    tenant, beheerder, orgs,
    inspecteur: await member('inspecteur', orgs.zone, 'politie-inspecteur'),
    jurist: await member('jurist', orgs.parket, 'parketjurist'),
    assistent: await member('assistent', orgs.justitiehuis, 'justitieassistent'),
    hulpverlener: await member('hulpverlener', orgs.caw, 'hulpverlener'),
  };
}

export type CaseBody = {
  id: string; reference: string; chain: string; caseType: string; state: string; confidentiality: string; version: number;
  externalReferences: { id: string; kind: string; value: string; policeZoneCode?: string }[];
  subjects: { personId: string; role: string }[];
  participants: { organisationId: string; function: string; role: string }[];
  links: { caseId: string; reference?: string; kind: string }[];
};
export type TimelineBody = { items: { id: string; kind: string; actorSubject: string; actorOrganisationId: string | null; data: Record<string, unknown>; note?: { text: string } }[]; nextCursor?: string };
export type PersonTimelineBody = { items: { caseId: string; reference: string; chain: string; roles: string[] }[]; nextCursor?: string };

/** Case registry calls of one district, through HTTP. */
export function caseApi(t: TestPlatform) {
  const h = identityHelpers(t);
  return {
    ...h,
    register: (token: string, body: unknown) => t.request('POST', '/api/v1/cases', { token, body }),
    async registered(token: string, body: Record<string, unknown> = {}): Promise<CaseBody> {
      return h.ok<CaseBody>(await t.request('POST', '/api/v1/cases', { token, body: { chain: 'snel', caseType: 'snel-dossier', ...body } }), 201);
    },
    get: (token: string, id: string) => t.request('GET', `/api/v1/cases/${id}`, { token }),
    list: (token: string, query = '') => t.request('GET', `/api/v1/cases${query}`, { token }),
    timeline: (token: string, id: string, query = '') => t.request('GET', `/api/v1/cases/${id}/timeline${query}`, { token }),
    personTimeline: (token: string, id: string) => t.request('GET', `/api/v1/persons/${id}/timeline`, { token }),
    post: (token: string, id: string, part: 'subjects' | 'participants' | 'links' | 'notes', body: unknown) =>
      t.request('POST', `/api/v1/cases/${id}/${part}`, { token, body }),
    patch: (token: string, id: string, body: unknown, ifMatch?: string) =>
      t.request('PATCH', `/api/v1/cases/${id}`, { token, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }),
    async person(token: string, firstName = 'Testpersoon', lastName = 'Synthetisch'): Promise<string> {
      return (await h.ok<{ id: string }>(await t.request('POST', '/api/v1/persons', { token, body: { firstName, lastName } }), 201)).id;
    },
  };
}
