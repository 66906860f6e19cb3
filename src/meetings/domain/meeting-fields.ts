import type { FieldRefusal } from '../../shared/domain-rule.error.js';
import { missionIdentityRefusals, missionIdOf } from '../../missions/domain/mission-id.js';
import { MeetingRules } from './meeting.rules.js';

/**
 * The fields of a meeting its field rules read. The HTTP edge passes a request whose other
 * fields may be invalid: a field it cannot read is left undefined (at its index, so every
 * path stays the request's own), and no rule reads it.
 */
export interface MeetingFields {
  readonly parties: readonly (string | undefined)[];
  readonly outcomes: readonly (OutcomeFields | undefined)[];
}

export interface OutcomeFields {
  /** Left out by a request whose outcomes are numbered later: no other outcome repeats it. */
  readonly outcomeId?: string;
  readonly kind?: string;
  readonly missions?: readonly (MissionFields | undefined)[];
  readonly areas?: readonly (string | undefined)[];
}

/** A mission an outcome establishes, as it names it. */
export interface MissionFields {
  readonly sendingState?: string;
  readonly receivingState?: string;
  readonly city?: string;
}

/**
 * Which field rules to apply: 'all', or only those 'across' the meeting, that compare a field
 * with other parts of it (a mission's states with the parties, a mission or outcome id with
 * those of the other outcomes); the others each read one field, or one mission.
 */
export type MeetingFieldScope = 'all' | 'across';

/** Why two parties cannot meet, or undefined when they can: they are one state. */
export function partiesRefusal(parties: readonly (string | undefined)[]): string | undefined {
  const [first, second] = parties;
  return first !== undefined && first === second
    ? `a meeting needs two different parties, not ${first} twice`
    : undefined;
}

/**
 * An area as areas are told apart: case and compatibility forms aside, as Unicode's full case
 * folding would (`Trade` is `trade`, `STRASSE` and `Straẞe` are `straße`, `ﬁsheries` is
 * `fisheries`, a final `ς` is `σ`), while letters that differ stay apart (`ı` is not `i`).
 */
export function areaKey(area: string): string {
  return area.normalize('NFKC').toLocaleLowerCase('und').replaceAll('ß', 'ss').replaceAll('ς', 'σ');
}

/** Why a cooperation outcome's areas cannot be recorded, or undefined: one is named twice. */
export function areasRefusal(areas: readonly (string | undefined)[]): string | undefined {
  const seen = new Set<string>();
  for (const area of areas) {
    if (area === undefined) continue;
    const key = areaKey(area);
    if (seen.has(key)) return `the area ${JSON.stringify(area)} is named twice (case aside)`;
    seen.add(key);
  }
  return undefined;
}

/**
 * Every field of a meeting a field rule refuses, whatever is recorded, in the order of the
 * meeting, each at its path (`parties`, `outcomes[0].missions[1].city`, `outcomes[1].areas`):
 * the same party twice; an outcome id or a mission (sending, receiving, city) repeated in the
 * meeting, named where it is repeated; an establish-missions outcome without missions; a
 * mission's state that is not a party, a mission a state sends to itself, a city with nothing
 * to name a mission by; an area named twice. Dates are no field rule's.
 */
export function meetingFieldRefusals(
  meeting: MeetingFields,
  scope: MeetingFieldScope = 'all',
): FieldRefusal[] {
  const all = scope === 'all';
  const refusals: FieldRefusal[] = [];
  const parties = meeting.parties;
  const sameParties = partiesRefusal(parties);
  if (all && sameParties !== undefined) {
    refusals.push({ path: 'parties', rule: MeetingRules.sameParties, detail: sameParties });
  }
  const outcomeIds = new Set<string>();
  const missionIds = new Set<string>();
  meeting.outcomes.forEach((outcome, i) => {
    if (outcome === undefined) return;
    const at = `outcomes[${i}]`;
    if (outcome.outcomeId !== undefined) {
      if (outcomeIds.has(outcome.outcomeId)) {
        refusals.push({
          path: `${at}.outcomeId`,
          rule: MeetingRules.duplicateOutcome,
          detail: `outcome ${outcome.outcomeId} appears more than once`,
        });
      }
      outcomeIds.add(outcome.outcomeId);
    }
    if (outcome.kind === 'establish-missions') {
      const missions = outcome.missions ?? [];
      if (all && missions.length === 0) {
        refusals.push({
          path: `${at}.missions`,
          rule: MeetingRules.outcomeWithoutMissions,
          detail: `outcome ${outcome.outcomeId ?? i + 1} establishes missions but lists none`,
        });
      }
      missions.forEach((mission, j) => {
        if (mission === undefined) return;
        const missionAt = `${at}.missions[${j}]`;
        refusals.push(...notBetweenParties(parties, mission, `${missionAt}.`));
        const { sendingState, receivingState, city } = mission;
        if (sendingState === undefined || receivingState === undefined || city === undefined) {
          return;
        }
        const identity = missionIdentityRefusals(
          { sendingState, receivingState, city },
          `${missionAt}.`,
        );
        if (all) refusals.push(...identity);
        if (identity.length > 0) return;
        const missionId = missionIdOf(sendingState, receivingState, city);
        if (missionIds.has(missionId)) {
          refusals.push({
            path: missionAt,
            rule: MeetingRules.duplicateMission,
            detail: `mission ${missionId} appears more than once in the meeting`,
          });
        }
        missionIds.add(missionId);
      });
    }
    if (all && outcome.kind === 'cooperation') {
      const repeated = areasRefusal(outcome.areas ?? []);
      if (repeated !== undefined) {
        refusals.push({ path: `${at}.areas`, rule: MeetingRules.duplicateArea, detail: repeated });
      }
    }
  });
  return refusals;
}

/** A mission's states that are not parties to the meeting, each at its own path. */
function notBetweenParties(
  parties: readonly (string | undefined)[],
  mission: MissionFields,
  at: string,
): FieldRefusal[] {
  if (parties.length !== 2 || parties.some((party) => party === undefined)) return [];
  const states = [
    ['sendingState', mission.sendingState],
    ['receivingState', mission.receivingState],
  ] as const;
  return states.flatMap(([field, state]) =>
    state === undefined || parties.includes(state)
      ? []
      : [
          {
            path: `${at}${field}`,
            rule: MeetingRules.missionNotBetweenParties,
            detail: `the ${field} ${state} is not one of the parties ${parties.join(' and ')}: a mission between other states is not the meeting's to agree`,
          },
        ],
  );
}
