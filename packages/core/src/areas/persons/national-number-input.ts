import { badRequest } from '@ketenhuis/sdk';
import { parseNationalNumber, type NationalNumber } from '../../kernel/identifiers';

export interface PersonInput {
  firstName: string;
  lastName: string;
  birthDate?: string;
  sex?: 'M' | 'F' | 'X';
  nationalNumber?: string;
}

/**
 * Checks the national number and makes birth date and sex agree with it: what the number tells
 * is filled in when missing and refused when contradicted, so the registry holds one truth.
 */
export function reconcileWithNationalNumber(input: PersonInput): { input: PersonInput; number?: NationalNumber } {
  if (input.nationalNumber === undefined) return { input };
  const parsed = parseNationalNumber(input.nationalNumber);
  if (!parsed.ok) throw badRequest('body.nationalNumber', parsed.reason);
  const number = parsed.value;
  const out = { ...input };
  const b = number.birthDate;
  if (b?.month !== undefined && b.day !== undefined) {
    const fromNumber = `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
    if (out.birthDate === undefined) out.birthDate = fromNumber;
    else if (out.birthDate !== fromNumber) throw badRequest('body.birthDate', 'does not match the birth date in the national number');
  }
  if (number.sex) {
    if (out.sex === undefined) out.sex = number.sex;
    else if (out.sex !== number.sex) throw badRequest('body.sex', 'does not match the sex in the national number');
  }
  return { input: out, number };
}
