import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../http/validation/is-plain-text.js';

/** Opening premises: the temporary office or the embassy. */
export class OpenPremisesRequest {
  @IsCalendarDate()
  openedOn!: string;

  @IsOptional()
  @IsPlainText(300)
  address?: string;
}
