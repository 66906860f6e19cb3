import type { HeadOfMissionCommand } from '../../src/heads-of-mission/domain/head-of-mission.commands.js';
import { headOfMissionDecider } from '../../src/heads-of-mission/domain/head-of-mission.decider.js';
import { HeadOfMissionRules as R } from '../../src/heads-of-mission/domain/head-of-mission.rules.js';
import { DeciderSpecification } from '../support/decider-spec.js';
import {
  agrementGranted,
  agrementRefused,
  agrementRequested,
  appoint,
  appointed,
  arrived,
  closedMission,
  reestablishedMission,
  copyPresented,
  credentialsPresented,
  endFunctions,
  functionsEnded,
  grantAgrement,
  headOfMissionId,
  inOffice,
  metadata,
  nominate,
  nominated,
  presentCopy,
  presentCredentials,
  recordArrival,
  refuseAgrement,
  requestAgrement,
  successorId,
  tenure,
  unplannedMission,
  upToAgrement,
  upToAppointment,
  upToArrival,
  upToCopy,
  upToRequest,
} from './head-of-mission.fixtures.js';

const spec = DeciderSpecification.for(headOfMissionDecider);

/** Every step after the nomination, as sent when nothing further may happen. */
const steps: [string, HeadOfMissionCommand][] = [
  ['RequestAgrement', requestAgrement()],
  ['GrantAgrement', grantAgrement()],
  ['RefuseAgrement', refuseAgrement()],
  ['AppointHeadOfMission', appoint()],
  ['RecordHeadOfMissionArrival', recordArrival()],
  ['PresentCopyOfCredentials', presentCopy()],
  ['PresentCredentials', presentCredentials()],
  ['EndFunctions', endFunctions()],
];

