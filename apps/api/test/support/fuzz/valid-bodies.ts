import type { District } from './district';
import type { Operation } from './openapi-operations';

/**
 * What the schemas cannot say: bodies the handlers accept past validation (an organisation type
 * that exists, a referral type of the chain, a transition the workflow has, ids of the district),
 * per operationId. An operation not listed gets the schema's own example (schema-examples.ts),
 * which still exercises validation. Ids in bodies are the district's, so the foreign-id
 * mutations can swap in the other district's. The mutations hit every property of the schema,
 * whether or not the valid body has it.
 */
export function validBodies(d: District, uniq: () => string): Record<string, unknown> {
  const { ids } = d;
  const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
  const externalReference = { kind: 'pv', value: `HA.55.L1.${uniq()}/2026`, policeZoneCode: '9931' };
  const protocol = {
    legalBasis: { type: 'wet-of-decreet', reference: 'Art. 458ter Sw.' },
    purpose: { code: 'bescherming-integriteit', description: 'Synthetisch doel' },
    participants: [{ organisationId: ids.parket, function: 'magistraat' }],
    modalities: { chairOrganisationId: ids.parket, frequency: 'maandelijks', minutes: true, retentionPeriod: 'P5Y' },
    validity: { from: '2025-01-01', until: '2030-12-31' },
    chains: ['m'],
    parties: [{ organisationId: ids.parket, signedOn: '2024-12-15' }],
  };
  return {
    registerCase: {
      chain: 'm', caseType: 'snelrecht', confidentiality: 'normaal',
      fields: { pvDate: new Date().toISOString().slice(0, 10), arrest: false, offenceCodes: ['WINKELDIEFSTAL'] },
      externalReferences: [externalReference], subjects: [{ personId: ids.person, role: 'verdachte' }],
    },
    updateCase: { confidentiality: 'vertrouwelijk', addExternalReferences: [externalReference] },
    addCaseSubject: { personId: ids.person, role: 'slachtoffer' },
    addCaseParticipant: { organisationId: ids.justitiehuis, function: 'justitieassistent', role: 'doorverwezen-partner' },
    linkCase: { caseId: ids.referredCase, kind: 'samengevoegd' },
    addCaseNote: { text: 'Fuzz-notitie' },
    transitionCase: { action: 'plan-hoorzitting', input: { hearingDate: soon } },
    suspendDeadline: { reason: 'Fuzz' },
    resumeDeadline: { reason: 'Fuzz' },
    extendDeadline: { by: 'P1D', reason: 'Fuzz' },
    putDeadlineSetting: { duration: 'P2M', warnBefore: 'P7D' },
    issueServiceAccountToken: { grant_type: 'client_credentials', client_id: d.client.id, client_secret: d.client.secret },
    setIdentityRole: { permissions: ['core.person.read', 'core.case.read'] },
    createIdentityUser: { name: 'Fuzz Gebruiker', email: `fuzz-${uniq()}@${d.slug}.example`, subject: `${d.slug}-fuzz-${uniq()}`, status: 'active' },
    updateIdentityUser: { name: 'Doelwit', email: `doelwit@${d.slug}.example`, subject: `${d.slug}-doelwit`, status: 'active' },
    addIdentityMembership: { organisationId: ids.justitiehuis, function: 'hulpverlener' },
    createIdentityServiceAccount: { name: `Fuzz-systeem ${uniq()}`, organisationId: ids.organisation, function: 'hulpverlener' },
    createPartnerOrganisation: { name: `Fuzz-organisatie ${uniq()}`, type: 'caw', kbo: '0403.170.701', professionalSecrecy: true, chains: ['m'], mergedIntoId: ids.organisation },
    updatePartnerOrganisation: { name: `CAW ${d.slug}`, type: 'caw', kbo: null, policeZoneCode: null, professionalSecrecy: true, chains: [], mergedIntoId: null },
    createPartnerProtocol: { title: `Fuzz-protocol ${uniq()}`, ...protocol },
    updatePartnerProtocol: { title: `Protocol ${d.slug}`, ...protocol },
    registerPerson: { firstName: 'Fuzz', lastName: 'Persoon', birthDate: '1990-05-17', sex: 'X' },
    sendReferral: { type: 'bemiddeling-en-maatregelen', organisationId: ids.justitiehuis, note: 'Fuzz' },
    transitionReferral: { action: 'receive' },
    createWebhook: { url: 'http://127.0.0.1:9/fuzz-hook', eventTypes: ['core.case-registered'] },
    updateWebhook: { active: true, url: 'http://127.0.0.1:9/fuzz-hook', eventTypes: ['core.case-registered'] },
    fixtureCreateItem: { title: 'Fuzz item' },
  };
}

/**
 * Query values of the valid request: every required parameter, and per operation the optional
 * ones its handler needs one of (the rest start absent).
 */
export function validQuery(op: Operation): Record<string, string> {
  const known: Record<string, string> = { from: '2026-01-01', to: new Date().toISOString().slice(0, 10) };
  const required = Object.fromEntries(op.parameters.filter((p) => p.in === 'query' && p.required && known[p.name]).map((p) => [p.name, known[p.name]]));
  // Searching persons needs a name or a national number.
  return op.operationId === 'searchPersons' ? { ...required, name: 'Fuzz' } : required;
}
