import { isIsoDuration } from './field-checks';
import { changedProtocolFields, referencedOrganisations, resolveProtocol, type ProtocolState } from './protocol-rules';
import { isCalendarDate } from '../../kernel/values/calendar-date';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const valid = (): ProtocolState => ({
  title: ' Kaderovereenkomst ',
  legalBasis: { type: 'wet-of-decreet', reference: 'Decreet (synthetisch)' },
  purpose: { code: 'terrorisme', description: 'Voorkomen.' },
  participants: [{ function: 'hulpverlener', organisationId: A } as never, { organisationId: B, function: 'casusregisseur' }],
  modalities: { chairOrganisationId: B, frequency: 'maandelijks', minutes: false, retentionPeriod: 'P18M' },
  validity: { from: '2024-01-01' },
  chains: ['jeugd', 'ifg'],
  parties: [{ organisationId: A, signedOn: '2023-12-01' }],
});

describe('resolveProtocol', () => {
  it('accepts a complete protocol and returns it in canonical form', () => {
    const { state, errors } = resolveProtocol(valid());
    expect(errors).toEqual([]);
    expect(state.title).toBe('Kaderovereenkomst');
    expect(state.chains).toEqual(['ifg', 'jeugd']);
    expect(Object.keys(state.participants[0])).toEqual(['organisationId', 'function']);
    expect(referencedOrganisations(state).map((r) => r.field)).toEqual(['participants.0.organisationId', 'participants.1.organisationId', 'modalities.chairOrganisationId', 'parties.0.organisationId']);
  });

  it('requires a legal basis, a purpose, participants, modalities and validity', () => {
    const { legalBasis: _basis, purpose: _purpose, ...rest } = valid();
    expect(resolveProtocol(rest).errors.map((e) => e.field)).toEqual(['legalBasis', 'purpose']);
    expect(resolveProtocol({ ...valid(), legalBasis: { type: 'wet-of-decreet', reference: ' ' } }).errors.map((e) => e.field)).toEqual(['legalBasis.reference']);
  });

  it('names each field the schema cannot judge', () => {
    const p = valid();
    p.purpose.code = 'onbekend';
    p.modalities.retentionPeriod = 'P0Y';
    p.validity = { from: '2024-03-01', until: '2024-02-29' };
    p.participants.push({ organisationId: A, function: 'hulpverlener' }, { organisationId: A, function: 'waarzegger' });
    p.parties.push({ organisationId: A, signedOn: '2023-02-29' });
    expect(resolveProtocol(p).errors.map((e) => e.field)).toEqual([
      'purpose.code', 'participants.2', 'participants.3.function', 'modalities.retentionPeriod', 'validity.until', 'parties.1.signedOn', 'parties.1.organisationId',
    ]);
  });

  it('applies a patch field by field and reports changes one level deep', () => {
    const current = resolveProtocol(valid()).state;
    const { state, errors } = resolveProtocol({ modalities: { ...current.modalities, minutes: true }, chains: ['ifg'] }, current);
    expect(errors).toEqual([]);
    expect(state.participants).toEqual(current.participants);
    expect(changedProtocolFields(current, state)).toEqual(['modalities.minutes', 'chains']);
    expect(changedProtocolFields(current, resolveProtocol({}, current).state)).toEqual([]);
  });
});

describe('field checks', () => {
  it.each(['P5Y', 'P18M', 'P2W', 'P30D', 'PT48H', 'P1Y2M3DT4H5M6S'])('%s is a duration', (d) => expect(isIsoDuration(d)).toBe(true));
  it.each(['', 'P', 'PT', 'P0D', '5Y', 'P1.5Y', 'P1H', 'p5y', 'P5Y '])('%j is not', (d) => expect(isIsoDuration(d)).toBe(false));
  it('knows calendar dates', () => {
    expect(['2024-02-29', '2023-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '20240101', '0000-01-01'].some(isCalendarDate)).toBe(false);
  });
});
