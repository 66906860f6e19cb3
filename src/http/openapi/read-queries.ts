import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { MAX_PAGE_SIZE } from '../queries/paging.request.js';
import { POSITION_PROPERTY } from './command-response.schema.js';

/** `minPosition`, which every read model route takes (read-your-writes). */
export function ApiMinPositionQuery(): MethodDecorator {
  return ApiQuery({
    name: 'minPosition',
    required: false,
    description:
      'Read your writes: wait until the read models have applied this position, as a command answered it (and whatever the service planned from it). 504 when they have not within 5 s.',
    schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' },
    example: POSITION_PROPERTY.example,
  });
}

/** `limit` and `offset` paging, and `minPosition`. */
export function ApiPagedReadQueries(defaultLimit: number): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'limit',
      required: false,
      description: `Page size (default ${defaultLimit}).`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: defaultLimit },
    }),
    ApiQuery({
      name: 'offset',
      required: false,
      description: 'How many matches to skip.',
      schema: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
    }),
    ApiMinPositionQuery(),
  );
}
