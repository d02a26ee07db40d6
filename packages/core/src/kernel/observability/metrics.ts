import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per platform instance, so tests running several platforms never share counters. */
export class PlatformMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'ketenhuis_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'ketenhuis_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
  readonly jobs = new Counter({ name: 'ketenhuis_jobs_total', help: 'Jobs processed by queue and result', labelNames: ['queue', 'result'], registers: [this.registry] });
  readonly outboxPublished = new Counter({ name: 'ketenhuis_outbox_published_total', help: 'Outbox events published to the queue backend', registers: [this.registry] });

  /** Reports the statements a pool sent (see countStatements) as `ketenhuis_db_statements_total`. */
  observeStatements(statements: { readonly total: number }): void {
    new Counter({
      name: 'ketenhuis_db_statements_total', help: 'Database statements sent by the application pool, BEGIN and COMMIT included', registers: [this.registry],
      collect() { this.reset(); this.inc(statements.total); },
    });
  }

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'ketenhuis_' });
  }
}
