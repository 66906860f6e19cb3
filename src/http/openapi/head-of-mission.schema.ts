import { ApiParam, ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  FUNCTIONS_END_REASONS,
  HEAD_OF_MISSION_STAGES,
} from '../../heads-of-mission/domain/head-of-mission.state.js';
import { MissionCommandResponseSchema, POSITION_PROPERTY } from './command-response.schema.js';
import { DATE, NULLABLE_DATE, NULLABLE_TEXT } from './property-schemas.js';

const EXAMPLE_ID = '7e3b5c1a-2d4f-4a6b-9c8d-0e1f2a3b4c5d';

export function ApiHeadOfMissionIdParam(): MethodDecorator & ClassDecorator {
  return ApiParam({
    name: 'headOfMissionId',
    description: 'The headOfMissionId the nomination answered with; anything but a uuid is a 404.',
    schema: { type: 'string', format: 'uuid' },
    example: EXAMPLE_ID,
  });
}

/** What every command on a nominee's track answers (revision and ETag are the track's). */
@ApiSchema({ name: 'HeadOfMissionCommandResponse' })
export class HeadOfMissionCommandResponseSchema extends MissionCommandResponseSchema {
  @ApiProperty({
    format: 'uuid',
    description:
      'The nominee (derived from the Idempotency-Key when one is sent, so a retried nomination names the same nominee). `revision` is the nominee’s track’s.',
    example: EXAMPLE_ID,
  })
  headOfMissionId!: string;
}

// ---- the mission view ------------------------------------------------------------------------

@ApiSchema({ name: 'AgrementRefusal' })
export class AgrementRefusalSchema {
  @ApiProperty({ ...DATE, example: '2024-09-20' })
  refusedOn!: string;

  @ApiProperty({ ...NULLABLE_TEXT, description: 'None need be given.', example: null })
  reason!: string | null;
}

@ApiSchema({ name: 'EndOfFunctions' })
export class EndOfFunctionsSchema {
  @ApiProperty({ ...DATE, example: '2026-02-27' })
  endedOn!: string;

  @ApiProperty({
    enum: FUNCTIONS_END_REASONS,
    enumName: 'FunctionsEndReason',
    example: 'end-of-term',
  })
  reason!: string;

  @ApiProperty({ ...NULLABLE_TEXT, example: null })
  note!: string | null;
}

@ApiSchema({
  name: 'HeadOfMission',
  description: 'One nominee’s head-of-mission track; a date is null until its step is recorded.',
})
export class HeadOfMissionSchema {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID })
  headOfMissionId!: string;

  @ApiProperty({ example: 'Lee Ho-yul' })
  name!: string;

  @ApiProperty({ example: 'Ambassador Extraordinary and Plenipotentiary' })
  title!: string;

  @ApiProperty({
    enum: HEAD_OF_MISSION_STAGES,
    enumName: 'HeadOfMissionStage',
    description: 'The furthest step reached; agrement-refused and functions-ended end the track.',
    example: 'credentials-presented',
  })
  stage!: string;

  @ApiProperty({ ...DATE, example: '2024-11-20' })
  nominatedOn!: string;

  @ApiProperty({ ...NULLABLE_DATE, example: '2024-12-02' })
  agrementRequestedOn!: string | null;

  @ApiProperty({ ...NULLABLE_DATE, example: '2025-01-20' })
  agrementGrantedOn!: string | null;

  @ApiProperty({ type: () => AgrementRefusalSchema, nullable: true })
  agrementRefusal!: AgrementRefusalSchema | null;

  @ApiProperty({ ...NULLABLE_DATE, example: '2025-01-31' })
  appointedOn!: string | null;

  @ApiProperty({ ...NULLABLE_DATE, example: '2025-02-06' })
  arrivedOn!: string | null;

  @ApiProperty({ ...NULLABLE_DATE, example: '2025-02-11' })
  copyOfCredentialsPresentedOn!: string | null;

  @ApiProperty({
    ...NULLABLE_DATE,
    description: 'When credentials were presented to the head of state and functions commenced.',
    example: '2025-02-25',
  })
  credentialsPresentedOn!: string | null;

  @ApiProperty({
    ...NULLABLE_DATE,
    description:
      'The date functions commenced (= credentialsPresentedOn), which orders heads of mission by precedence (VCDR art. 16).',
    example: '2025-02-25',
  })
  precedenceDate!: string | null;

  @ApiProperty({ type: () => EndOfFunctionsSchema, nullable: true })
  functionsEnded!: EndOfFunctionsSchema | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description:
      'The revision of the nominee’s own track, for If-Match on its next step (0 for a nomination the service stopped between writing: the next step completes it first). Null only in views of events older than this rule.',
    example: 6,
  })
  revision!: number | null;
}

@ApiSchema({
  name: 'ChargeDAffaires',
  description: 'The diplomat heading the mission ad interim while the head’s post is vacant.',
})
export class ChargeDAffairesSchema {
  @ApiProperty({ example: 'Korean chargé d’affaires a.i.' })
  name!: string;

  @ApiProperty({ example: 'Counsellor' })
  title!: string;

  @ApiProperty({ ...DATE, example: '2025-01-17' })
  designatedOn!: string;
}

@ApiSchema({
  name: 'HeadOfMissionMilestone',
  description:
    'One recorded event of the head-of-mission track or of the mission’s register of heads.',
})
export class HeadOfMissionMilestoneSchema {
  @ApiProperty({
    description:
      'ChargeDAffairesDesignated, HeadOfMissionNominated, AgrementRequested, AgrementGranted, AgrementRefused, HeadOfMissionAppointed, HeadOfMissionArrived, CopyOfCredentialsPresented, CredentialsPresented or FunctionsEnded.',
    example: 'CredentialsPresented',
  })
  type!: string;

  @ApiProperty({
    description: 'The stream it was recorded in.',
    example: `head-of-mission-${EXAMPLE_ID}`,
  })
  stream!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, example: EXAMPLE_ID })
  headOfMissionId!: string | null;

  @ApiProperty({ ...DATE, description: 'When it happened.', example: '2025-02-25' })
  occurredOn!: string;

  @ApiProperty({ format: 'date-time', description: 'When it was recorded.' })
  recordedAt!: string;

  @ApiProperty({ ...NULLABLE_TEXT, description: 'Who recorded it.', example: 'desk-officer' })
  recordedBy!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 6 })
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event’s data.' })
  data!: Record<string, unknown>;
}
