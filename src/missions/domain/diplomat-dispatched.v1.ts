import type { DomainEvent } from '../../shared/domain-event.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { JsonObject } from '../../shared/json.js';
import { rankOf } from './diplomatic-rank.js';
import type { DiplomatRole } from './mission.commands.js';
import type { DiplomatDispatched } from './mission.events.js';

/** DiplomatDispatched as schema version 1 stored it: a free-text title, no rank. */
export type DiplomatDispatchedV1 = DomainEvent<
  'DiplomatDispatched',
  {
    missionId: string;
    diplomatId: string;
    name: string;
    title: string;
    role: DiplomatRole;
    dispatchedOn: IsoDate;
    expectedArrivalOn: IsoDate | null;
    occurredOn: IsoDate;
  }
>;

/**
 * Upcaster v1 → v2: the rank is read from the title, and says so (`inferredFromTitle`).
 * Applied on read; the stored v1 event is never rewritten.
 */
export function diplomatDispatchedV1ToV2(data: JsonObject): JsonObject {
  const v1 = data as DiplomatDispatchedV1['data'];
  const v2: DiplomatDispatched['data'] = { ...v1, rank: rankOf(v1.title, null) };
  return v2;
}
