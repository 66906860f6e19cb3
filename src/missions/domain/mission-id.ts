import type { StateCode } from '../../shared/state-code.js';

/**
 * A city name as it appears in an id: diacritics stripped (NFKD), lower case, every run of
 * other characters turned into one '-', no leading or trailing '-'.
 * 'São Paulo' → 'sao-paulo', 'Abu Dhabi' → 'abu-dhabi'.
 */
export function citySlugOf(city: string): string {
  return city
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
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
