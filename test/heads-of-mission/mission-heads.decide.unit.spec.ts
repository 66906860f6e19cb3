import { HeadOfMissionRules as R } from '../../src/heads-of-mission/domain/head-of-mission.rules.js';
import type { HeadOfMissionStage } from '../../src/heads-of-mission/domain/head-of-mission.state.js';
import { missionHeadsDecider } from '../../src/heads-of-mission/domain/mission-heads.decider.js';
import { DeciderSpecification } from '../support/decider-spec.js';
import {
  chargeDesignated,
  closedMission,
  reestablishedMission,
  designateCharge,
  headOfMissionId,
  metadata,
  nomineeRegistered,
  registerNominee,
  successorId,
  tenure,
  unplannedMission,
} from './head-of-mission.fixtures.js';

const spec = DeciderSpecification.for(missionHeadsDecider);

const successor = (meta = metadata()) =>
  registerNominee(
    { headOfMissionId: successorId, name: 'Successor', nominatedOn: '2025-05-01' },
    meta,
  );

describe('A mission’s register of heads', () => {
  describe('when nobody was nominated', () => {
    it('registers the first nominee', () => {
      spec.given([]).when(registerNominee()).then([nomineeRegistered()]);
    });

    it('refuses a nominee for a mission never planned', () => {
      spec
        .given([])
        .when(registerNominee({}, metadata({ mission: unplannedMission })))
        .thenThrows(R.missionNotPlanned, 'not-found');
    });

    it('refuses a nominee for a closed mission', () => {
      spec
        .given([])
        .when(registerNominee({}, metadata({ mission: closedMission })))
        .thenThrows(R.missionClosed, 'conflict');
    });

    it('refuses a nomination dated before the mission was agreed', () => {
      spec
        .given([])
        .when(registerNominee({ nominatedOn: '2024-04-26' }))
        .thenThrows(R.dateBeforeAgreement, 'unprocessable');
    });

    it('refuses a nomination dated in the future', () => {
      spec
        .given([])
        .when(registerNominee({ nominatedOn: '2025-07-02' }))
        .thenThrows(R.dateInTheFuture, 'unprocessable');
    });
  });

  describe('one nominee under way at a time', () => {
    it('registers the same nominee again as nothing (a retried request)', () => {
      spec
        .given([nomineeRegistered()])
        .when(registerNominee({}, metadata({ nominees: [tenure(headOfMissionId, 'nominated')] })))
        .thenNothingHappens();
    });

    it.each<HeadOfMissionStage>([
      'nominated',
      'agrement-requested',
      'agrement-granted',
      'appointed',
      'arrived',
      'copy-of-credentials-presented',
    ])('refuses another nominee while the first is %s', (stage) => {
      spec
        .given([nomineeRegistered()])
        .when(successor(metadata({ nominees: [tenure(headOfMissionId, stage)] })))
        .thenThrows(R.nomineeInProgress, 'conflict');
    });

    it('refuses another nominee while the first nominee’s own track is still being written', () => {
      spec
        .given([nomineeRegistered()])
        .when(successor(metadata({ nominees: [tenure(headOfMissionId, null)] })))
        .thenThrows(R.nomineeInProgress, 'conflict');
    });

    it('refuses another nominee when it knows nothing of a registered one (registered meanwhile)', () => {
      spec.given([nomineeRegistered()]).when(successor()).thenThrows(R.nomineeInProgress);
    });

    it('refuses a successor dated before the first nominee’s agrément was refused', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          successor(
            metadata({
              nominees: [tenure(headOfMissionId, 'agrement-refused', null, null, '2025-05-02')],
            }),
          ),
        )
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses a successor dated before the head took up functions: one nominee at a time', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          successor(
            metadata({
              nominees: [tenure(headOfMissionId, 'credentials-presented', '2025-05-02')],
            }),
          ),
        )
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('registers a new nominee once the first one’s agrément was refused', () => {
      spec
        .given([nomineeRegistered()])
        .when(successor(metadata({ nominees: [tenure(headOfMissionId, 'agrement-refused')] })))
        .then([nomineeRegistered(successorId, 'Successor', '2025-05-01')]);
    });

    it('registers a successor while the head is in office (the successor waits for credentials)', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          successor(
            metadata({
              nominees: [tenure(headOfMissionId, 'credentials-presented', '2025-01-07')],
            }),
          ),
        )
        .then([nomineeRegistered(successorId, 'Successor', '2025-05-01')]);
    });

    it('registers a new nominee once the head’s functions ended', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          successor(
            metadata({
              nominees: [tenure(headOfMissionId, 'functions-ended', '2025-01-07', '2025-04-30')],
            }),
          ),
        )
        .then([nomineeRegistered(successorId, 'Successor', '2025-05-01')]);
    });
  });

  describe('when the mission was re-established after its closure', () => {
    it('registers a new nominee, whatever the nominees of the closed lifecycle had reached', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          registerNominee(
            { headOfMissionId: successorId, name: 'Successor', nominatedOn: '2025-06-02' },
            metadata({ mission: reestablishedMission }),
          ),
        )
        .then([nomineeRegistered(successorId, 'Successor', '2025-06-02')]);
    });

    it('refuses a nomination dated before the re-establishment', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          registerNominee(
            { headOfMissionId: successorId, name: 'Successor', nominatedOn: '2025-04-01' },
            metadata({ mission: reestablishedMission }),
          ),
        )
        .thenThrows(R.dateBeforeAgreement, 'unprocessable');
    });
  });

  describe('when the mission was re-established on the day it closed', () => {
    const sameDay = { ...reestablishedMission, agreedOn: '2025-05-01' };

    it('refuses a nomination or designation dated on the closure day: that day belongs to the lifecycle that closed', () => {
      spec
        .given([])
        .when(
          registerNominee(
            { headOfMissionId: successorId, name: 'Successor', nominatedOn: '2025-05-01' },
            metadata({ mission: sameDay }),
          ),
        )
        .thenThrows(R.onPreviousClosureDay, 'unprocessable');
      spec
        .given([])
        .when(designateCharge('2025-05-01', metadata({ mission: sameDay })))
        .thenThrows(R.onPreviousClosureDay, 'unprocessable');
    });

    it('registers a nominee the day after, past a nominee of the closure day still under way', () => {
      spec
        .given([nomineeRegistered(headOfMissionId, 'Nominee of lifecycle 1', '2025-05-01')])
        .when(
          registerNominee(
            { headOfMissionId: successorId, name: 'Successor', nominatedOn: '2025-05-02' },
            metadata({ mission: sameDay, nominees: [] }),
          ),
        )
        .then([nomineeRegistered(successorId, 'Successor', '2025-05-02')]);
    });
  });

  describe('a chargé d’affaires a.i., while the head’s post is vacant', () => {
    it('refuses an earlier lifecycle’s designation sent again, as any designation of that date', () => {
      const sameDay = { ...reestablishedMission, agreedOn: '2025-05-01' };
      spec
        .given([chargeDesignated('2025-05-01')])
        .when(designateCharge('2025-05-01', metadata({ mission: sameDay })))
        .thenThrows(R.onPreviousClosureDay, 'unprocessable');
      spec
        .given([chargeDesignated('2024-06-20')])
        .when(designateCharge('2024-06-20', metadata({ mission: reestablishedMission })))
        .thenThrows(R.dateBeforeAgreement, 'unprocessable');
    });

    it('records the same designation again as nothing (the same person, title and date)', () => {
      spec.given([chargeDesignated()]).when(designateCharge()).thenNothingHappens();
    });

    it('is designated when nobody was nominated', () => {
      spec.given([]).when(designateCharge()).then([chargeDesignated()]);
    });

    it('is designated while a nominee is still on the way', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          designateCharge(
            '2024-12-01',
            metadata({ nominees: [tenure(headOfMissionId, 'arrived')] }),
          ),
        )
        .then([chargeDesignated('2024-12-01')]);
    });

    it('is refused while a head of mission is in office', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          designateCharge(
            '2025-02-01',
            metadata({
              nominees: [tenure(headOfMissionId, 'credentials-presented', '2025-01-07')],
            }),
          ),
        )
        .thenThrows(R.headOfMissionInOffice, 'conflict');
    });

    it('is recorded late, dated before the head took up functions', () => {
      spec
        .given([nomineeRegistered()])
        .when(
          designateCharge(
            '2024-12-01',
            metadata({
              nominees: [tenure(headOfMissionId, 'credentials-presented', '2025-01-07')],
            }),
          ),
        )
        .then([chargeDesignated('2024-12-01')]);
    });

    it('is designated again once the head’s functions ended', () => {
      spec
        .given([nomineeRegistered(), chargeDesignated()])
        .when(
          designateCharge(
            '2025-05-01',
            metadata({
              nominees: [tenure(headOfMissionId, 'functions-ended', '2025-01-07', '2025-04-30')],
            }),
          ),
        )
        .then([chargeDesignated('2025-05-01')]);
    });

    it('is refused on a mission never planned, or closed', () => {
      spec
        .given([])
        .when(designateCharge('2024-06-20', metadata({ mission: unplannedMission })))
        .thenThrows(R.missionNotPlanned, 'not-found');
      spec
        .given([])
        .when(designateCharge('2024-06-20', metadata({ mission: closedMission })))
        .thenThrows(R.missionClosed, 'conflict');
    });

    it('is refused when dated before the mission was agreed, or in the future', () => {
      spec
        .given([])
        .when(designateCharge('2024-04-01'))
        .thenThrows(R.dateBeforeAgreement, 'unprocessable');
      spec
        .given([])
        .when(designateCharge('2025-07-02'))
        .thenThrows(R.dateInTheFuture, 'unprocessable');
    });
  });
});
