import type { OpenApiFragment } from '@ketenhuis/sdk';

const problem = { $ref: '#/components/responses/Problem' };

export const fixtureOpenApi: OpenApiFragment = {
  paths: {
    '/items': {
      get: {
        operationId: 'fixtureListItems',
        summary: 'Items of the caller tenant, oldest first, cursor-paginated',
        tags: ['fixture'],
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'cursor', in: 'query', schema: { type: 'string', maxLength: 200 } },
        ],
        responses: {
          '200': { description: 'A page of items', content: { 'application/json': { schema: { $ref: '#/components/schemas/FixtureItemPage' } } } },
          '400': problem, '401': problem, '403': problem,
        },
      },
      post: {
        operationId: 'fixtureCreateItem',
        summary: 'Create an item',
        tags: ['fixture'],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['title'], properties: { title: { type: 'string', minLength: 1, maxLength: 200 } } } } },
        },
        responses: {
          '201': { description: 'Created', content: { 'application/json': { schema: { $ref: '#/components/schemas/FixtureItem' } } } },
          '400': problem, '401': problem, '403': problem, '413': problem, '415': problem,
        },
      },
    },
    '/items/{id}': {
      get: {
        operationId: 'fixtureGetItem',
        summary: 'One item',
        tags: ['fixture'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': { description: 'The item', content: { 'application/json': { schema: { $ref: '#/components/schemas/FixtureItem' } } } },
          '400': problem, '401': problem, '404': problem,
        },
      },
    },
  },
  components: {
    schemas: {
      FixtureItem: { type: 'object', required: ['id', 'title', 'createdAt'], properties: { id: { type: 'string', format: 'uuid' }, title: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
      FixtureItemPage: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/FixtureItem' } }, nextCursor: { type: 'string' } } },
    },
  },
};
