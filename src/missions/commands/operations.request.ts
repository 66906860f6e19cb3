import { IsCalendarDate } from '../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../http/validation/is-plain-text.js';

/** Suspending or closing: when, and why. */
export class DatedReasonRequest {
  @IsCalendarDate()
  on!: string;

  @IsPlainText(1000)
  reason!: string;
}

export class DatedRequest {
  @IsCalendarDate()
  on!: string;
}
