import type { Server } from 'node:http';
import 'reflect-metadata';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { TOKENS, type Clock, type PlatformFeature, type ProviderDefinition } from '@ketenhuis/sdk';
import { loadCoreDocument, mergeModuleFragments, type OpenApiDocument } from '@ketenhuis/contracts';
import type { PlatformConfig } from './kernel/config/config';
import { createDataSource } from './kernel/db/data-source';
import { countStatements, type StatementCount } from './kernel/db/statement-counter';
import { ModuleRegistry } from './kernel/modules/module-registry';
import { TenantRegistry } from './kernel/tenancy/tenants';
import { UnitOfWork } from './kernel/tenancy/unit-of-work';
import { TokenVerifier } from './kernel/auth/token-verifier';
import { createLogger } from './kernel/observability/logger';
import { PlatformMetrics } from './kernel/observability/metrics';
import { createApp } from './create-app';
import { serve } from './kernel/http/serve';
import { createQueueFactory, type QueueFactory } from './kernel/queues/queue-backend';
import { WorkerHost } from './kernel/worker/worker-host';
import { coreFeatures } from './core-features';
import { CORE_TOKENS } from './kernel/core-tokens';
import { coreEntities } from './core-entities';
import { ChangeListener } from './kernel/db/change-listener';
import { ActorCache } from './kernel/auth/actor-cache';
import { legalCalendar } from './kernel/values/legal-calendar';
import { ServiceTokenIssuer } from './kernel/auth/service-token-issuer';
import { ENCRYPTION_KEYS_VARIABLE, FieldCipher, INDEX_KEY_VARIABLE, keyRingFromEnv } from './kernel/crypto';

export interface PlatformOptions {
  config: PlatformConfig;
  /** Loaded chain modules (see loadInstalledModules); validated here. */
  modules?: unknown[];
  logger?: Logger;
  /** Accept the built-in issuer's tokens (default true). */
  builtInIssuer?: boolean;
  /** Where deadlines and guards read the time (default: the machine's); tests pass one they move. */
  clock?: Clock;
}

/**
 * The composition root: one per process (or per test). Everything with state lives on this
 * object or in a unit of work, never in module-level singletons.
 */
export class Platform {
  readonly container: DependencyContainer;
  readonly openapi: OpenApiDocument;
  readonly tenants: TenantRegistry;
  readonly uow: UnitOfWork;
  readonly metrics = new PlatformMetrics();
  /** Statements the application pool has sent: the budget tests and the bench read it. */
  readonly statements: StatementCount;
  readonly serviceTokens: ServiceTokenIssuer;
  private worker?: WorkerHost;
  /** Resolved actors, dropped per district when its identity rows change (see ActorCache). */
  private readonly actors: ActorCache;
  private readonly identityChanges: ChangeListener;

  private constructor(
    readonly config: PlatformConfig,
    readonly features: PlatformFeature[],
    readonly registry: ModuleRegistry,
    readonly db: DataSource,
    readonly queues: QueueFactory,
    readonly logger: Logger,
    readonly verifier: TokenVerifier,
    readonly cipher: FieldCipher,
    readonly clock: Clock,
  ) {
    this.container = rootContainer.createChildContainer();
    this.statements = countStatements(db);
    this.actors = new ActorCache(() => this.identityChanges.live);
    this.identityChanges = new ChangeListener(config.databaseAppUrl, 'ketenhuis_identity', {
      onChange: (tenantId) => this.actors.changed(tenantId),
      onReset: () => this.actors.reset(),
    }, logger);
    this.container.register(CORE_TOKENS.Actors, { useValue: this.actors });
    this.metrics.observeStatements(this.statements);
    this.tenants = new TenantRegistry(db);
    this.uow = new UnitOfWork(db, this.container);
    this.serviceTokens = new ServiceTokenIssuer(db);
    this.openapi = mergeModuleFragments(loadCoreDocument(), registry.modules.filter((m) => m.routes).map((m) => ({ moduleId: m.id, ...m.routes!.openapi })));
    this.container.register(TOKENS.Config, { useValue: config });
    this.container.register(TOKENS.Logger, { useValue: logger });
    this.container.register(TOKENS.DataSource, { useValue: db });
    this.container.register(TOKENS.ModuleRegistry, { useValue: registry });
    this.container.register(TOKENS.QueueFactory, { useValue: queues });
    this.container.register(TOKENS.FieldCipher, { useValue: cipher });
    this.container.register(TOKENS.Clock, { useValue: clock });
    this.container.register(TOKENS.Calendar, { useValue: legalCalendar });
    // Core's services first (TOKENS.Cases, TOKENS.Workflows, ...), then the chains' own.
    for (const p of [...features, ...registry.modules].flatMap((owner) => owner.providers ?? [])) this.provide(p);
  }

