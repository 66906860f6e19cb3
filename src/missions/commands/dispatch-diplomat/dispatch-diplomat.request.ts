import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../http/validation/is-calendar-date.js';
import { IsPlainText } from '../../../http/validation/is-plain-text.js';
import type { DiplomatRole } from '../../domain/mission.commands.js';

export const DIPLOMAT_ROLES: readonly DiplomatRole[] = [
  'head-of-mission',
  'head-of-office',
  'staff',
];

export class DispatchDiplomatRequest {
  @IsPlainText(200)
  name!: string;

  @IsPlainText(200)
  title!: string;

  @IsIn(DIPLOMAT_ROLES)
  role!: DiplomatRole;

  @IsCalendarDate()
  dispatchedOn!: string;

  /** An expectation, so it may lie in the future. */
  @IsOptional()
  @IsCalendarDate()
  expectedArrivalOn?: string;
}
