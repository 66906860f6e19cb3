import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ECHOED_NAME_LENGTH } from '../echoed-name.js';
import { LISTED_ERRORS } from '../problem.js';

/** One invalid field of a 400 validation problem. */
@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema {
  @ApiProperty({
    description: `Where the bad value is, as a JSON-path-like string; \`header:<Name>\` for a header, \`(body)\` for the body as a whole, \`(query)\` for a query parameter with an empty name. A name the request gave (an unknown field or parameter) longer than ${ECHOED_NAME_LENGTH} characters is cut there and followed by \`… (<length> characters)\`, here and in \`message\`.`,
    example: 'outcomes[0].missions[1].city',
  })
  path!: string;

  @ApiProperty({
    example: 'city must have a visible character: a letter, number, punctuation mark or symbol',
  })
  message!: string;

  @ApiPropertyOptional({
    description:
      'The domain rule that refuses the field whatever is recorded, when one does: `same-parties`, `invalid-city`, `duplicate-mission`, …',
    example: 'invalid-city',
  })
  rule?: string;
}

/**
 * RFC 9457 problem details, the body of every error response (application/problem+json).
 * Clients branch on `type`, not on `title` or `detail`.
 */
@ApiSchema({
  name: 'Problem',
  description:
    'RFC 9457 problem details: every error answers with this body as application/problem+json. `type` is stable per reason; branch on it rather than on `title` or `detail`.',
})
export class ProblemSchema {
  @ApiProperty({
    description:
      'A stable URI reference per reason: `/problems/<slug>`. Refusals by a domain rule use the rule id as slug (`/problems/mission-closed`).',
    example: '/problems/validation-failed',
  })
  type!: string;

  @ApiProperty({
    description: 'Short human-readable summary of the type.',
    example: 'Invalid request',
  })
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  status!: number;

  @ApiProperty({
    description: 'What went wrong with this request, in plain words.',
    example:
      'The request has invalid fields: heldOn: heldOn must be a calendar date written YYYY-MM-DD',
  })
  detail!: string;

  @ApiPropertyOptional({
    description:
      'The request path the problem is about; absent from an answer given before a request could be read (bytes that are not HTTP, headers too large, CONNECT).',
    example: '/api/meetings',
  })
  instance?: string;

  @ApiPropertyOptional({
    description: `The invalid fields (400 only): every one, up to ${LISTED_ERRORS}; when there were more, the first ${LISTED_ERRORS}, and \`detail\` says how many there were.`,
    type: () => [FieldErrorSchema],
    maxItems: LISTED_ERRORS,
  })
  errors?: FieldErrorSchema[];

  @ApiPropertyOptional({
    description:
      'The domain rule that refused the command (409, 422 and some 404 answers). A field a rule finds invalid whatever is recorded is a 400 `validation-failed` instead, the rule in its `errors[]` entry.',
    example: 'mission-closed',
  })
  rule?: string;

  @ApiPropertyOptional({
    description:
      'Where in the body what the rule refused is, where a request has many alike: a meeting’s `heldOn`, one of its targets (`outcomes[0].missions[1].targets.embassyBy`), or a mission’s targets taken together (`outcomes[0].missions[1].targets`, for two out of order).',
    example: 'outcomes[0].missions[1].targets.embassyBy',
  })
  path?: string;

  @ApiPropertyOptional({
    description: 'The current revision of the resource (412 stale-revision only, when it exists).',
    type: 'integer',
    example: 4,
  })
  currentRevision?: number;
}
