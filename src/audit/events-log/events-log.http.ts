import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { ApiRead } from '../../http/openapi/api-docs.decorators.js';
import { requireOrderedRange } from '../../http/queries/date-range.js';
import { positionParameter } from '../../http/queries/position-parameter.js';
import { boundOf, writtenBoundOf } from '../audit-validation.js';
import { EventLogPageSchema } from '../openapi/audit.schemas.js';
import { EventLog } from './event-log.js';
import { EventsLogRequest } from './events-log.request.js';

/** The global log, in commit order, paged by position. */
@ApiTags('audit')
@Controller('api/events')
@Allow('auditor')
export class EventsLogHttp {
  constructor(
    private readonly log: EventLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiRead({
    operationId: 'listEvents',
    summary: 'The global event log',
    description:
      'Every event of every stream in commit order, paged by position (`after` = the previous page’s `next`), read from the store page by page. Filters: `type`, `stream` (exact, or a prefix ending in `*`; in any case), `actor`, and `from`/`to` on `recordedAt`. A page stops after reading 50,000 events even when not full: keep following `next` until `endOfLog`.',
    response: EventLogPageSchema,
    ok: 'A page of the log.',
    examplePath: '/api/events',
  })
  async list(@Query() query: EventsLogRequest) {
    const from = query.from === undefined ? undefined : boundOf(query.from, 'start');
    const to = query.to === undefined ? undefined : boundOf(query.to, 'end');
    requireOrderedRange(query, {
      from: query.from === undefined ? undefined : writtenBoundOf(query.from, 'start'),
      to,
    });
    return this.log.page({
      ...(query.after !== undefined && {
        after: await positionParameter(query.after, 'after', this.store),
      }),
      ...(query.limit !== undefined && { limit: query.limit }),
      ...(query.type !== undefined && { types: query.type.split(',') }),
      ...(query.stream !== undefined && { stream: query.stream }),
      ...(query.actor !== undefined && { actor: query.actor }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    });
  }
}
