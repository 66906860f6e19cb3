/**
 * The load generator of `npm run bench:api`, run as its own process (forked by
 * api.bench.ts with an IPC channel) so it never shares a CPU turn with the server it
 * measures. It receives a LoadConfig message, runs autocannon, and answers with a
 * LoadSummary message.
 *
 * Each connection loops over one pair: POST /api/missions/:id/diplomats (dispatch, which
 * answers the diplomatId), then POST /api/missions/:id/diplomats/:diplomatId/arrival. The
 * missions are taken round-robin, and every request carries its own Idempotency-Key.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadConfig {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  readonly token: string;
  readonly missionIds: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  /** Prefix of every Idempotency-Key, unique per run. */
  readonly keyPrefix: string;
  /**
   * The bare baseline answers no diplomatId: the arrival then names a fresh uuid. Against
   * the service a failed dispatch restarts the pair instead (counted in `resets`).
   */
  readonly inventDiplomatIds: boolean;
}

export interface LoadSummary {
  readonly requestsPerSecond: number;
  readonly totalRequests: number;
  readonly durationSeconds: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly latencyAverage: number;
  readonly latencyMax: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly resets: number;
  readonly statusCodes: Readonly<Record<string, number>>;
}

interface PairContext {
  missionId?: string;
  diplomatId?: string;
  n?: number;
}

export const DISPATCH_BODY = JSON.stringify({
  name: 'Bench diplomat',
  title: 'Attaché',
  role: 'staff',
  dispatchedOn: '2024-02-01',
  expectedArrivalOn: '2024-02-03',
});
export const ARRIVAL_BODY = JSON.stringify({ arrivedOn: '2024-02-03' });

export async function runLoad(config: LoadConfig): Promise<LoadSummary> {
  const baseHeaders = {
    'content-type': 'application/json',
    authorization: `Bearer ${config.token}`,
  };
  let counter = 0;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const pair = context as PairContext;
        const n = counter;
        counter += 1;
        pair.n = n;
        pair.missionId = config.missionIds[n % config.missionIds.length];
        pair.diplomatId = undefined;
        return {
          ...request,
          method: 'POST',
          path: `/api/missions/${pair.missionId}/diplomats`,
          headers: { ...baseHeaders, 'idempotency-key': `${config.keyPrefix}-${n}-dispatch` },
          body: DISPATCH_BODY,
        };
      },
      onResponse: (status, body, context) => {
        const pair = context as PairContext;
        if (status >= 200 && status < 300) pair.diplomatId = diplomatIdIn(body);
        if (pair.diplomatId === undefined && config.inventDiplomatIds) {
          pair.diplomatId = randomUUID();
        }
      },
    },
    {
      method: 'POST',
      setupRequest: (request, context) => {
        const pair = context as PairContext;
        // A falsy answer makes autocannon restart from the dispatch (counted as a reset).
        if (pair.diplomatId === undefined) return null as unknown as autocannon.Request;
        return {
          ...request,
          method: 'POST',
          path: `/api/missions/${pair.missionId}/diplomats/${pair.diplomatId}/arrival`,
          headers: { ...baseHeaders, 'idempotency-key': `${config.keyPrefix}-${pair.n}-arrival` },
          body: ARRIVAL_BODY,
        };
      },
    },
  ];
  const result = await autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.durationSeconds,
    timeout: 10,
    requests,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = Number((stats as { count: number | string }).count);
  }
  return {
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    durationSeconds: result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyAverage: result.latency.average,
    latencyMax: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: (result as { resets?: number }).resets ?? 0,
    statusCodes,
  };
}

function diplomatIdIn(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { diplomatId?: unknown }).diplomatId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

// As a forked child: one LoadConfig in, one LoadSummary (or error) out.
if (process.send !== undefined) {
  process.on('disconnect', () => process.exit(1));
  process.once('message', (config: LoadConfig) => {
    runLoad(config).then(
      (summary) => process.send!({ ok: true, summary }, () => process.exit(0)),
      (error: unknown) =>
        process.send!(
          { ok: false, error: error instanceof Error ? error.stack : String(error) },
          () => process.exit(1),
        ),
    );
  });
}
