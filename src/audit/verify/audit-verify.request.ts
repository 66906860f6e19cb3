import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { InLowerCase } from '../../http/validation/in-lower-case.js';

export class AuditVerifyRequest {
  @ApiPropertyOptional({
    type: 'string',
    description: 'Verify this stream only (404 when it does not exist).',
    example: 'mission-kr-cu-havana',
  })
  @InLowerCase()
  @IsOptional()
  @MaxLength(300)
  @Matches(/^[^\s\p{Cc}\p{Cf}]+$/u, { message: 'stream must be a stream name' })
  stream?: string;
}
