import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { POSITION_PROPERTY } from '../http/openapi/command-response.schema.js';
import { NULLABLE_TEXT } from '../http/openapi/property-schemas.js';

/** Text that may be null, and is null in the example. */
const NULLABLE_TEXT_EXAMPLE = { ...NULLABLE_TEXT, example: null } as const;

/** `pausedBy`, said of the serving copy (`it`) or of the copy being built. */
function pausedBy(what: string) {
  return {
    ...NULLABLE_TEXT_EXAMPLE,
    description: `Why ${what} waits before its next event, retried every second (the store unavailable; an event stored damaged, named, until a restore); null while it reads on.`,
  };
}

@ApiSchema({ name: 'ProjectionLag', description: 'How far the projection is behind the store.' })
export class ProjectionLagSchema {
  @ApiProperty({ description: 'Events behind the store’s head.', example: 0 })
  events!: number;

  @ApiProperty({ description: 'Milliseconds behind the store’s head.', example: 0 })
  milliseconds!: number;

  @ApiProperty({ description: 'true when `events` stopped counting at its cap.', example: false })
  capped!: boolean;
}

@ApiSchema({ name: 'ProjectionRebuild', description: 'A copy being built beside the live one.' })
export class ProjectionRebuildSchema {
  @ApiProperty({ example: 2 })
  generation!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;

  @ApiProperty({ example: 'catching-up' })
  state!: string;

  @ApiProperty(NULLABLE_TEXT_EXAMPLE)
  lastError!: string | null;

  @ApiProperty(pausedBy('the copy'))
  pausedBy!: string | null;
}

@ApiSchema({ name: 'ProjectionStatus' })
export class ProjectionStatusSchema {
  @ApiProperty({ example: 'mission-status' })
  name!: string;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;

  @ApiProperty({ type: () => ProjectionLagSchema })
  lag!: ProjectionLagSchema;

  @ApiProperty({ enum: ['catching-up', 'live', 'failed', 'stopped'], example: 'live' })
  state!: string;

  @ApiProperty(NULLABLE_TEXT_EXAMPLE)
  lastError!: string | null;

  @ApiProperty(pausedBy('it'))
  pausedBy!: string | null;

  @ApiProperty({ description: 'The serving copy’s generation.', example: 1 })
  generation!: number;

  @ApiProperty({ type: () => ProjectionRebuildSchema, nullable: true })
  rebuilding!: ProjectionRebuildSchema | null;
}

@ApiSchema({ name: 'ProjectionRebuildStarted' })
export class ProjectionRebuildStartedSchema {
  @ApiProperty({ example: 'mission-status' })
  name!: string;

  @ApiProperty({ description: 'The generation being built.', example: 2 })
  generation!: number;

  @ApiProperty({ description: 'true when a rebuild was already under way.', example: false })
  alreadyRunning!: boolean;

  @ApiProperty({
    example: 'A fresh copy is being built beside the live one; it is swapped in once caught up.',
  })
  detail!: string;
}

@ApiSchema({ name: 'DeadLetter', description: 'An event a projection could not apply.' })
export class DeadLetterSchema {
  @ApiProperty(POSITION_PROPERTY)
  position!: string;

  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  eventId!: string;

  @ApiProperty({ example: 'mission-kr-cu-havana' })
  stream!: string;

  @ApiProperty({ example: 'DiplomatDispatched' })
  type!: string;

  @ApiProperty({ example: 'TypeError: cannot read the diplomat' })
  error!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' })
  failedAt!: string;
}

@ApiSchema({ name: 'ProjectionRetryStarted' })
export class ProjectionRetryStartedSchema {
  @ApiProperty({ example: 'mission-status' })
  name!: string;
}
