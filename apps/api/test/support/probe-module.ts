import { defineChainModule } from '@ketenhuis/sdk';

const problem = { $ref: '#/components/responses/Problem' };
const bodyOf = (property: string) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: [property], properties: { [property]: { type: 'string', minLength: 1, maxLength: 500 } } } } },
});

/**
 * A test double of a chain module whose routes fail in a known way, so an unhandled error and a
 * database error can be caused deterministically through the real pipeline:
 * - `GET /crash` throws `new Error('canary-failure-message')`;
 * - `POST /crash` throws `new Error(<body.message>)`;
 * - `POST /query-error` runs a statement with `body.value` as its parameter that fails in the
 *   database (an undefined table: a programming error, not the client's), so the error carries
 *   the statement and its parameters.
 * Its permission goes to the `administratief-medewerker` function.
 */
export const probeModule = defineChainModule({
  id: 'probe',
  title: { nl: 'Foutensonde', fr: "Sonde d'erreurs", en: 'Error probe' },
  version: '1.0.0',
  permissions: ['probe.failure.trigger'],
  grants: { 'administratief-medewerker': ['probe.failure.trigger'] },
  routes: {
    openapi: {
      paths: {
        '/crash': {
          get: { operationId: 'probeCrash', summary: "Throws new Error('canary-failure-message')", responses: { '401': problem, '403': problem, '500': problem } },
          post: { operationId: 'probeCrashWith', summary: 'Throws an Error with the given message', requestBody: bodyOf('message'), responses: { '400': problem, '401': problem, '500': problem } },
        },
        '/query-error': {
          post: { operationId: 'probeQueryError', summary: 'A statement with the given parameter that fails in the database', requestBody: bodyOf('value'), responses: { '400': problem, '401': problem, '500': problem } },
        },
      },
    },
    handlers: [
      { method: 'get', path: '/crash', permission: 'probe.failure.trigger', handle: async () => { throw new Error('canary-failure-message'); } },
      { method: 'post', path: '/crash', permission: 'probe.failure.trigger', handle: async (req) => { throw new Error((req.body as { message: string }).message); } },
      {
        method: 'post', path: '/query-error', permission: 'probe.failure.trigger',
        async handle(req, scope) {
          await scope.query('SELECT $1::text AS value FROM probe_table_that_does_not_exist', [(req.body as { value: string }).value]);
          return { status: 200 };
        },
      },
    ],
  },
});
