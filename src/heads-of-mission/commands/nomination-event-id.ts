import { v5 as uuidv5 } from 'uuid';

/** Namespace for the id of each nominee's HeadOfMissionNominated event. */
const NOMINATION_EVENT_NAMESPACE = '2f7c9e4a-8b1d-4c3e-a5f6-0d9e8c7b6a51';

/**
 * The id of a nominee's HeadOfMissionNominated event: one per nominee, so the request that
 * registered the nominee and a later request repairing an interrupted write record the same
 * event, never two.
 */
export function nominationEventIdOf(headOfMissionId: string): (index: number) => string {
  return (index) => uuidv5(`${headOfMissionId}\n${index}`, NOMINATION_EVENT_NAMESPACE);
}
