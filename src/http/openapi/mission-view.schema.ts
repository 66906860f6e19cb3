import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { DIPLOMAT_ROLES } from '../../missions/commands/dispatch-diplomat/dispatch-diplomat.request.js';
import { DIPLOMATIC_GRADES } from '../../missions/domain/diplomatic-rank.js';
import { OVERDUE_TARGETS } from '../../missions/domain/mission-overdue.js';
import { MISSION_STATUSES, type MissionStatus } from '../../missions/domain/mission.state.js';
import { POSITION_PROPERTY } from './command-response.schema.js';
import {
  ChargeDAffairesSchema,
  HeadOfMissionMilestoneSchema,
  HeadOfMissionSchema,
} from './head-of-mission.schema.js';
import { DATE, NULLABLE_DATE, STATE_CODE } from './property-schemas.js';

const REVISION = { type: 'integer', minimum: 0, example: 4 } as const;

// Nested schemas come first: with decorator metadata a class may not name a later one.

@ApiSchema({ name: 'MissionTargets', description: 'The target dates in force; null when unset.' })
export class MissionTargetsSchema {
  @ApiProperty({ ...NULLABLE_DATE, example: '2024-06-30' })
  temporaryOfficeBy!: string | null;

  @ApiProperty({ ...NULLABLE_DATE, example: null })
  embassyBy!: string | null;
}

@ApiSchema({ name: 'DiplomaticRank' })
export class DiplomaticRankSchema {
  @ApiProperty({
    enum: DIPLOMATIC_GRADES,
    enumName: 'DiplomaticGrade',
    nullable: true,
    description: 'null when no rank was stated and the title names none this service knows.',
    example: 'counsellor',
  })
  grade!: string | null;

  @ApiProperty({
    description: 'true when no rank was stated at dispatch and `grade` was read from the title.',
    example: true,
  })
  inferredFromTitle!: boolean;
}

@ApiSchema({ name: 'Diplomat' })
export class DiplomatSchema {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  diplomatId!: string;

  @ApiProperty({ example: 'Korean diplomat' })
  name!: string;

  @ApiProperty({ example: 'Counsellor' })
  title!: string;

  @ApiProperty({ enum: DIPLOMAT_ROLES, enumName: 'DiplomatRole', example: 'head-of-office' })
  role!: string;

  @ApiProperty({ type: DiplomaticRankSchema, nullable: true })
  rank!: DiplomaticRankSchema | null;

  @ApiProperty({ ...DATE, example: '2024-06-10' })
  dispatchedOn!: string;

  @ApiProperty({ ...NULLABLE_DATE, example: '2024-06-14' })
  expectedArrivalOn!: string | null;

  @ApiProperty({
    ...NULLABLE_DATE,
    description: 'null while the diplomat has not arrived.',
    example: '2024-06-14',
  })
  arrivedOn!: string | null;
}

@ApiSchema({ name: 'Premises' })
export class PremisesSchema {
  @ApiProperty({ ...DATE, example: '2024-06-28' })
  openedOn!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Miramar Business Center' })
  address!: string | null;
}

@ApiSchema({ name: 'Suspension', description: 'The suspension in force.' })
export class SuspensionSchema {
  @ApiProperty({ ...DATE, example: '2025-03-01' })
  since!: string;

  @ApiProperty({ example: 'Premises damaged by a hurricane' })
  reason!: string;
}

@ApiSchema({ name: 'Closure' })
export class ClosureSchema {
  @ApiProperty({ ...DATE, example: '2026-01-31' })
  closedOn!: string;

  @ApiProperty({ example: 'Relations suspended' })
  reason!: string;
}

@ApiSchema({ name: 'Milestone', description: 'One recorded event of the mission.' })
export class MilestoneSchema {
  @ApiProperty({
    description:
      'The event type: MissionPlanned, MissionSourceLinked, MissionPlanRevised, DiplomatDispatched, DiplomatArrived, TemporaryOfficeOpened, EmbassyOpened, OperationsSuspended, OperationsResumed, MissionClosed or MissionReestablished.',
    example: 'EmbassyOpened',
  })
  type!: string;

