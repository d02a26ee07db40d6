import { badRequest } from '../../kernel/http/problem';
import { FUNCTIONS, isFunction } from './functions';

/** The same rule as the OpenAPI pattern, for callers that do not pass the validator (the CLI). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(field: string, value: string): string {
  if (value.length > 254 || !EMAIL.test(value)) throw badRequest(field, 'is not an e-mail address');
  return value;
}

export function requireFunction(field: string, value: string): string {
  if (!isFunction(value)) throw badRequest(field, `unknown function "${value}"; one of ${FUNCTIONS.map((f) => f.id).join(', ')}`);
  return value;
}
