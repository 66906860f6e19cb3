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

@ApiSchema({ name: 'HealthReport' })
export class HealthReportSchema {
  @ApiProperty({ enum: ['ok', 'unavailable'], example: 'ok' })
  status!: string;

  @ApiProperty({ type: () => StoreHealthSchema })
  store!: StoreHealthSchema;
}
