import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { AsStreamName } from '../audit-validation.js';

export class AuditVerifyRequest {
  @ApiPropertyOptional({
    type: 'string',
    description: 'Verify this stream only (404 when it does not exist).',
    example: 'mission-kr-cu-havana',
  })
  @AsStreamName()
  @IsOptional()
  @MaxLength(300)
  @Matches(/^\S+$/, { message: 'stream must be a stream name' })
  stream?: string;
}