  @ApiProperty({ ...DATE, description: 'When it happened.', example: '2025-01-17' })
  occurredOn!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When it was recorded.',
    example: '2025-01-20T09:30:00.000Z',
  })
  recordedAt!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Who recorded it (the token’s name).',
    example: 'desk-officer',
  })
  recordedBy!: string | null;

  @ApiProperty(REVISION)
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event’s data.',
    example: { missionId: 'kr-cu-havana', openedOn: '2025-01-17', address: null },
  })
  data!: Record<string, unknown>;
}

@ApiSchema({ name: 'MissionSource', description: 'A meeting outcome the mission was agreed in.' })
export class MissionSourceSchema {
  @ApiProperty({ format: 'uuid', example: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60' })
  meetingId!: string;

  @ApiProperty({ example: 'outcome-1' })
  outcomeId!: string;
}

/** GET /api/missions/{missionId}: the mission status read model. */
@ApiSchema({ name: 'Mission', description: 'A mission as the mission status read model has it.' })
export class MissionSchema {
  @ApiProperty({ description: 'The mission id.', example: 'kr-cu-havana' })
  id!: string;

  @ApiProperty({ ...STATE_CODE, example: 'KR' })
  sendingState!: string;

  @ApiProperty({ ...STATE_CODE, example: 'CU' })
  receivingState!: string;

  @ApiProperty({ example: 'Havana' })
  city!: string;

  @ApiProperty({
    enum: MISSION_STATUSES,
    enumName: 'MissionStatus',
    description: 'The furthest step reached; suspended and closed override it.',
    example: 'embassy-open',
  })
  status!: MissionStatus;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description:
      'Which lifecycle this is: 1 as first planned; a closed mission re-established by a later agreement starts the next. Status, targets, diplomats and premises are the current lifecycle’s; milestones and sources keep every lifecycle.',
    example: 1,
  })
  lifecycle!: number;

  @ApiProperty({
    ...DATE,
    example: '2024-06-12',
    description: 'When the current lifecycle was planned.',
  })
  plannedOn!: string;

  @ApiProperty({
    ...DATE,
    description: 'The earliest date the current lifecycle was agreed on.',
    example: '2024-06-12',
  })
  agreedOn!: string;

  @ApiProperty({ type: () => MissionTargetsSchema })
  targets!: MissionTargetsSchema;

  @ApiProperty({
    enum: OVERDUE_TARGETS,
    enumName: 'OverdueTarget',
    isArray: true,
    description: 'Targets whose date has passed without the milestone.',
    example: [],
  })
  overdue!: string[];

  @ApiProperty({ type: () => [DiplomatSchema], description: 'In dispatch order.' })
  diplomats!: DiplomatSchema[];

  @ApiProperty({ type: () => PremisesSchema, nullable: true })
  temporaryOffice!: PremisesSchema | null;

  @ApiProperty({ type: () => PremisesSchema, nullable: true })
  embassy!: PremisesSchema | null;

  @ApiProperty({ type: () => SuspensionSchema, nullable: true })
  suspension!: SuspensionSchema | null;

  @ApiProperty({ type: () => ClosureSchema, nullable: true })
  closure!: ClosureSchema | null;

  @ApiProperty({ type: () => [MilestoneSchema], description: 'Every recorded event, in order.' })
  milestones!: MilestoneSchema[];

  @ApiProperty({ type: () => [MissionSourceSchema] })
  sources!: MissionSourceSchema[];

  @ApiProperty({
    type: () => HeadOfMissionSchema,
    nullable: true,
    description:
      'The head of mission in office (credentials presented); while the post is vacant, the nominee under way (see `stage`); null when there is neither.',
  })
  headOfMission!: HeadOfMissionSchema | null;

  @ApiProperty({
    type: () => ChargeDAffairesSchema,
    nullable: true,
    description:
      'The chargé d’affaires a.i. heading the mission while no head of mission is in office.',
  })
  chargeDAffaires!: ChargeDAffairesSchema | null;

