import { defineChainModule } from '@ketenhuis/sdk';
import { FixtureItems1764500000000 } from './migration';
import { fixtureOpenApi } from './openapi';
import { fixtureRoutes } from './routes';

/**
 * The smallest chain module that uses every part of the contract: a table under RLS, routes
 * with their OpenAPI fragment, a queue, an event handler, permissions and a migration. Tests
 * prove the kernel against it; chain authors can read it as the minimal example.
 */
export const fixtureModule = defineChainModule({
  id: 'fixture',
  title: { nl: 'Testketen', fr: 'Chaîne de test', en: 'Test chain' },
  version: '1.0.0',
  permissions: ['fixture.item.read', 'fixture.item.write'],
  grants: {
    analist: ['fixture.item.read'],
    'administratief-medewerker': ['fixture.item.read', 'fixture.item.write'],
  },
  migrations: [FixtureItems1764500000000],
  routes: { openapi: fixtureOpenApi, handlers: fixtureRoutes },
  queues: [{
    name: 'fixture.echo',
    async process(job, scope) {
      await scope.query(`INSERT INTO fixture_effects (tenant_id, kind, ref) VALUES ($1, 'job', $2)`, [scope.tenantId, String(job.data.ref ?? job.id)]);
    },
  }],
  eventHandlers: [{
    id: 'fixture.record-created',
    eventType: 'fixture.item-created',
    async handle(event, scope) {
      await scope.query(`INSERT INTO fixture_effects (tenant_id, kind, ref) VALUES ($1, 'event', $2)`, [scope.tenantId, event.id]);
    },
  }],
});
