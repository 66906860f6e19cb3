import type { DomainEvent } from '../../shared/domain-event.js';
import type { IsoDate } from '../../shared/iso-date.js';

/*
 * Events of a mission's register of heads, stream `heads-of-mission-<missionId>`: its nominees
 * in nomination order and its chargés d'affaires a.i.
 */

/** The mission accepted a nominee; the nominee's own track records HeadOfMissionNominated. */
export type NomineeRegistered = DomainEvent<
  'NomineeRegistered',
  {
    missionId: string;
    headOfMissionId: string;
    name: string;
    title: string;
    nominatedOn: IsoDate;
    /** = nominatedOn */
    occurredOn: IsoDate;
  }
>;

/** Heads the mission while the head's post is vacant; ends when a head's functions commence. */
export type ChargeDAffairesDesignated = DomainEvent<
  'ChargeDAffairesDesignated',
  {
    missionId: string;
    name: string;
    title: string;
    designatedOn: IsoDate;
    /** = designatedOn */
    occurredOn: IsoDate;
  }
>;

export type MissionHeadsEvent = NomineeRegistered | ChargeDAffairesDesignated;
