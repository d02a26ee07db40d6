import { changedOrganisationFields, resolveOrganisation } from './organisation-rules';
import { organisationTypes } from './organisation-types';

describe('resolveOrganisation', () => {
  it('normalises a new organisation: KBO digits, collapsed name, sorted chains, secrecy from the type', () => {
    const { state, errors } = resolveOrganisation({ name: '  CAW   Voorbeeld ', type: 'caw', kbo: 'BE 0123.456.749', chains: ['jeugd', 'ifg', 'jeugd'] });
    expect(errors).toEqual([]);
    expect(state).toEqual({ name: 'CAW Voorbeeld', type: 'caw', kbo: '0123456749', policeZoneCode: null, professionalSecrecy: true, chains: ['ifg', 'jeugd'] });
    expect(resolveOrganisation({ name: 'Parket', type: 'parket' }).state.professionalSecrecy).toBe(false);
  });

  it.each([
    [{ name: '', type: 'caw' }, 'name'],
    [{ name: 'x'.repeat(201), type: 'caw' }, 'name'],
    [{ name: 'X' }, 'type'],
    [{ name: 'X', type: 'onbekend' }, 'type'],
    [{ name: 'X', type: 'caw', kbo: '0123.456.748' }, 'kbo'],
    [{ name: 'X', type: 'caw', kbo: '2123.456.7' }, 'kbo'],
    [{ name: 'X', type: 'politiezone' }, 'policeZoneCode'],
    [{ name: 'X', type: 'politiezone', policeZoneCode: '12a4' }, 'policeZoneCode'],
    [{ name: 'X', type: 'cgg', policeZoneCode: '1234' }, 'policeZoneCode'],
    [{ name: 'X', type: 'cgg', chains: ['ok', 'Niet OK'] }, 'chains.1'],
  ])('refuses %j naming %s', (changes, field) => {
    expect(resolveOrganisation(changes).errors.map((e) => e.field)).toEqual([field]);
  });

  it('checks the result of a partial update as a whole and keeps what is not given', () => {
    const current = resolveOrganisation({ name: 'Dienst', type: 'andere', kbo: '0123456749' }).state;
    expect(resolveOrganisation({ type: 'politiezone' }, current).errors.map((e) => e.field)).toEqual(['policeZoneCode']);
    const { state, errors } = resolveOrganisation({ type: 'politiezone', policeZoneCode: '9901' }, current);
    expect(errors).toEqual([]);
    expect(state).toMatchObject({ name: 'Dienst', kbo: '0123456749', policeZoneCode: '9901' });
    expect(resolveOrganisation({ kbo: null }, current).state.kbo).toBeNull();
    expect(changedOrganisationFields(current, state)).toEqual(['type', 'policeZoneCode']);
  });

  it('has exactly one type that requires a zone code and labels every type in three languages', () => {
    expect(organisationTypes.filter((t) => t.policeZoneCode === 'required').map((t) => t.id)).toEqual(['politiezone']);
    for (const t of organisationTypes) {
      expect(t.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(Object.values(t.label).every((l) => l.length > 0)).toBe(true);
    }
    expect(new Set(organisationTypes.map((t) => t.id)).size).toBe(organisationTypes.length);
  });
});
