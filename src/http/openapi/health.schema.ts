import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'StoreHealth' })
export class StoreHealthSchema {
  @ApiProperty({ enum: ['sqlite', 'kurrentdb'], example: 'sqlite' })
  kind!: string;

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: string;

  @ApiPropertyOptional({
    description: 'Why the store is down (503 only).',
    example: 'connection refused',
  })
  reason?: string;
}

@ApiSchema({ name: 'FailingWrites' })
export class FailingWritesSchema {
  @ApiProperty({ enum: ['failing'], example: 'failing' })
  status!: string;

  @ApiProperty({ description: 'Why the last append failed.', example: 'SQLITE_FULL' })
  reason!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-29T10:00:00.000Z' })
  since!: string;
}

@ApiSchema({ name: 'HealthReport' })
export class HealthReportSchema {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description: '`degraded`: the store answers but its appends are failing (still 200).',
    example: 'ok',
  })
  status!: string;

  @ApiPropertyOptional({
    type: () => FailingWritesSchema,
    description: 'Present while appends fail.',
  })
  writes?: FailingWritesSchema;

  @ApiProperty({ type: () => StoreHealthSchema })
  store!: StoreHealthSchema;
}
