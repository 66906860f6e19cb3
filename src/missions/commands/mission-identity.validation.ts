import { RefusedByRule } from '../../http/validation/field-rules.js';
import { cityRefusal, sameStateRefusal } from '../domain/mission-id.js';
import { MissionRules } from '../domain/mission.rules.js';

/**
 * A city that names a mission (a letter or digit, an id short enough for a path), as the
 * domain's `cityRefusal` says: `invalid-city`. Above the city's own rules (plain text).
 */
export function NamesAMission(): PropertyDecorator {
  return RefusedByRule(MissionRules.invalidCity, (city: string) => cityRefusal(city));
}

/**
 * A receiving state that is not the sending state of the same mission, as the domain's
 * `sameStateRefusal` says: `same-sending-and-receiving-state`. Above the state's own rules.
 */
export function NotTheSendingState(): PropertyDecorator {
  return RefusedByRule(
    MissionRules.sameSendingAndReceivingState,
    (receivingState: string, mission: { sendingState?: unknown }) =>
      typeof mission.sendingState === 'string'
        ? sameStateRefusal(mission.sendingState, receivingState)
        : undefined,
  );
}
