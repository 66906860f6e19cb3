import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, type AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { START } from '../event-store/position.js';
import {
  ApiCorrelationIdHeader,
  ApiProblemResponses,
  BEARER_SCHEME,
} from '../http/openapi/api-docs.decorators.js';
import { problem, ProblemException } from '../http/problem.js';
import { positionParameter } from '../http/queries/position-parameter.js';
import { Calendar } from '../command-handling/calendar.js';
import { MISSION_STATUS } from '../missions/read-models/mission-status/mission-status.projection.js';
import { ProjectionsService } from '../projections/projections.service.js';
import { LiveMissionsHub } from './live-missions.hub.js';
import { LiveMissionsRequest } from './live-missions.request.js';
import { MissionFeed } from './mission-feed.js';

const HEARTBEAT_MS = 15_000;

/**
 * Live mission status for dashboards, as Server-Sent Events. Browsers read it with
 * fetch() so the bearer token travels in the Authorization header, never in a URL.
 */
@Controller('api/live')
@Allow('staff', 'auditor', 'viewer')
export class LiveMissionsHttp {
  constructor(
    private readonly hub: LiveMissionsHub,
    private readonly projections: ProjectionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly calendar: Calendar,
  ) {}

  @Get('missions')
  @ApiTags('live')
  @ApiOperation({
    operationId: 'followMissions',
    summary: 'Follow mission status live (Server-Sent Events)',
    description:
      'A `text/event-stream`. First every mission changed after the resume position (`Last-Event-ID`, or `after`; from the start without either), oldest change first, then each committed change as the read model applies it. Each `mission` event has the change’s store position as `id` and the mission’s JSON (as `GET /api/missions/:id` answers it) as `data`. With a filter, a change that takes a mission out of it is a `left` event (`{"id","status","position"}`). `: heartbeat` comments every 15 s; a client that cannot keep up gets a `closing` event with `resumeAfter` and is disconnected. Browsers read it with fetch(), sending the token in the Authorization header.',
  })
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiCorrelationIdHeader()
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this event id (a store position this stream sent).',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'The stream of `mission` (and, with a filter, `left`) events.',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblemResponses([400, 401, 403, 429, 500], { examplePath: '/api/live/missions' })
  async missions(
    @Query() query: LiveMissionsRequest,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const header = request.headers['last-event-id'];
    const after =
      typeof header === 'string' && header !== ''
        ? await positionParameter(header, 'header:Last-Event-ID', this.store)
        : query.after === undefined
          ? START
          : await positionParameter(query.after, 'after', this.store);
    const owner = request.principal?.name ?? 'unknown';
    const maxFeeds = this.config.operations.liveMaxFeedsPerToken;
    if (this.hub.countOf(owner) >= maxFeeds) {
      throw new ProblemException(
        problem('tooManyRequests', `At most ${maxFeeds} live feeds per token at once.`),
        { 'Retry-After': '5' },
      );
    }
    // Headers hooks set on the reply (correlation id, security, CORS, rate limit) go out with
    // the stream.
    const hooked = Object.fromEntries(
      Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined),
    ) as Record<string, string | number | string[]>;
    // Logged and counted when it ends, whichever side ends it (AnswerEnds follows every
    // request): Fastify's onResponse hooks run only for an answer sent whole.
    reply.hijack();
    reply.raw.writeHead(200, {
      ...hooked,
      'content-type': 'text/event-stream; charset=utf-8',
      // In the hooked headers' lower case, so that it replaces their `no-store`.
      'cache-control': 'no-cache, no-transform',
      // What Node read from the request (its Connection header and HTTP version): a client
      // that sent `Connection: close` is told so, and its connection closes when the answer
      // ends; `keep-alive` here would override that and hold the socket until the idle timeout.
      // Over HTTP/1.0 (no chunks) only the connection's close can end a stream of unknown length.
      Connection:
        reply.raw.shouldKeepAlive && request.raw.httpVersionMinor >= 1 ? 'keep-alive' : 'close',
      'X-Accel-Buffering': 'no',
    });
    // HEAD: what a GET would answer, without the stream (which would never end), ended at once.
    if (request.method === 'HEAD') {
      reply.raw.end();
      return;
    }
    const feed: MissionFeed = new MissionFeed({
      response: reply.raw,
      after,
      filter: {
        sendingState: query.sendingState,
        receivingState: query.receivingState,
        state: query.state,
        status: query.status,
        overdue: query.overdue,
      },
      database: () => this.projections.database(MISSION_STATUS).db,
      today: () => this.calendar.today(),
      stallMs: this.config.operations.liveStallSeconds * 1000,
      heartbeatMs: HEARTBEAT_MS,
      onEnd: () => this.hub.remove(feed),
    });
    this.hub.add(feed, owner);
    await feed.start();
  }
}