  @ApiProperty({
    type: () => [HeadOfMissionSchema],
    description: 'Every nominee, in nomination order, including refused and ended ones.',
  })
  headsOfMission!: HeadOfMissionSchema[];

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    nullable: true,
    description:
      'The revision of the mission’s register of heads, for If-Match on a nomination or a chargé d’affaires a.i.; null before the first.',
    example: 1,
  })
  headsOfMissionRevision!: number | null;

  @ApiProperty({
    type: () => [HeadOfMissionMilestoneSchema],
    description: 'Every recorded event of the head-of-mission track, in the order recorded.',
  })
  headOfMissionMilestones!: HeadOfMissionMilestoneSchema[];

  @ApiProperty({
    ...REVISION,
    description: 'The mission stream’s revision (also sent as ETag).',
  })
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;
}

const PAGE_PROPERTIES = {
  total: { type: 'integer', minimum: 0, description: 'How many match the filter.', example: 2 },
  limit: { type: 'integer', minimum: 1, example: 50 },
  offset: { type: 'integer', minimum: 0, example: 0 },
} as const;

@ApiSchema({ name: 'MissionPage' })
export class MissionPageSchema {
  @ApiProperty(PAGE_PROPERTIES.total)
  total!: number;

  @ApiProperty(PAGE_PROPERTIES.limit)
  limit!: number;

  @ApiProperty(PAGE_PROPERTIES.offset)
  offset!: number;

  @ApiProperty({ type: () => [MissionSchema] })
  missions!: MissionSchema[];
}

// ---- meetings --------------------------------------------------------------------------------

@ApiSchema({ name: 'Participant' })
export class ParticipantSchema {
  @ApiProperty({ example: 'Chung Byung-won' })
  name!: string;

  @ApiProperty({ example: 'Deputy Minister for Political Affairs' })
  title!: string;

  @ApiProperty({ ...STATE_CODE, example: 'KR' })
  state!: string;
}

@ApiSchema({ name: 'OutcomeMissionRefusal' })
export class OutcomeMissionRefusalSchema {
  @ApiProperty({
    description: 'The mission rule that refused the plan, as on `POST /api/missions`.',
    example: 'mission-closed',
  })
  rule!: string;

  @ApiProperty({ example: 'mission kr-cu-havana was closed on 2024-05-01' })
  detail!: string;
}

@ApiSchema({
  name: 'OutcomeMission',
  description: 'A mission an outcome calls for, with its progress.',
})
export class OutcomeMissionSchema {
  @ApiProperty({ example: 'kr-cu-havana' })
  missionId!: string;

  @ApiProperty({ ...STATE_CODE, example: 'KR' })
  sendingState!: string;

  @ApiProperty({ ...STATE_CODE, example: 'CU' })
  receivingState!: string;

  @ApiProperty({ example: 'Havana' })
  city!: string;

  @ApiProperty({ type: () => MissionTargetsSchema })
  targets!: MissionTargetsSchema;

  @ApiProperty({
    enum: [...MISSION_STATUSES, 'not-yet-planned', 'not-planned'],
    enumName: 'OutcomeMissionStatus',
    description:
      'The mission’s status; not-yet-planned until the meeting’s plan reaches it, not-planned when the meeting could not plan it (its answer’s missionsNotPlanned said why): then it shows no progress of the mission, which is not this outcome’s. A mission closed and re-established since the meeting shows the meeting’s own lifecycle as it ended: closed.',
    example: 'embassy-open',
  })
  status!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The mission’s lifecycle this meeting’s agreement belongs to; null until planned.',
    example: 1,
  })
  lifecycle!: number | null;

  @ApiProperty({ enum: OVERDUE_TARGETS, enumName: 'OverdueTarget', isArray: true, example: [] })
  overdue!: string[];

  @ApiProperty({ ...NULLABLE_DATE, example: '2025-01-17' })
  embassyOpenedOn!: string | null;

  @ApiProperty({
    type: () => OutcomeMissionRefusalSchema,
    nullable: true,
    description:
      'Why the meeting could not plan the mission (status not-planned), as the planner recorded it in the meeting’s stream; null otherwise, and for a meeting handled before refusals were recorded.',
    example: null,
  })
  refusal!: OutcomeMissionRefusalSchema | null;
}

