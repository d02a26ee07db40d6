import type { Actor } from '@ketenhuis/sdk';
import type { FieldCipher } from '../../kernel/crypto';
import { formatNationalNumber } from '../../kernel/identifiers';

export const READ_IDENTIFIER = 'core.person.read-identifier';

export interface PersonRow {
  id: string;
  first_name: string;
  last_name: string;
  birth_date: string | null;
  sex: 'M' | 'F' | 'X' | null;
  national_number_ciphertext: string | null;
  national_number_kind: 'rrn' | 'bis' | null;
  created_at: Date;
}

export const PERSON_COLUMNS = `id, first_name, last_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, sex,
  national_number_ciphertext, national_number_kind, created_at`;

/**
 * The API view of a person. The national number is decrypted only for callers allowed to read
 * identifiers; everyone else sees that one exists and its check digits, enough to tell two
 * persons apart on the phone without disclosing the number.
 */
export function toPersonView(row: PersonRow, actor: Actor | undefined, cipher: FieldCipher, tenantId: string) {
  const view: Record<string, unknown> = {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    sex: row.sex,
    hasNationalNumber: row.national_number_ciphertext !== null,
    nationalNumberKind: row.national_number_kind,
    createdAt: row.created_at,
  };
  if (row.national_number_ciphertext) {
    const digits = cipher.decrypt(row.national_number_ciphertext, tenantId);
    if (actor?.permissions.has(READ_IDENTIFIER)) view.nationalNumber = formatNationalNumber(digits);
    else view.nationalNumberMasked = `**.**.**-***.${digits.slice(9)}`;
  }
  return view;
}