  private provide(p: ProviderDefinition): void {
    if ('useValue' in p) this.container.register(p.token, { useValue: p.useValue });
    else if ('useClass' in p) this.container.register(p.token, { useClass: p.useClass as never });
    else this.container.register(p.token, { useFactory: (c) => p.useFactory((t) => c.resolve(t)) });
  }

  /** Validates modules (refusing to start on a bad definition) and connects as the application role. */
  static async create(opts: PlatformOptions): Promise<Platform> {
    const features = coreFeatures(opts.config);
    const registry = new ModuleRegistry(opts.modules ?? [], features);
    // Refuse to start without keys, before connecting: personal data must never be stored in clear.
    const cipher = new FieldCipher(keyRingFromEnv({ [ENCRYPTION_KEYS_VARIABLE]: opts.config.encryptionKeys, [INDEX_KEY_VARIABLE]: opts.config.indexKey }));
    const logger = opts.logger ?? createLogger(opts.config.logLevel);
    const db = createDataSource({ url: opts.config.databaseAppUrl, poolMax: opts.config.poolMax, entities: [...coreEntities, ...registry.entities] });
    await db.initialize();
    // During an outage every reconnect attempt errors; one log line a minute per source is enough.
    const lastLogged = new Map<string, number>();
    const onError = (err: Error, source: string) => {
      if (Date.now() - (lastLogged.get(source) ?? 0) < 60_000) return;
      lastLogged.set(source, Date.now());
      logger.warn({ source, err: err.message }, 'queue backend error');
    };
    const queues = createQueueFactory(opts.config.redisUrl ? { kind: 'redis', url: opts.config.redisUrl, prefix: opts.config.redisPrefix } : { kind: 'postgres', url: opts.config.databaseUrl }, { onError, jobLockMs: opts.config.jobLockMs });
    const verifier = new TokenVerifier(db, new TenantRegistry(db), { builtInIssuer: opts.builtInIssuer ?? true });
    try {
      const platform = new Platform(opts.config, features, registry, db, queues, logger, verifier, cipher, opts.clock ?? { now: () => new Date() });
      await platform.identityChanges.start();
      return platform;
    } catch (err) {
      // A failure after connecting (e.g. a clashing OpenAPI fragment) must not leave pools open.
      await queues.close();
      await db.destroy();
      throw err;
    }
  }

  createApp(): Express {
    return createApp({
      config: this.config,
      logger: this.logger,
      metrics: this.metrics,
      registry: this.registry,
      verifier: this.verifier,
      uow: this.uow,
      tenants: this.tenants,
      serviceTokens: this.serviceTokens,
      openapi: this.openapi,
      features: this.features,
      actors: this.actors,
      readiness: {
        database: async () => { await this.db.query('SELECT 1'); },
        queue: () => this.queues.ping(),
      },
    });
  }

  /** The API on a port of its own (see serve: timeouts, parser errors as problem+json). */
  listen(port: number, host: string): Promise<Server> {
    return serve(this.createApp(), { port, host, requestTimeoutMs: this.config.requestTimeoutMs });
  }

  async startWorker(): Promise<WorkerHost> {
    this.worker = new WorkerHost({
      db: this.db, registry: this.registry, uow: this.uow, tenants: this.tenants, queues: this.queues,
      logger: this.logger, metrics: this.metrics, outboxPollMs: this.config.outboxPollMs, config: this.config, features: this.features,
    });
    await this.worker.start();
    return this.worker;
  }

  async close(): Promise<void> {
    await this.worker?.stop();
    await this.identityChanges.stop();
    await this.queues.close();
    if (this.db.isInitialized) await this.db.destroy();
  }
}
