import { badRequest, conflict, notFound, type RouteDefinition, type TenantScope } from '@ketenhuis/sdk';
import { parseNationalNumber } from '../../kernel/identifiers';
import { reconcileWithNationalNumber, type PersonInput } from './national-number-input';
import { PERSON_COLUMNS, toPersonView, type PersonRow } from './person-view';
import { CORE_TOKENS } from '../../kernel/core-tokens';
import { bodyOf, queryOf } from '../../kernel/http/typed-request';

const cipherOf = (scope: TenantScope) => scope.resolve(CORE_TOKENS.FieldCipher);
const UNIQUE_VIOLATION = '23505';

/** Described in packages/contracts/openapi/core/persons.yaml. */
export const personRoutes: RouteDefinition[] = [
  {
    method: 'post',
    path: '/persons',
    permission: 'core.person.register',
    audit: { action: 'person.register', objectType: 'person' },
    async handle(req, scope) {
      const { input, number } = reconcileWithNationalNumber(bodyOf(req, '/api/v1/persons', 'post'));
      const cipher = cipherOf(scope);
      const index = number ? cipher.blindIndex(number.digits, scope.tenantId) : null;
      if (index) {
        const [existing] = await scope.query<{ id: string }>('SELECT id FROM persons WHERE national_number_index = $1', [index]);
        if (existing) throw duplicate(existing.id, req.actor.permissions.has('core.person.read'));
      }
      let row: PersonRow;
      try {
        [row] = await scope.query<PersonRow>(
          `INSERT INTO persons (tenant_id, first_name, last_name, birth_date, sex, national_number_ciphertext, national_number_index, national_number_kind)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${PERSON_COLUMNS}`,
          [scope.tenantId, input.firstName, input.lastName, input.birthDate ?? null, input.sex ?? null,
            number ? cipher.encrypt(number.digits, scope.tenantId) : null, index, number?.kind ?? null]);
      } catch (err) {
        // Two registrations of one number at once: the unique index decides, the loser gets 409.
        if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw conflict('A person with this national number is already registered');
        throw err;
      }
      // Ids only: whoever reacts reads the person through the API, with its own permissions.
      await scope.publish({ type: 'core.person-registered', aggregateType: 'person', aggregateId: row.id });
      scope.audit({ objectId: row.id, changedFields: Object.keys(input).filter((k) => input[k as keyof PersonInput] !== undefined) });
      return { status: 201, body: toPersonView(row, req.actor, cipher, scope.tenantId), headers: { location: `/api/v1/persons/${row.id}` } };
    },
  },
  {
    method: 'get',
    path: '/persons',
    permission: 'core.person.read',
    audit: { action: 'person.search', objectType: 'person' },
    async handle(req, scope) {
      const { nationalNumber, name } = queryOf(req, '/api/v1/persons', 'get');
      const limit = Number(req.query.limit ?? 20);
      const cipher = cipherOf(scope);
      let rows: PersonRow[];
      if (nationalNumber !== undefined) {
        const parsed = parseNationalNumber(nationalNumber);
        if (!parsed.ok) throw badRequest('query.nationalNumber', parsed.reason);
        rows = await scope.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM persons WHERE national_number_index = $1`, [cipher.blindIndex(parsed.value.digits, scope.tenantId)]);
      } else if (name !== undefined) {
        // Trigram similarity through the GIN index (% uses pg_trgm.similarity_threshold, 0.3).
        rows = await scope.query<PersonRow>(
          `SELECT ${PERSON_COLUMNS} FROM persons WHERE search_name % lower($1)
           ORDER BY similarity(search_name, lower($1)) DESC, id LIMIT $2`, [name, limit]);
      } else {
        throw badRequest('query.name', 'give a name or a nationalNumber to search for');
      }
      return { status: 200, body: { items: rows.map((r) => toPersonView(r, req.actor, cipher, scope.tenantId)) } };
    },
  },
  {
    method: 'get',
    path: '/persons/{id}',
    permission: 'core.person.read',
    audit: { action: 'person.read', objectType: 'person', objectIdParam: 'id' },
    async handle(req, scope) {
      const [row] = await scope.query<PersonRow>(`SELECT ${PERSON_COLUMNS} FROM persons WHERE id = $1`, [req.params.id]);
      if (!row) throw notFound();
      return { status: 200, body: toPersonView(row, req.actor, cipherOf(scope), scope.tenantId) };
    },
  },
];

function duplicate(existingId: string, mayRead: boolean) {
  const err = conflict('A person with this national number is already registered');
  if (mayRead) err.extensions.existing = `/api/v1/persons/${existingId}`;
  return err;
}
