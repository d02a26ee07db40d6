import type { OrganisationChanges } from '../organisation-rules';
import type { ProtocolState } from '../protocol-rules';

/**
 * A synthetic district: invented names, police zone codes outside the range Belgian zones use,
 * no enterprise numbers (a valid one could belong to a real company). Chains are module ids.
 */
export const demoOrganisations: (OrganisationChanges & { name: string; type: string })[] = [
  { name: 'Parket Demo', type: 'parket', chains: ['m', 'ifg', 'zeden', 'jeugd'] },
  { name: 'Politiezone Demo-Noord', type: 'politiezone', policeZoneCode: '9901', chains: ['m', 'ifg', 'zeden', 'jeugd'] },
  { name: 'Politiezone Demo-Zuid', type: 'politiezone', policeZoneCode: '9902', chains: ['m', 'ifg', 'zeden', 'jeugd'] },
  { name: 'Justitiehuis Demo', type: 'justitiehuis', chains: ['m', 'ifg', 'jeugd'] },
  { name: 'Veilig Huis Demo', type: 'veilig-huis', chains: ['ifg'] },
  { name: 'CAW Demo', type: 'caw', chains: ['ifg'] },
  { name: 'CGG Demo', type: 'cgg', chains: ['ifg'] },
  { name: 'Opgroeien Demo', type: 'opgroeien', chains: ['ifg', 'jeugd'] },
  { name: 'Vertrouwenscentrum Kindermishandeling Demo', type: 'vertrouwenscentrum-kindermishandeling', chains: ['ifg'] },
  { name: 'Kind en Gezin Demo', type: 'kind-en-gezin', chains: ['ifg'] },
  { name: 'CLB Demo', type: 'clb', chains: ['ifg', 'jeugd'] },
  { name: 'OCMW Demostad', type: 'ocmw-lokaal-bestuur', chains: ['ifg'] },
  { name: 'Gevangenis Demo', type: 'gevangenis', chains: ['ifg'] },
  { name: 'HCA-dienst Demo', type: 'hca-dienst', chains: ['jeugd'] },
  { name: 'Zorgcentrum na Seksueel Geweld Demo', type: 'zorgcentrum-na-seksueel-geweld', chains: ['zeden'] },
];

/** Who takes part in the demo protocol's consultations: organisation name → functions. */
const participants: [string, string[]][] = [
  ['Veilig Huis Demo', ['casusregisseur']],
  ['Parket Demo', ['magistraat', 'parketcriminoloog']],
  ['Politiezone Demo-Noord', ['politie-inspecteur']],
  ['Politiezone Demo-Zuid', ['politie-inspecteur']],
  ['Justitiehuis Demo', ['justitieassistent']],
  ['CAW Demo', ['hulpverlener']],
  ['CGG Demo', ['hulpverlener']],
  ['Opgroeien Demo', ['hulpverlener']],
  ['Vertrouwenscentrum Kindermishandeling Demo', ['hulpverlener']],
  ['Kind en Gezin Demo', ['hulpverlener']],
  ['CLB Demo', ['hulpverlener']],
  ['OCMW Demostad', ['hulpverlener']],
  ['Gevangenis Demo', ['hulpverlener']],
];

/** In the style of a Family Justice Center framework agreement; every text is invented. */
export function demoProtocol(idOf: (name: string) => string): ProtocolState {
  return {
    title: 'Kaderovereenkomst Veilig Huis Demo — casusoverleg intrafamiliaal geweld',
    legalBasis: { type: 'gemotiveerde-machtiging-procureur', reference: 'Synthetisch voorbeeld: gemotiveerde machtiging van de procureur des Konings, kenmerk DEMO/458ter/001' },
    purpose: {
      code: 'bescherming-integriteit',
      description: 'Intrafamiliaal geweld in complexe gezinssituaties stoppen en de fysieke en psychische integriteit van de gezinsleden beschermen: één gezin, één plan, één casusregisseur.',
    },
    participants: participants.flatMap(([name, functions]) => functions.map((fn) => ({ organisationId: idOf(name), function: fn }))),
    modalities: { chairOrganisationId: idOf('Veilig Huis Demo'), frequency: 'tweewekelijks, en binnen 48 uur bij hoog risico', minutes: true, retentionPeriod: 'P5Y' },
    validity: { from: '2024-01-01' },
    chains: ['ifg'],
    parties: participants.map(([name]) => ({ organisationId: idOf(name), signedOn: '2023-12-15' })),
  };
}
