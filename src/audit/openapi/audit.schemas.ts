import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { NULLABLE_TEXT } from '../../http/openapi/property-schemas.js';

const POSITION = {
  type: 'string',
  pattern: '^[0-9a-f]{32}$',
  description: 'A position in the global log (opaque; lexical order is log order).',
  example: '00000000000000070000000000000007',
} as const;
const HASH = { type: 'string', pattern: '^[0-9a-f]{64}$', nullable: true } as const;
const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

@ApiSchema({
  name: 'AuditEvent',
  description:
    'One event as recorded: data at its current schema version, when it happened and was recorded, by whom, why, and its link in the stream’s hash chain.',
})
export class AuditEventSchema {
  @ApiProperty(POSITION) position!: string;
  @ApiProperty({ example: 'mission-kr-cu-havana' }) stream!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 }) revision!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TemporaryOfficeOpened' }) type!: string;
  @ApiProperty({ type: 'integer', description: 'The schema version `data` is shown at.' })
  schemaVersion!: number;
  @ApiProperty({
    type: 'integer',
    description: 'The schema version stored; older events are upcast on read, never rewritten.',
  })
  storedSchemaVersion!: number;
  @ApiProperty(FREE_OBJECT) data!: Record<string, unknown>;
  @ApiProperty({ ...NULLABLE_TEXT, format: 'date', description: 'When the fact happened.' })
  occurredOn!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When the service recorded it (hashed).' })
  recordedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the store committed it (not hashed).' })
  committedAt!: string;
  @ApiProperty(NULLABLE_TEXT) actor!: string | null;
  @ApiProperty(NULLABLE_TEXT) actorRole!: string | null;
  @ApiProperty(NULLABLE_TEXT) command!: string | null;
  @ApiProperty(NULLABLE_TEXT) correlationId!: string | null;
  @ApiProperty(NULLABLE_TEXT) causationId!: string | null;
  @ApiProperty({ ...HASH, description: 'The previous event’s hash; null for the first.' })
  prevHash!: string | null;
  @ApiProperty({ ...HASH, description: 'SHA-256 over the canonical event and prevHash.' })
  hash!: string | null;
  @ApiProperty({ ...FREE_OBJECT, description: 'The metadata exactly as stored and hashed.' })
  metadata!: Record<string, unknown>;
  @ApiPropertyOptional({
    description:
      'Only on an event whose stored data or metadata is no longer JSON (damaged after it was recorded): what does not parse. Its `data` and `metadata` are then `{}`.',
    example: 'its data is not valid JSON (Unterminated string in JSON at position 10)',
  })
  damaged?: string;
}

@ApiSchema({ name: 'MissionHistory' })
export class MissionHistorySchema {
  @ApiProperty({ example: 'kr-cu-havana' }) missionId!: string;
  @ApiProperty({ example: 'mission-kr-cu-havana' }) stream!: string;
  @ApiProperty({ type: [AuditEventSchema] }) events!: AuditEventSchema[];
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The `fromRevision` of the next page; null at the stream’s end.',
  })
  nextRevision!: number | null;
}

@ApiSchema({ name: 'EventLogPage' })
export class EventLogPageSchema {
  @ApiProperty({ type: [AuditEventSchema] }) events!: AuditEventSchema[];
  @ApiProperty({
    ...POSITION,
    description:
      'The `after` of the next page: the last event looked at. A page may hold fewer than `limit` events when filters skip many; follow `next` until `endOfLog`.',
  })
  next!: string;
  @ApiProperty({ description: 'True when this page reached the end of the log.' })
  endOfLog!: boolean;
  @ApiProperty({ type: 'integer', description: 'Events read to fill the page.' })
  scanned!: number;
}

@ApiSchema({ name: 'KnownThrough' })
export class KnownThroughSchema {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty(POSITION) position!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

@ApiSchema({ name: 'NotYetOccurred' })
export class NotYetOccurredSchema {
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ ...NULLABLE_TEXT, format: 'date' }) occurredOn!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