@ApiSchema({ name: 'MeetingOutcome' })
export class MeetingOutcomeSchema {
  @ApiProperty({ example: 'outcome-1' })
  outcomeId!: string;

  @ApiProperty({
    enum: ['establish-missions', 'cooperation', 'other'],
    enumName: 'OutcomeKind',
    example: 'establish-missions',
  })
  kind!: string;

  @ApiProperty({ example: 'Open permanent missions in both capitals as soon as possible' })
  summary!: string;

  @ApiPropertyOptional({
    type: () => [OutcomeMissionSchema],
    description: 'establish-missions only.',
  })
  missions?: OutcomeMissionSchema[];

  @ApiPropertyOptional({ type: [String], description: 'cooperation only.', example: ['trade'] })
  areas?: string[];

  @ApiProperty({
    type: 'boolean',
    nullable: true,
    description:
      'establish-missions: whether every embassy it calls for is open; null for other kinds.',
    example: false,
  })
  fulfilled!: boolean | null;
}

@ApiSchema({
  name: 'Meeting',
  description: 'A recorded meeting and how far each outcome has come.',
})
export class MeetingSchema {
  @ApiProperty({ format: 'uuid', example: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60' })
  id!: string;

  @ApiProperty({ example: 'ROK–Cuba bilateral meeting' })
  title!: string;

  @ApiProperty({ ...DATE, example: '2024-06-12' })
  heldOn!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Seoul' })
  place!: string | null;

  @ApiProperty({
    type: 'array',
    items: STATE_CODE,
    minItems: 2,
    maxItems: 2,
    example: ['KR', 'CU'],
  })
  parties!: string[];

  @ApiProperty({ type: () => [ParticipantSchema] })
  participants!: ParticipantSchema[];

  @ApiProperty({ type: () => [MeetingOutcomeSchema] })
  outcomes!: MeetingOutcomeSchema[];

  @ApiProperty({ format: 'date-time', example: '2024-06-13T08:00:00.000Z' })
  recordedAt!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'desk-officer' })
  recordedBy!: string | null;

  @ApiProperty({ ...REVISION, example: 0 })
  revision!: number;

  @ApiProperty(POSITION_PROPERTY)
  position!: string;
}

@ApiSchema({ name: 'MeetingPage' })
export class MeetingPageSchema {
  @ApiProperty(PAGE_PROPERTIES.total)
  total!: number;

  @ApiProperty(PAGE_PROPERTIES.limit)
  limit!: number;

  @ApiProperty(PAGE_PROPERTIES.offset)
  offset!: number;

  @ApiProperty({ type: () => [MeetingSchema], description: 'Latest meeting first.' })
  meetings!: MeetingSchema[];
}

@ApiSchema({ name: 'RelationState' })
export class RelationStateSchema {
  @ApiProperty({ ...STATE_CODE, example: 'KR' })
  code!: string;

  @ApiProperty({
    description:
      'The English short name as CLDR writes it for display (`Czechia`, `Côte d’Ivoire`, `St. Martin`), or the ISO list’s name where CLDR writes a label (`Saint Kitts and Nevis` for `St. Kitts & Nevis`).',
    example: 'South Korea',
  })
  name!: string;
}

@ApiSchema({
  name: 'Relation',
  description: 'Both directions’ missions between two states and their meetings.',
})
export class RelationSchema {
  @ApiProperty({ description: 'The pair in alphabetical order, lower case.', example: 'cu-kr' })
  id!: string;

  @ApiProperty({ type: () => [RelationStateSchema] })
  states!: RelationStateSchema[];

  @ApiProperty({
    description: 'A line a minister could read aloud.',
    example:
      'Cuba and South Korea met once (latest 2024-06-12 in Seoul). South Korea’s mission in Havana has its temporary office open; Cuba’s mission in Seoul is planned.',
  })
  summary!: string;

  @ApiProperty({ type: () => [MissionSchema] })
  missions!: MissionSchema[];

  @ApiProperty({ type: () => [MeetingSchema], description: 'In date order.' })
  meetings!: MeetingSchema[];
}
