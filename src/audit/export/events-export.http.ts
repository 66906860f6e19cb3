import { Readable } from 'node:stream';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../auth/auth.decorators.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import {
  ApiCorrelationIdHeader,
  ApiProblemResponses,
  BEARER_SCHEME,
} from '../../http/openapi/api-docs.decorators.js';
import { NDJSON_CONTENT_TYPE, ndjsonExport } from './ndjson-export.js';

/** The whole log as NDJSON, streamed. */
@ApiTags('audit')
@Controller('api/events')
@Allow('auditor')
export class EventsExportHttp {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('export')
  @ApiOperation({
    operationId: 'exportEvents',
    summary: 'Export the whole log as NDJSON',
    description:
      'One event per line in commit order, exactly as stored: `stream`, `revision`, `id`, `type`, `data` (at its stored schema version) and `metadata` (with `prevHash` and `hash`). The last line is `{"exportSummary":{"events","streams","digest","linesSha256"}}`: the event lines counted, the digest of the streams’ heads (as `GET /api/audit/digest` computes it) and the SHA-256 of the event lines; an import refuses a file that does not add up to it or has none. Streamed page by page in constant memory. `npm run audit -- import <file>` loads it into an empty store.',
  })
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiCorrelationIdHeader()
  @ApiProduces(NDJSON_CONTENT_TYPE)
  @ApiResponse({
    status: 200,
    description: 'The log, one JSON event per line.',
    content: { [NDJSON_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  @ApiProblemResponses([401, 403, 500], { examplePath: '/api/events/export' })
  async export(@Res() reply: FastifyReply): Promise<void> {
    // A long download its client leaves is logged and counted too (AnswerEnds follows it).
    const body = Readable.from(ndjsonExport(this.store), { objectMode: false });
    const day = new Date().toISOString().slice(0, 10);
    await reply
      .header('Content-Type', `${NDJSON_CONTENT_TYPE}; charset=utf-8`)
      .header('Content-Disposition', `attachment; filename="events-${day}.ndjson"`)
      .send(body);
  }
}
