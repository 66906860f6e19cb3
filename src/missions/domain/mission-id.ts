import anyAscii from 'any-ascii';
import type { FieldRefusal } from '../../shared/domain-rule.error.js';
import type { StateCode } from '../../shared/state-code.js';
import { MissionRules } from './mission.rules.js';

/** The longest city slug an id holds (a mission id is at most 6 characters longer). */
export const MAX_CITY_SLUG_LENGTH = 160;
export const MAX_MISSION_ID_LENGTH = MAX_CITY_SLUG_LENGTH + 6;
/** What every mission id looks like (`kr-cu-havana`), as a regular expression's source. */
export const MISSION_ID_PATTERN = '^[a-z]{2}-[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$';

/**
 * A city name as it appears in an id: every letter and digit of any script written in ASCII
 * (any-ascii: 'Москва' → 'moskva', 'Łódź' → 'lodz', '서울' → 'seoul'), lower case, every run of
 * anything else (spaces, punctuation, symbols) turned into one '-', no leading or trailing '-'.
 * 'São Paulo' → 'sao-paulo', 'Abu Dhabi' → 'abu-dhabi'. Invisible format characters (zero-width
 * space and joiners, bidi marks, soft hyphen) are dropped first, so 'Brus\u200bsels' is Brussels.
 */
export function citySlugOf(city: string): string {
  return anyAscii(city.replace(/\p{Cf}+/gu, '').replace(/[^\p{L}\p{M}\p{N}]+/gu, ' '))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Why a city cannot name a mission, or undefined when it can: it needs a letter or a digit,
 * and an id short enough to be a path segment.
 */
export function cityRefusal(city: string): string | undefined {
  const slug = citySlugOf(city);
  if (slug === '') return `city ${JSON.stringify(city)} has no letter or digit`;
  if (slug.length > MAX_CITY_SLUG_LENGTH) {
    return `city ${JSON.stringify(city)} is too long to name a mission (its id part, ${slug.length} characters, may have at most ${MAX_CITY_SLUG_LENGTH})`;
  }
  return undefined;
}

/** Why a mission cannot go from `sending` to `receiving`, or undefined when it can. */
export function sameStateRefusal(sending: string, receiving: string): string | undefined {
  return sending === receiving
    ? `a state does not send a mission to itself (${sending} to ${receiving})`
    : undefined;
}

/** What names a mission: the states and the city. */
export interface MissionIdentity {
  readonly sendingState: string;
  readonly receivingState: string;
  readonly city: string;
}

/**
 * The fields of a mission's identity that cannot name a mission, whatever is recorded: the
 * receiving state when it is the sending state, and a city with nothing to name it by. Each
 * is named by its path under `at` (`outcomes[0].missions[1].`, or '' for a mission alone).
 */
export function missionIdentityRefusals(mission: MissionIdentity, at = ''): FieldRefusal[] {
  const refusals: FieldRefusal[] = [];
  const sameState = sameStateRefusal(mission.sendingState, mission.receivingState);
  if (sameState !== undefined) {
    refusals.push({
      path: `${at}receivingState`,
      rule: MissionRules.sameSendingAndReceivingState,
      detail: sameState,
    });
  }
  const city = cityRefusal(mission.city);
  if (city !== undefined) {
    refusals.push({ path: `${at}city`, rule: MissionRules.invalidCity, detail: city });
  }
  return refusals;
}

/**
 * The id of the mission `sending` keeps in `city` of `receiving`, e.g. `kr-cu-havana`. The
 * same mission agreed at several meetings gets the same id, which is what lets a later
 * meeting reaffirm or re-target it.
 */
export function missionIdOf(sending: StateCode, receiving: StateCode, city: string): string {
  return `${sending.toLowerCase()}-${receiving.toLowerCase()}-${citySlugOf(city)}`;
}

/** The stream holding one mission's events: `mission-<missionId>`. */
export function missionStreamOf(missionId: string): string {
  return `mission-${missionId}`;
}