@ApiSchema({
  name: 'MissionReplay',
  description:
    'A mission re-folded from its events as known at a point, with the targets overdue then.',
})
export class MissionReplaySchema {
  @ApiProperty() missionId!: string;
  @ApiProperty({ ...NULLABLE_TEXT, format: 'date-time' }) asOf!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) revision!: number | null;
  @ApiProperty({ ...NULLABLE_TEXT, format: 'date' }) occurredBy!: string | null;
  @ApiProperty({ format: 'date', description: 'The day overdue targets are judged on.' })
  today!: string;
  @ApiProperty({ type: KnownThroughSchema, nullable: true })
  knownThrough!: KnownThroughSchema | null;
  @ApiProperty({ type: 'integer' }) eventsApplied!: number;
  @ApiProperty({ type: [NotYetOccurredSchema] }) notYetOccurred!: NotYetOccurredSchema[];
  @ApiProperty({
    type: [NotYetOccurredSchema],
    description:
      'Facts that had happened by `occurredBy` but that the mission could not take yet: an opening team sent ahead of the agreement the mission starts from. Not folded, not counted in `eventsApplied`.',
  })
  beforeAgreement!: NotYetOccurredSchema[];
  @ApiProperty({
    ...FREE_OBJECT,
    description:
      'The mission state (status, targets, agreements, diplomats, premises, suspensions, closure) and `overdue`.',
  })
  mission!: Record<string, unknown>;
}

@ApiSchema({ name: 'BadEvent', description: 'The first bad event of a broken stream.' })
export class BadEventSchema {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'null for a missing event.' })
  position!: string | null;
  @ApiProperty(NULLABLE_TEXT) id!: string | null;
  @ApiProperty(NULLABLE_TEXT) type!: string | null;
  @ApiProperty({
    enum: [
      'out-of-sequence',
      'prev-hash-mismatch',
      'hash-mismatch',
      'missing-hash',
      'anchor-mismatch',
      'truncated',
    ],
  })
  problem!: string;
  @ApiProperty({ description: 'What differs, in words.' }) detail!: string;
  // Null as the nullable string of the two: `nullable` beside `oneOf` with no type admits no
  // null under OpenAPI 3.0.
  @ApiProperty({ oneOf: [{ type: 'string', nullable: true }, { type: 'integer' }] })
  expected!: string | number | null;
  @ApiProperty({ oneOf: [{ type: 'string', nullable: true }, { type: 'integer' }] })
  found!: string | number | null;
}

@ApiSchema({ name: 'VerifyReport' })
export class VerifyReportSchema {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: 'integer' }) eventsChecked!: number;
  @ApiProperty({ type: 'integer' }) streamsChecked!: number;
  @ApiProperty({ type: 'integer' }) brokenStreams!: number;
  @ApiProperty({ ...NULLABLE_TEXT, description: 'The position of the last event checked.' })
  through!: string | null;
  @ApiProperty({ type: 'integer' }) durationMs!: number;
  @ApiProperty({ type: 'integer' }) eventsPerSecond!: number;
  @ApiProperty({ type: BadEventSchema, nullable: true }) firstBad!: BadEventSchema | null;
  @ApiProperty({ type: [BadEventSchema] }) broken!: BadEventSchema[];
  @ApiProperty({ ...FREE_OBJECT, nullable: true }) anchor!: Record<string, unknown> | null;
}

@ApiSchema({ name: 'StreamHead' })
export class StreamHeadSchema {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty(HASH) hash!: string | null;
}

@ApiSchema({
  name: 'StoreDigest',
  description:
    'The head hash of every stream and one SHA-256 over them: anchor it outside the store (e.g. a signed daily digest).',
})
export class StoreDigestSchema {
  @ApiProperty({ enum: ['sha256'] }) algorithm!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty(NULLABLE_TEXT) through!: string | null;
  @ApiProperty({ type: 'integer' }) events!: number;
  @ApiProperty({ type: 'integer' }) streams!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) digest!: string;
  @ApiProperty({ description: 'Whether every chain verified when it was taken.' })
  verified!: boolean;
  @ApiProperty({ type: [StreamHeadSchema] }) heads!: StreamHeadSchema[];
}
