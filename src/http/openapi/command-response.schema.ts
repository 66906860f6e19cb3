import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** Where a write landed in the store's global log ($all): 32 lower-case hex digits. */
export const POSITION_PROPERTY = {
  description:
    'Opaque position of the last event in the store’s global log; lexical order is log order.',
  pattern: '^[0-9a-f]{32}$',
  example: '00000000000000050000000000000005',
} as const;

const REVISION_PROPERTY = {
  type: 'integer',
  minimum: -1,
  description:
    'The stream’s revision after the command (also sent as ETag); send it back as If-Match to guard the next command.',
  example: 4,
} as const;

/** What every mission command answers. */
@ApiSchema({ name: 'MissionCommandResponse' })
export class MissionCommandResponseSchema {
  @ApiProperty({
    description: 'The mission: `<sending>-<receiving>-<city slug>`, lower case.',
    example: 'kr-cu-havana',
  })
  missionId!: string;

  @ApiProperty(REVISION_PROPERTY)
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;
}

/** A dispatch also names the diplomat it created. */
@ApiSchema({ name: 'DispatchDiplomatResponse' })
export class DispatchDiplomatResponseSchema extends MissionCommandResponseSchema {
  @ApiProperty({
    format: 'uuid',
    description:
      'The new diplomat’s id (derived from the Idempotency-Key when one is sent, so a retry names the same diplomat).',
    example: '3b241101-e2bb-4255-8caf-4136c566a962',
  })
  diplomatId!: string;
}

/** What recording a meeting answers. */
@ApiSchema({
  name: 'MissionNotPlanned',
  description: 'A mission a meeting calls for but cannot plan as the mission stands.',
})
export class MissionNotPlannedSchema {
  @ApiProperty({ example: 'ca-ht-port-au-prince' })
  missionId!: string;

  @ApiProperty({
    description: 'Where the meeting calls for it.',
    example: 'outcomes[0].missions[0]',
  })
  path!: string;

  @ApiProperty({ description: 'The mission rule that refuses it.', example: 'mission-closed' })
  rule!: string;

  @ApiProperty({
    example:
      'mission ca-ht-port-au-prince closed on 2025-04-01; an agreement of 2025-03-15 belongs to the lifecycle that ended then',
  })
  detail!: string;
}

@ApiSchema({ name: 'RecordMeetingResponse' })
export class RecordMeetingResponseSchema {
  @ApiProperty({
    format: 'uuid',
    description:
      'The new meeting’s id (derived from the Idempotency-Key when one is sent, so a retry names the same meeting).',
    example: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60',
  })
  meetingId!: string;

  @ApiProperty({
    type: [String],
    description:
      'The missions the meeting’s establish-missions outcomes call for; they are planned from the meeting asynchronously.',
    example: ['kr-cu-havana', 'cu-kr-seoul'],
  })
  missionIds!: string[];

  @ApiProperty({
    type: [MissionNotPlannedSchema],
    description:
      'The missions of `missionIds` this meeting cannot plan as they stand (e.g. closed after the meeting was held, or targets out of order with those in force), each with the mission rule that refuses it, as `POST /api/missions` would answer. The meeting is recorded all the same; empty when every mission will be planned or linked.',
    example: [],
  })
  missionsNotPlanned!: MissionNotPlannedSchema[];

  @ApiProperty({ ...REVISION_PROPERTY, example: 0 })
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;
}
