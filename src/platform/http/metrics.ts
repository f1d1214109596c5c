/** Prometheus metrics: request counts and latencies per route, job outcomes, process defaults. */
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  jobFinished(name: string, outcome: 'done' | 'retry' | 'dead', ms: number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'duely_' });
  const jobs = new Counter({
    name: 'duely_jobs_finished_total',
    help: 'Job attempts by job name and outcome',
    labelNames: ['name', 'outcome'] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'duely_job_duration_seconds',
    help: 'Duration of job attempts',
    labelNames: ['name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  return {
    registry,
    jobFinished(name, outcome, ms) {
      jobs.inc({ name, outcome });
      jobSeconds.observe({ name }, ms / 1000);
    },
  };
}

export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const requests = new Histogram({
    name: 'duely_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
