import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';

export class RecordDiplomatArrivalRequest {
  @IsCalendarDate()
  arrivedOn!: string;
}
