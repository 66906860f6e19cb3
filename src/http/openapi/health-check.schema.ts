import {
  ApiProperty,
  type ApiPropertyOptions,
  ApiPropertyOptional,
  ApiSchema,
  getSchemaPath,
} from '@nestjs/swagger';

/**
 * The reports of `GET /health/live` and `GET /health/ready`, as @nestjs/terminus writes them:
 * `info` holds the checks that are up (or degraded), `error` those that are down, `details`
 * both.
 */

const MESSAGE = { type: 'string', description: 'Why the check is down or degraded.' } as const;

@ApiSchema({ name: 'ProcessCheck', description: 'The process answering.' })
export class ProcessCheckSchema {
  @ApiProperty({ enum: ['up'], example: 'up' })
  status!: string;

  @ApiProperty({ type: 'integer', example: 4242 })
  pid!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rounded.', example: 3600 })
  uptimeSeconds!: number;
}

@ApiSchema({ name: 'LivenessChecks' })
export class LivenessChecksSchema {
  @ApiProperty({ type: () => ProcessCheckSchema })
  process!: ProcessCheckSchema;
}

@ApiSchema({ name: 'LivenessReport', description: 'The answer of `GET /health/live`.' })
export class LivenessReportSchema {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status!: string;

  @ApiProperty({ type: () => LivenessChecksSchema })
  info!: LivenessChecksSchema;

  @ApiProperty({
    type: 'object',
    additionalProperties: false,
    description: 'Always empty.',
    example: {},
  })
  error!: Record<string, never>;

  @ApiProperty({ type: () => LivenessChecksSchema })
  details!: LivenessChecksSchema;
}

@ApiSchema({ name: 'NodeCheck', description: 'Whether this node takes traffic.' })
export class NodeCheckSchema {
  @ApiProperty({ enum: ['up', 'down'], description: '`down` while shutting down.', example: 'up' })
  status!: string;

  @ApiPropertyOptional({ ...MESSAGE, example: 'shutting down' })
  message?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Requests still being answered (down only).',
    example: 3,
  })
  inFlight?: number;
}

@ApiSchema({ name: 'StoreCheck', description: 'Whether the event store answers a ping.' })
export class StoreCheckSchema {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: string;

  @ApiProperty({ enum: ['sqlite', 'kurrentdb'], example: 'sqlite' })
  kind!: string;

  @ApiPropertyOptional({ ...MESSAGE, example: 'connection refused' })
  message?: string;
}

@ApiSchema({
  name: 'WritesCheck',
  description: 'Whether appends succeed; `degraded` keeps the node ready.',
})
export class WritesCheckSchema {
  @ApiProperty({ enum: ['up', 'degraded'], example: 'up' })
  status!: string;

  @ApiPropertyOptional({ ...MESSAGE, example: 'SQLITE_FULL' })
  message?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' })
  since?: string;
}

@ApiSchema({ name: 'ProjectionReadiness', description: 'One projection’s state and lag.' })
export class ProjectionReadinessSchema {
  @ApiProperty({ enum: ['catching-up', 'live', 'failed', 'stopped'], example: 'live' })
  state!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  lagEvents!: number;

  @ApiProperty({ type: 'number', minimum: 0, example: 0 })
  lagSeconds!: number;
}

const PROJECTIONS_CHECK: ApiPropertyOptions = {
  type: 'object',
  description:
    'Every projection by name (`mission-status`, `meeting-outcomes`, …), with `status`; `down` when one lags beyond READY_MAX_LAG_EVENTS or READY_MAX_LAG_SECONDS, or its lag is unknown.',
  properties: {
    status: { type: 'string', enum: ['up', 'down'] },
    message: { ...MESSAGE },
  },
  required: ['status'],
  selfRequired: false,
  additionalProperties: { $ref: getSchemaPath(ProjectionReadinessSchema) },
};

@ApiSchema({
  name: 'ReadinessChecks',
  description: 'The checks of `GET /health/ready`; each is in `info` or in `error` as it stands.',
})
export class ReadinessChecksSchema {
  @ApiPropertyOptional({ type: () => NodeCheckSchema })
  node?: NodeCheckSchema;

  @ApiPropertyOptional({ type: () => StoreCheckSchema })
  store?: StoreCheckSchema;

  @ApiPropertyOptional({ type: () => WritesCheckSchema })
  writes?: WritesCheckSchema;

  @ApiProperty(PROJECTIONS_CHECK)
  projections?: Record<string, unknown>;
}

@ApiSchema({ name: 'ReadinessReport', description: 'The answer of `GET /health/ready`.' })
export class ReadinessReportSchema {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    description: '`ok` or `degraded` (failing writes) with 200; `error` with 503.',
    example: 'ok',
  })
  status!: string;

  @ApiProperty({ type: () => ReadinessChecksSchema, description: 'The checks that are up.' })
  info!: ReadinessChecksSchema;

  @ApiProperty({ type: () => ReadinessChecksSchema, description: 'The checks that are down.' })
  error!: ReadinessChecksSchema;

  @ApiProperty({ type: () => ReadinessChecksSchema, description: 'Every check.' })
  details!: ReadinessChecksSchema;
}
