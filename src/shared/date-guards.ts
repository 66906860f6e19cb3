import { DomainRuleError } from './domain-rule.error.js';
import { isIsoDate, type IsoDate } from './iso-date.js';

/** The rules a decider refuses a date under: each capability names its own. */
export interface DateRules {
  readonly invalidDate: string;
  readonly dateInTheFuture: string;
}

export interface DateGuards {
  /** A real date YYYY-MM-DD. */
  requireDate(field: string, date: IsoDate): void;
  /** A recorded fact: a real date, not after `today`. */
  requireFact(field: string, date: IsoDate, today: IsoDate): void;
}

/** The date guards of a decider that refuses under `rules` (both refusals are 422s). */
export function dateGuards(rules: DateRules): DateGuards {
  const requireDate = (field: string, date: IsoDate): void => {
    if (!isIsoDate(date)) {
      throw new DomainRuleError(
        rules.invalidDate,
        `${field} ${JSON.stringify(date)} is not a date YYYY-MM-DD`,
        'unprocessable',
      );
    }
  };
  const requireFact = (field: string, date: IsoDate, today: IsoDate): void => {
    requireDate(field, date);
    if (date > today) {
      throw new DomainRuleError(
        rules.dateInTheFuture,
        `${field} ${date} is in the future (today is ${today}): only what happened can be recorded`,
        'unprocessable',
      );
    }
  };
  return { requireDate, requireFact };
}