describe('Head of mission', () => {
  describe('when nobody was nominated', () => {
    it('records the nomination the register accepted', () => {
      spec.given([]).when(nominate()).then([nominated()]);
    });

    it('refuses a nomination dated in the future', () => {
      spec
        .given([])
        .when(nominate({ nominatedOn: '2025-07-02' }))
        .thenThrows(R.dateInTheFuture, 'unprocessable');
    });

    it('refuses a nomination dated on no calendar day', () => {
      spec
        .given([])
        .when(nominate({ nominatedOn: '2024-02-30' }))
        .thenThrows(R.invalidDate, 'unprocessable');
    });

    it.each(steps)('refuses %s: there is no such head of mission', (_name, command) => {
      spec.given([]).when(command).thenThrows(R.notNominated, 'not-found');
    });

    it.each(steps)(
      'refuses %s on a closed mission as not-found, before the closure refuses it',
      (_name, command) => {
        const onClosed = { ...command, metadata: metadata({ mission: closedMission }) };
        spec.given([]).when(onClosed).thenThrows(R.notNominated, 'not-found');
      },
    );
  });

  describe('when nominated', () => {
    it('records the nomination again as nothing (a retry, or repairing an interrupted write)', () => {
      spec.given([nominated()]).when(nominate()).thenNothingHappens();
    });

    it('requests the agrément', () => {
      spec.given([nominated()]).when(requestAgrement()).then([agrementRequested()]);
    });

    it('refuses a request dated before the nomination', () => {
      spec
        .given([nominated()])
        .when(requestAgrement('2024-07-31'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses a request dated in the future', () => {
      spec
        .given([nominated()])
        .when(requestAgrement('2025-07-02'))
        .thenThrows(R.dateInTheFuture, 'unprocessable');
    });

    it('refuses to grant or refuse an agrément nobody requested', () => {
      spec
        .given([nominated()])
        .when(grantAgrement())
        .thenThrows(R.agrementNotRequested, 'conflict');
      spec
        .given([nominated()])
        .when(refuseAgrement())
        .thenThrows(R.agrementNotRequested, 'conflict');
    });

    it('refuses an appointment without agrément (art. 4)', () => {
      spec.given([nominated()]).when(appoint()).thenThrows(R.agrementNotGranted, 'conflict');
    });

    it('refuses credentials without agrément (art. 4)', () => {
      spec
        .given([nominated()])
        .when(presentCredentials())
        .thenThrows(R.agrementNotGranted, 'conflict');
    });

    it('refuses an arrival before the appointment', () => {
      spec.given([nominated()]).when(recordArrival()).thenThrows(R.notAppointed, 'conflict');
    });

    it('refuses a command addressed to the head through another mission', () => {
      spec
        .given([nominated()])
        .when(
          requestAgrement(
            '2024-08-15',
            metadata({
              mission: {
                missionId: 'kr-cu-havana',
                agreedOn: '2024-04-27',
                closedOn: null,
                previousClosedOn: null,
                closures: [],
              },
            }),
          ),
        )
        .thenThrows(R.notNominated, 'not-found');
    });

    it('refuses a command addressed to the head through another mission that is closed as not-found', () => {
      spec
        .given([nominated()])
        .when(
          requestAgrement(
            '2024-08-15',
            metadata({ mission: { ...closedMission, missionId: 'kr-cu-havana' } }),
          ),
        )
        .thenThrows(R.notNominated, 'not-found');
    });

    it('refuses anything when the mission was never planned', () => {
      spec
        .given([nominated()])
        .when(requestAgrement('2024-08-15', metadata({ mission: unplannedMission })))
        .thenThrows(R.missionNotPlanned, 'not-found');
    });

    it('can be recalled before the agrément: the track ends', () => {
      spec
        .given([nominated()])
        .when(endFunctions('2024-08-10', 'recalled', 'nomination withdrawn'))
        .then([functionsEnded('2024-08-10', 'recalled', 'nomination withdrawn')]);
    });
  });

  describe('when the agrément was requested', () => {
    it('grants it', () => {
      spec.given(upToRequest).when(grantAgrement()).then([agrementGranted()]);
    });

    it('refuses a second request', () => {
      spec
        .given(upToRequest)
        .when(requestAgrement())
        .thenThrows(R.agrementAlreadyRequested, 'conflict');
    });

    it('refuses a grant dated before the request', () => {
      spec
        .given(upToRequest)
        .when(grantAgrement('2024-08-14'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('records a refusal, with or without a reason (none need be given)', () => {
      spec.given(upToRequest).when(refuseAgrement()).then([agrementRefused()]);
      spec
        .given(upToRequest)
        .when(refuseAgrement('2024-09-20', 'not acceptable'))
        .then([agrementRefused('2024-09-20', 'not acceptable')]);
    });

    it('refuses a refusal dated before the request', () => {
      spec
        .given(upToRequest)
        .when(refuseAgrement('2024-08-01'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });
  });

  describe('when the agrément was refused', () => {
    const refused = [...upToRequest, agrementRefused()];

    it.each(steps)('refuses %s: a refusal is the end of this nominee', (_name, command) => {
      spec.given(refused).when(command).thenThrows(R.agrementRefused, 'conflict');
    });
  });

  describe('when the agrément was granted', () => {
    it('appoints the head', () => {
      spec.given(upToAgrement).when(appoint()).then([appointed()]);
    });

    it('refuses an appointment dated before the agrément', () => {
      spec
        .given(upToAgrement)
        .when(appoint('2024-09-19'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses to grant it twice, or to refuse it afterwards', () => {
      spec.given(upToAgrement).when(grantAgrement()).thenThrows(R.agrementAlreadyGranted);
      spec.given(upToAgrement).when(refuseAgrement()).thenThrows(R.agrementAlreadyGranted);
    });

    it('refuses credentials before arrival (art. 13)', () => {
      spec.given(upToAgrement).when(presentCredentials()).thenThrows(R.notArrived, 'conflict');
    });
  });

  describe('when appointed', () => {
    it('records the arrival', () => {
      spec.given(upToAppointment).when(recordArrival()).then([arrived()]);
    });

    it('refuses a second appointment', () => {
      spec.given(upToAppointment).when(appoint()).thenThrows(R.alreadyAppointed, 'conflict');
    });

    it('refuses an arrival dated before the appointment', () => {
      spec
        .given(upToAppointment)
        .when(recordArrival('2024-10-14'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses a copy of credentials or credentials before arrival (art. 13)', () => {
      spec.given(upToAppointment).when(presentCopy()).thenThrows(R.notArrived, 'conflict');
      spec.given(upToAppointment).when(presentCredentials()).thenThrows(R.notArrived, 'conflict');
    });
  });

  describe('when arrived', () => {
    it('records the copy of credentials to the foreign ministry', () => {
      spec.given(upToArrival).when(presentCopy()).then([copyPresented()]);
    });

    it('accepts credentials without a recorded copy: functions commence', () => {
      spec.given(upToArrival).when(presentCredentials()).then([credentialsPresented()]);
    });

    it('refuses a second arrival', () => {
      spec.given(upToArrival).when(recordArrival()).thenThrows(R.alreadyArrived, 'conflict');
    });

    it('refuses credentials dated before the arrival', () => {
      spec
        .given(upToArrival)
        .when(presentCredentials('2024-12-19'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses credentials dated in the future', () => {
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-07-02'))
        .thenThrows(R.dateInTheFuture, 'unprocessable');
    });
  });

  describe('when the copy of credentials was presented', () => {
    it('records the credentials', () => {
      spec.given(upToCopy).when(presentCredentials()).then([credentialsPresented()]);
    });

    it('refuses credentials dated before the copy', () => {
      spec
        .given(upToCopy)
        .when(presentCredentials('2025-01-05'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });

    it('refuses a second copy', () => {
      spec
        .given(upToCopy)
        .when(presentCopy())
        .thenThrows(R.copyOfCredentialsAlreadyPresented, 'conflict');
    });
  });

  describe('when in office (credentials presented)', () => {
    const credentialsOnly = [...upToArrival, credentialsPresented()];

    it('refuses credentials twice', () => {
      spec
        .given(inOffice)
        .when(presentCredentials())
        .thenThrows(R.credentialsAlreadyPresented, 'conflict');
    });

    it('takes a copy of credentials recorded late, dated before the credentials', () => {
      spec.given(credentialsOnly).when(presentCopy('2025-01-06')).then([copyPresented()]);
    });

    it('refuses a copy of credentials dated after the credentials', () => {
      spec
        .given(credentialsOnly)
        .when(presentCopy('2025-01-08'))
        .thenThrows(R.copyAfterCredentials, 'unprocessable');
    });

    it.each([
      ['recalled', 'recalled'],
      ['declared persona non grata', 'persona-non-grata'],
      ['at the end of term', 'end-of-term'],
    ] as const)('ends the functions when %s', (_when, reason) => {
      spec
        .given(inOffice)
        .when(endFunctions('2025-06-30', reason))
        .then([functionsEnded('2025-06-30', reason)]);
    });

    it('refuses an end of functions dated before the credentials', () => {
      spec
        .given(inOffice)
        .when(endFunctions('2025-01-06'))
        .thenThrows(R.dateBeforePreviousStep, 'unprocessable');
    });
  });

  describe('one head of mission in office at a time', () => {
    const predecessor = (commenced: string, ended: string | null) =>
      metadata({
        nominees: [
          tenure(
            successorId,
            ended ? 'functions-ended' : 'credentials-presented',
            commenced,
            ended,
          ),
          tenure(headOfMissionId, 'arrived'),
        ],
      });

    it('refuses credentials while another head of the mission is in office', () => {
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', predecessor('2020-03-01', null)))
        .thenThrows(R.anotherHeadInOffice, 'conflict');
    });

    it('refuses credentials dated while the other head was still in office', () => {
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', predecessor('2020-03-01', '2025-01-10')))
        .thenThrows(R.anotherHeadInOffice, 'conflict');
    });

    it('refuses credentials dated on or before a chargé d’affaires’ designation on record, and accepts them after it', () => {
      const chargeOn = (designatedOn: string) =>
        metadata({
          nominees: [tenure(headOfMissionId, 'arrived')],
          chargesDesignatedOn: [designatedOn],
        });
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', chargeOn('2025-01-20')))
        .thenThrows(R.chargeDAffairesLater, 'conflict');
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', chargeOn('2025-01-07')))
        .thenThrows(R.chargeDAffairesLater, 'conflict');
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', chargeOn('2024-12-01')))
        .then([credentialsPresented()]);
    });

    it('accepts credentials once the other head’s functions ended', () => {
      spec
        .given(upToArrival)
        .when(presentCredentials('2025-01-07', predecessor('2020-03-01', '2025-01-07')))
        .then([credentialsPresented()]);
    });

    it('ignores other nominees who never took up functions', () => {
      spec
        .given(upToArrival)
        .when(
          presentCredentials(
            '2025-01-07',
            metadata({ nominees: [tenure(successorId, 'agrement-refused')] }),
          ),
        )
        .then([credentialsPresented()]);
    });
  });

  describe('when the functions ended', () => {
    const ended = [...inOffice, functionsEnded()];

    it.each(steps)('refuses %s: nothing happens after the end', (_name, command) => {
      spec.given(ended).when(command).thenThrows(R.functionsEnded, 'conflict');
    });
  });

  describe('when the mission was closed', () => {
    it.each(steps.filter(([name]) => name !== 'EndFunctions'))(
      'refuses %s: a closed mission accepts nothing further',
      (_name, command) => {
        const onClosed = { ...command, metadata: metadata({ mission: closedMission }) };
        spec.given(upToCopy).when(onClosed).thenThrows(R.missionClosed, 'conflict');
      },
    );

    it('still records the end of the head’s functions', () => {
      spec
        .given(inOffice)
        .when(endFunctions('2025-05-01', 'recalled', null, metadata({ mission: closedMission })))
        .then([functionsEnded('2025-05-01', 'recalled')]);
    });

    it('refuses an end of functions dated after the closure: functions end with the mission', () => {
      spec
        .given(inOffice)
        .when(endFunctions('2025-05-02', 'recalled', null, metadata({ mission: closedMission })))
        .thenThrows(R.endAfterClosure, 'unprocessable');
    });
  });

  describe('when the mission was re-established after its closure', () => {
    it.each(steps.filter(([name]) => name !== 'EndFunctions'))(
      'refuses %s of a track begun before the closure: it ended with it',
      (_name, command) => {
        const later = { ...command, metadata: metadata({ mission: reestablishedMission }) };
        spec.given(upToCopy).when(later).thenThrows(R.nomineeOfEarlierLifecycle, 'conflict');
      },
    );

    it('still records when that head’s functions ended', () => {
      spec
        .given(inOffice)
        .when(
          endFunctions('2025-05-01', 'recalled', null, metadata({ mission: reestablishedMission })),
        )
        .then([functionsEnded('2025-05-01', 'recalled')]);
    });

    it('refuses to let that head’s functions run past the closure into the new lifecycle', () => {
      spec
        .given(inOffice)
        .when(
          endFunctions(
            '2025-06-15',
            'end-of-term',
            null,
            metadata({ mission: reestablishedMission }),
          ),
        )
        .thenThrows(R.endAfterClosure, 'unprocessable');
    });

    it('judges that end against the closure that ended its lifecycle, however many came after', () => {
      const twiceReestablished = metadata({
        mission: {
          ...reestablishedMission,
          agreedOn: '2025-06-20',
          previousClosedOn: '2025-06-10',
          closures: ['2025-05-01', '2025-06-10'],
        },
      });
      spec
        .given(inOffice)
        .when(endFunctions('2025-05-20', 'end-of-term', null, twiceReestablished))
        .thenThrows(R.endAfterClosure, 'unprocessable');
      spec
        .given(inOffice)
        .when(endFunctions('2025-05-01', 'recalled', null, twiceReestablished))
        .then([functionsEnded('2025-05-01', 'recalled')]);
    });
  });
});
