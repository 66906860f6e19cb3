import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventStore } from '../event-store/event-store.port.js';
import { StoreUnavailableError } from '../event-store/event-store.errors.js';
import { CLIENT_CLOSED_REQUEST } from './answer-ends.js';
import { withTimeout } from '../shared/with-timeout.js';

/** What a command's answer says happened, from its HTTP status. */
export type CommandOutcome =
  | 'recorded'
  | 'ok'
  | 'replayed'
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'refused'
  | 'throttled'
  | 'unavailable'
  | 'timeout'
  | 'abandoned'
  | 'failed';

interface ProjectionFacts {
  readonly name: string;
  readonly position: string;
  readonly lag: { readonly events: number; readonly milliseconds: number };
}

/** Live facts the registry reads when scraped. */
export interface MetricsSources {
  readonly projections: () => Promise<readonly ProjectionFacts[]>;
  readonly sseClients: () => number;
}

/**
 * The service's Prometheus metrics, in a registry of its own (several apps may share a
 * test process). Labels are bounded: route templates, command names, outcomes.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly commands: Counter<'command' | 'outcome'>;
  readonly appendSeconds: Histogram<'outcome'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpSeconds: Histogram<'method' | 'route'>;
  readonly idempotencyHits: Counter;
  readonly throttled: Counter;
  private sources: MetricsSources | undefined;
  /** When the last append failed because the store could not write, until one succeeds. */
  private appendFailure: { at: Date; reason: string } | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'envoy_' });
    this.commands = new Counter({
      name: 'envoy_commands_total',
      help: 'Commands received, by command and outcome (recorded, ok, replayed, invalid, refused, throttled, unavailable, timeout, abandoned: its client left before the answer, ...).',
      labelNames: ['command', 'outcome'],
      registers: [this.registry],
    });
    this.appendSeconds = new Histogram({
      name: 'envoy_store_append_seconds',
      help: 'Time the event store took to append one command’s events (group commit included).',
      labelNames: ['outcome'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'envoy_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpSeconds = new Histogram({
      name: 'envoy_http_request_seconds',
      help: 'HTTP request duration, by method and route template.',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.idempotencyHits = new Counter({
      name: 'envoy_idempotency_hits_total',
      help: 'Commands answered from an earlier request with the same Idempotency-Key.',
      registers: [this.registry],
    });
    this.throttled = new Counter({
      name: 'envoy_rate_limited_total',
      help: 'Requests refused with 429 by the per-token rate limit.',
      registers: [this.registry],
    });
    // collect() runs with `this` bound to the metric, so it reaches this service through `self`.
    const self = (): Metrics => this;
    new Gauge({
      name: 'envoy_sse_clients',
      help: 'Live feeds (Server-Sent Events) open on this node.',
      registers: [this.registry],
      collect() {
        this.set(self().sources?.sseClients() ?? 0);
      },
    });
    // One read of the projections' status per scrape, shared by the three gauges.
    const perProjection = (
      name: string,
      help: string,
      value: (status: ProjectionFacts) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const status of await self().projectionStatuses()) {
            this.set({ projection: status.name }, value(status));
          }
        },
      });
    perProjection(
      'envoy_projection_position',
      'The global position a projection has applied up to (the embedded store’s sequence number; KurrentDB’s commit position).',
      (s) => Number(BigInt(`0x${s.position.slice(0, 16)}`)),
    );
    perProjection(
      'envoy_projection_lag_events',
      'Events in the store a projection has not applied yet (counted up to 10000).',
      (s) => s.lag.events,
    );
    perProjection(
      'envoy_projection_lag_seconds',
      'Age of the oldest event a projection has not applied yet.',
      (s) => s.lag.milliseconds / 1000,
    );
    new Gauge({
      name: 'envoy_store_append_failing',
      help: '1 while the last append failed because the store could not write (until one succeeds).',
      registers: [this.registry],
      collect() {
        this.set(self().appendFailure ? 1 : 0);
      },
    });
  }

  /** Connects the gauges to the projections and the live feed hub, once they exist. */
  attach(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** The store's writes are failing: since when and why (undefined when they are not). */
  get failingAppends(): { at: Date; reason: string } | undefined {
    return this.appendFailure;
  }

  /** The store, with every append timed and its outcome counted. */
  instrument(store: EventStore): EventStore {
    const append: EventStore['append'] = async (stream, events, expected, options) => {
      const end = this.appendSeconds.startTimer();
      try {
        const result = await store.append(stream, events, expected, options);
        end({ outcome: 'ok' });
        this.appendFailure = undefined;
        return result;
      } catch (error) {
        const unavailable = error instanceof StoreUnavailableError;
        end({ outcome: unavailable ? 'unavailable' : 'refused' });
        if (unavailable) this.appendFailure = { at: new Date(), reason: error.message };
        throw error;
      }
    };
    return new Proxy(store, {
      get(target, property) {
        if (property === 'append') return append;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private statuses: { at: number; promise: Promise<readonly ProjectionFacts[]> } | undefined;

  private projectionStatuses(): Promise<readonly ProjectionFacts[]> {
    const sources = this.sources;
    if (!sources) return Promise.resolve([]);
    if (!this.statuses || Date.now() - this.statuses.at > 250) {
      this.statuses = {
        at: Date.now(),
        promise: withTimeout(sources.projections(), 2000).catch(() => []),
      };
    }
    return this.statuses.promise;
  }
}

/** The outcome label of a command answered with this status. */
export function commandOutcomeOf(status: number, replayed: boolean): CommandOutcome {
  if (replayed) return 'replayed';
  if (status === 201) return 'recorded';
  if (status >= 200 && status < 300) return 'ok';
  switch (status) {
    case 400:
    case 413:
    case 415:
      return 'invalid';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
    case 412:
    case 422:
      return 'refused';
    case 408:
      return 'timeout';
    case 429:
      return 'throttled';
    case CLIENT_CLOSED_REQUEST:
      // The client left before the answer: the command may still have been recorded.
      return 'abandoned';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'failed' : 'invalid';
  }
}
