import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';

/** Deadlines from the agreement; either may be left out. */
export class MissionTargetsRequest {
  @IsOptional()
  @IsCalendarDate()
  temporaryOfficeBy?: string;

  @IsOptional()
  @IsCalendarDate()
  embassyBy?: string;
}
