import type { MissionCommand } from '../../src/missions/domain/mission.commands.js';
import type { MissionEvent } from '../../src/missions/domain/mission.events.js';
import type { MissionTargetsInput } from '../../src/missions/domain/mission-targets.js';
import { missionDecider } from '../../src/missions/domain/mission.decider.js';
import { missionIdOf } from '../../src/missions/domain/mission-id.js';
import { MissionRules } from '../../src/missions/domain/mission.rules.js';
import { DeciderSpecification } from '../support/decider-spec.js';

const AGREED_ON_SEOUL = '2024-06-12';
import {
  AGREED_ON,
  arrived,
  close,
  closed,
  dispatch,
  dispatched,
  embassyOpened,
  havanaMeeting,
  metadata,
  missionId,
  onPost,
  openEmbassy,
  openTemporaryOffice,
  plan,
  planned,
  recordArrival,
  resume,
  reestablished,
  resumed,
  seoulMeeting,
  suspend,
  suspended,
  temporaryOfficeOpened,
  TODAY,
} from './mission.fixtures.js';

const spec = DeciderSpecification.for(missionDecider);

describe('Mission', () => {
  describe('when it was never planned', () => {
    it('plans the mission from a meeting outcome, with its targets', () => {
      spec.given([]).when(plan()).then([planned]);
    });

    it('plans a mission without a source; it counts as agreed on the day it is planned', () => {
      spec
        .given([])
        .when(plan({ source: undefined, agreedOn: undefined, targets: undefined }))
        .then([
          {
            type: 'MissionPlanned',
            data: {
              ...planned.data,
              source: null,
              targets: { temporaryOfficeBy: null, embassyBy: null },
            },
          },
        ]);
    });

    it.each<[string, MissionCommand]>([
      ['DispatchDiplomat', dispatch()],
      ['RecordDiplomatArrival', recordArrival()],
      ['OpenTemporaryOffice', openTemporaryOffice()],
      ['OpenEmbassy', openEmbassy()],
      ['SuspendOperations', suspend()],
      ['ResumeOperations', resume()],
      ['CloseMission', close()],
    ])('refuses %s: nothing happens to a mission never planned', (_name, command) => {
      spec.given([]).when(command).thenThrows(MissionRules.notPlanned, 'not-found');
    });

    it('refuses a mission whose sending state is its receiving state', () => {
      spec
        .given([])
        .when(plan({ missionId: 'cu-cu-havana', sendingState: 'CU' }))
        .thenThrows(MissionRules.sameSendingAndReceivingState, 'invalid', 'receivingState');
    });

    it('refuses a state that is not an alpha-2 code', () => {
      spec
        .given([])
        .when(plan({ missionId: 'kor-cu-havana', sendingState: 'KOR' }))
        .thenThrows(MissionRules.invalidStateCode, 'unprocessable');
    });

    it('refuses a city with nothing to name the mission by', () => {
      spec
        .given([])
        .when(plan({ missionId: 'kr-cu-', city: ' -- ' }))
        .thenThrows(MissionRules.invalidCity, 'invalid', 'city');
    });

    it('refuses a city whose name makes an id too long for a path', () => {
      const city = '東'.repeat(100);
      spec
        .given([])
        .when(plan({ missionId: missionIdOf('KR', 'CU', city), city }))
        .thenThrows(MissionRules.invalidCity, 'invalid', 'city');
    });

    it('plans a mission in a city named in any script', () => {
      spec
        .given([])
        .when(plan({ missionId: 'kr-ru-moskva', receivingState: 'RU', city: 'Москва' }))
        .then([expect.objectContaining({ type: 'MissionPlanned' })]);
    });

    it('refuses a mission id that does not follow from the states and the city', () => {
      spec
        .given([])
        .when(plan({ missionId: 'kr-cu-seoul' }))
        .thenThrows(MissionRules.missionIdMismatch, 'unprocessable');
    });

    it('refuses a plan dated in the future, but accepts one dated today', () => {
      spec
        .given([])
        .when(plan({ plannedOn: '2025-07-02', agreedOn: '2025-07-02', targets: {} }))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
      spec
        .given([])
        .when(plan({ plannedOn: TODAY, agreedOn: TODAY, targets: {} }))
        .then([
          {
            type: 'MissionPlanned',
            data: {
              ...planned.data,
              targets: { temporaryOfficeBy: null, embassyBy: null },
              plannedOn: TODAY,
              agreedOn: TODAY,
              occurredOn: TODAY,
            },
          },
        ]);
    });

    it('refuses a date that is not a calendar date', () => {
      spec
        .given([])
        .when(plan({ plannedOn: '2024-02-30' }))
        .thenThrows(MissionRules.invalidDate, 'unprocessable');
    });

    it('refuses an embassy target before the temporary-office target, but accepts the same day', () => {
      spec
        .given([])
        .when(plan({ targets: { temporaryOfficeBy: '2024-12-31', embassyBy: '2024-09-30' } }))
        .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      spec
        .given([])
        .when(plan({ targets: { temporaryOfficeBy: '2024-12-31', embassyBy: '2024-12-31' } }))
        .then([
          {
            type: 'MissionPlanned',
            data: {
              ...planned.data,
              targets: { temporaryOfficeBy: '2024-12-31', embassyBy: '2024-12-31' },
            },
          },
        ]);
    });

    it('refuses a target before the agreement, but accepts one on the day of the agreement', () => {
      spec
        .given([])
        .when(plan({ targets: { embassyBy: '2024-06-11' } }))
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
      spec
        .given([])
        .when(plan({ targets: { embassyBy: AGREED_ON } }))
        .then([
          {
            type: 'MissionPlanned',
            data: { ...planned.data, targets: { temporaryOfficeBy: null, embassyBy: AGREED_ON } },
          },
        ]);
    });
  });

  describe('when a plan cites a source meeting with what it agreed', () => {
    /** The Seoul meeting of 2024-06-12 set the temporary office for 2024-06-30. */
    const fromSeoul = (data: Parameters<typeof plan>[0]): MissionCommand => ({
      ...plan(data),
      metadata: {
        ...metadata,
        sourceAgreement: {
          heldOn: AGREED_ON_SEOUL,
          targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
        },
      },
    });

    it('refuses an agreement dated before the meeting was held', () => {
      spec
        .given([])
        .when(fromSeoul({ agreedOn: '2024-06-11', plannedOn: '2024-06-11', targets: undefined }))
        .thenThrows(MissionRules.agreementBeforeSource, 'unprocessable');
    });

    it('refuses another date for a target the meeting set', () => {
      spec
        .given([])
        .when(fromSeoul({ targets: { temporaryOfficeBy: '2024-07-31' } }))
        .thenThrows(MissionRules.targetsDifferFromSource, 'unprocessable');
    });

    it('also refuses it when the meeting is already linked, rather than answer "unchanged"', () => {
      spec
        .given([planned])
        .when(fromSeoul({ targets: { temporaryOfficeBy: '2024-07-31' } }))
        .thenThrows(MissionRules.targetsDifferFromSource, 'unprocessable');
    });

    it('carries the meeting’s targets, completed by one the meeting left open', () => {
      spec
        .given([])
        .when(fromSeoul({ targets: { embassyBy: '2025-01-31' } }))
        .then([
          {
            ...planned,
            data: {
              ...planned.data,
              targets: { temporaryOfficeBy: '2024-06-30', embassyBy: '2025-01-31' },
            },
          },
        ]);
    });

    describe('and the meeting is already linked', () => {
      /** The embassy target the Seoul meeting left open, stated by a plan citing it. */
      const embassyStated = fromSeoul({ targets: { embassyBy: '2025-01-31' } });
      const embassyRecorded: MissionEvent = {
        type: 'MissionPlanRevised',
        data: {
          missionId,
          targets: { temporaryOfficeBy: null, embassyBy: '2025-01-31' },
          plannedOn: AGREED_ON,
          agreedOn: AGREED_ON,
          occurredOn: AGREED_ON,
        },
      };

      it('records a target the meeting left open, as a revision made on the meeting’s date', () => {
        spec.given([planned]).when(embassyStated).then([embassyRecorded]);
      });

      it('records nothing when the same target is stated again, with or without the meeting’s own', () => {
        spec.given([planned, embassyRecorded]).when(embassyStated).thenNothingHappens();
        spec
          .given([planned, embassyRecorded])
          .when(
            fromSeoul({ targets: { temporaryOfficeBy: '2024-06-30', embassyBy: '2025-01-31' } }),
          )
          .thenNothingHappens();
      });

      it('refuses a target it left open that falls before the agreement, or before the temporary-office target', () => {
        spec
          .given([planned])
          .when(fromSeoul({ targets: { embassyBy: '2024-06-01' } }))
          .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
        spec
          .given([planned])
          .when(fromSeoul({ targets: { embassyBy: '2024-06-20' } }))
          .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      });

      it('records it while operations are suspended, as any revision', () => {
        spec
          .given([...onPost, suspended()])
          .when(embassyStated)
          .then([embassyRecorded]);
      });
    });
  });

  describe('when it is planned', () => {
    it('links a later meeting that re-targets it', () => {
      spec
        .given([planned])
        .when(
          plan({
            source: { meetingId: 'meeting-2024-12', outcomeId: 'missions' },
            targets: { embassyBy: '2025-03-31' },
            plannedOn: '2024-12-10',
            agreedOn: '2024-12-10',
          }),
        )
        .then([
          {
            type: 'MissionSourceLinked',
            data: {
              missionId,
              source: { meetingId: 'meeting-2024-12', outcomeId: 'missions' },
              targets: { temporaryOfficeBy: null, embassyBy: '2025-03-31' },
              plannedOn: '2024-12-10',
              agreedOn: '2024-12-10',
              occurredOn: '2024-12-10',
            },
          },
        ]);
    });

    it('refuses a later agreement whose embassy target falls before the temporary-office target in force', () => {
      const later = {
        source: { meetingId: 'meeting-2024-06-15', outcomeId: 'missions' },
        plannedOn: '2024-06-15',
        agreedOn: '2024-06-15',
      };
      spec
        .given([planned])
        .when(plan({ ...later, targets: { embassyBy: '2024-06-20' } }))
        .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      spec
        .given([planned])
        .when(plan({ ...later, targets: { embassyBy: '2024-06-30' } }))
        .then([expect.objectContaining({ type: 'MissionSourceLinked' })]);
      spec
        .given([planned])
        .when(
          plan({ ...later, targets: { temporaryOfficeBy: '2024-06-18', embassyBy: '2024-06-20' } }),
        )
        .then([expect.objectContaining({ type: 'MissionSourceLinked' })]);
    });

    describe('and an older agreement is recorded late', () => {
      /** Agreed on 2024-07-01 with the temporary office by 2025-06-30 ... */
      const agreed: MissionEvent = {
        ...planned,
        data: {
          ...planned.data,
          source: null,
          targets: { temporaryOfficeBy: '2025-06-30', embassyBy: null },
          plannedOn: '2024-07-01',
          agreedOn: '2024-07-01',
          occurredOn: '2024-07-01',
        },
      };
      const revisedOn = (on: string, targets: MissionTargetsInput): MissionEvent => ({
        type: 'MissionPlanRevised',
        data: {
          missionId,
          targets: { temporaryOfficeBy: null, embassyBy: null, ...targets },
          plannedOn: on,
          agreedOn: on,
          occurredOn: on,
        },
      });
      /** ... and revised on 2024-08-01 with the embassy by 2026-01-31. */
      const given = [agreed, revisedOn('2024-08-01', { embassyBy: '2026-01-31' })];
      const revision = (on: string, targets: MissionTargetsInput) =>
        plan({ source: null, targets, plannedOn: on, agreedOn: on });

      it('refuses an embassy target before the temporary-office target in force on its own date, though a later agreement overrides it', () => {
        spec
          .given(given)
          .when(revision('2024-07-15', { embassyBy: '2025-01-31' }))
          .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      });

      it('refuses it dated after the later agreement too, as before', () => {
        spec
          .given(given)
          .when(revision('2024-09-01', { embassyBy: '2025-01-31' }))
          .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      });

      it('refuses a target that would be out of order with what a later agreement sets, while its own is still in force', () => {
        spec
          .given([
            agreed,
            revisedOn('2024-08-01', { temporaryOfficeBy: '2025-11-30' }),
            revisedOn('2024-09-01', { embassyBy: '2026-06-30' }),
          ])
          .when(revision('2024-07-15', { embassyBy: '2025-09-30' }))
          .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      });

      it('records a late revision a later agreement overrides: it is what was agreed on its date', () => {
        spec
          .given(given)
          .when(revision('2024-07-15', { embassyBy: '2025-12-31' }))
          .then([revisedOn('2024-07-15', { embassyBy: '2025-12-31' })]);
      });

      it('records nothing when it restates what was in force on its date and is now', () => {
        spec
          .given(given)
          .when(revision('2024-08-15', { embassyBy: '2026-01-31' }))
          .thenNothingHappens();
      });

      it('records a target it changes in force, in order on every date', () => {
        spec
          .given(given)
          .when(revision('2024-07-15', { temporaryOfficeBy: '2025-03-31' }))
          .then([revisedOn('2024-07-15', { temporaryOfficeBy: '2025-03-31' })]);
      });
    });

    it('links nothing when the same outcome is planned again (a replayed process manager)', () => {
      spec
        .given([planned])
        .when(plan({ targets: { embassyBy: '2025-01-31' } }))
        .thenNothingHappens();
    });

    it('refuses the same outcome cited again with an agreement dated in the future', () => {
      spec
        .given([planned])
        .when(plan({ agreedOn: '2025-07-02' }))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
    });

    it('links nothing when planned again without a source and with the same targets', () => {
      spec
        .given([planned])
        .when(plan({ source: null, plannedOn: '2024-07-01', agreedOn: undefined }))
        .thenNothingHappens();
    });

    it('revises the plan when planned again without a source and with new targets', () => {
      spec
        .given([planned])
        .when(
          plan({
            source: null,
            targets: { temporaryOfficeBy: '2024-12-31' },
            plannedOn: '2024-07-01',
            agreedOn: undefined,
          }),
        )
        .then([
          {
            type: 'MissionPlanRevised',
            data: {
              missionId,
              targets: { temporaryOfficeBy: '2024-12-31', embassyBy: null },
              plannedOn: '2024-07-01',
              agreedOn: '2024-07-01',
              occurredOn: '2024-07-01',
            },
          },
        ]);
    });

    it('refuses a revision with a target before the mission was agreed', () => {
      spec
        .given([planned])
        .when(plan({ source: null, targets: { embassyBy: '2024-06-01' }, plannedOn: TODAY }))
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
    });

    it('refuses a revision with a target before the day it is agreed on, though after the mission was first agreed', () => {
      spec
        .given([planned])
        .when(
          plan({
            source: null,
            targets: { embassyBy: '2025-05-01' },
            plannedOn: '2025-06-01',
            agreedOn: '2025-06-01',
          }),
        )
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
      spec
        .given([planned])
        .when(
          plan({
            source: null,
            targets: { embassyBy: '2025-05-01' },
            plannedOn: TODAY,
            agreedOn: undefined,
          }),
        )
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
    });

    it('revises the plan with a target on or after the day the revision is agreed on', () => {
      const revised = (targets: { embassyBy: string }, agreedOn: string): MissionEvent => ({
        type: 'MissionPlanRevised',
        data: {
          missionId,
          targets: { temporaryOfficeBy: null, ...targets },
          plannedOn: agreedOn,
          agreedOn,
          occurredOn: agreedOn,
        },
      });
      spec
        .given([planned])
        .when(
          plan({
            source: null,
            targets: { embassyBy: '2025-06-01' },
            plannedOn: '2025-06-01',
            agreedOn: '2025-06-01',
          }),
        )
        .then([revised({ embassyBy: '2025-06-01' }, '2025-06-01')]);
      spec
        .given([planned])
        .when(
          plan({
            source: null,
            targets: { embassyBy: '2025-05-01' },
            plannedOn: AGREED_ON,
            agreedOn: AGREED_ON,
          }),
        )
        .then([revised({ embassyBy: '2025-05-01' }, AGREED_ON)]);
    });

    it('takes a revision restating, beside a new target, one in force dated before it: only the new target is recorded', () => {
      const revision = (targets: MissionTargetsInput) =>
        plan({ source: null, targets, plannedOn: '2025-06-01', agreedOn: '2025-06-01' });
      spec
        .given([planned])
        .when(revision({ temporaryOfficeBy: '2024-06-30', embassyBy: '2025-12-31' }))
        .then([
          {
            type: 'MissionPlanRevised',
            data: {
              missionId,
              targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
              plannedOn: '2025-06-01',
              agreedOn: '2025-06-01',
              occurredOn: '2025-06-01',
            },
          },
        ]);
      spec
        .given([planned])
        .when(revision({ temporaryOfficeBy: '2024-07-31', embassyBy: '2025-12-31' }))
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
      spec
        .given([planned])
        .when(revision({ embassyBy: '2025-12-31' }))
        .then([
          {
            type: 'MissionPlanRevised',
            data: {
              missionId,
              targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
              plannedOn: '2025-06-01',
              agreedOn: '2025-06-01',
              occurredOn: '2025-06-01',
            },
          },
        ]);
    });

    it('revises the plan when it turns out to have been agreed earlier', () => {
      spec
        .given([planned])
        .when(plan({ source: null, targets: {}, plannedOn: TODAY, agreedOn: '2024-04-27' }))
        .then([
          {
            type: 'MissionPlanRevised',
            data: {
              missionId,
              targets: { temporaryOfficeBy: null, embassyBy: null },
              plannedOn: TODAY,
              agreedOn: '2024-04-27',
              occurredOn: TODAY,
            },
          },
        ]);
    });

    describe('and an agreement turns out to predate the one recorded', () => {
      /** Agreed on 2024-06-12; talks concluded in 2021 come to light. */
      const EARLIER = '2021-03-01';
      const LATER = '2024-07-01';
      const restated = (agreedOn: string, targets: MissionTargetsInput = {}) =>
        plan({ source: null, targets, plannedOn: TODAY, agreedOn });
      const revisedEarlier = (targets: MissionTargetsInput = {}): MissionEvent => ({
        type: 'MissionPlanRevised',
        data: {
          missionId,
          targets: { temporaryOfficeBy: null, embassyBy: null, ...targets },
          plannedOn: TODAY,
          agreedOn: EARLIER,
          occurredOn: TODAY,
        },
      });

      it('records it without targets: the mission counts as agreed on the earlier date', () => {
        spec.given([planned]).when(restated(EARLIER)).then([revisedEarlier()]);
      });

      it('then takes a dispatch dated on the earlier agreement, which it refused before, and still none more than a month before it', () => {
        const early = dispatch({ dispatchedOn: EARLIER });
        spec.given([planned]).when(early).thenThrows(MissionRules.dateBeforeAgreement);
        spec
          .given([planned, revisedEarlier()])
          .when(early)
          .then([dispatched('diplomat-1', EARLIER)]);
        spec
          .given([planned, revisedEarlier()])
          .when(dispatch({ dispatchedOn: '2021-01-01' }))
          .thenThrows(MissionRules.dateBeforeAgreement);
      });

      it('records nothing when the earlier agreement is stated again', () => {
        spec.given([planned, revisedEarlier()]).when(restated(EARLIER)).thenNothingHappens();
      });

      it('records it with the target it states, beside the moved agreement date', () => {
        spec
          .given([planned])
          .when(restated(EARLIER, { embassyBy: '2025-01-31' }))
          .then([revisedEarlier({ embassyBy: '2025-01-31' })]);
      });

      it('records nothing for an agreement on the recorded date or later that changes no target', () => {
        spec.given([planned]).when(restated(AGREED_ON)).thenNothingHappens();
        spec.given([planned]).when(restated(LATER)).thenNothingHappens();
        spec
          .given([planned])
          .when(restated(LATER, { temporaryOfficeBy: '2024-06-30' }))
          .thenNothingHappens();
      });

      it('records a later agreement that changes a target, leaving the agreement date as it was', () => {
        const revisedLater: MissionEvent = {
          type: 'MissionPlanRevised',
          data: {
            missionId,
            targets: { temporaryOfficeBy: null, embassyBy: '2025-01-31' },
            plannedOn: TODAY,
            agreedOn: LATER,
            occurredOn: TODAY,
          },
        };
        spec
          .given([planned])
          .when(restated(LATER, { embassyBy: '2025-01-31' }))
          .then([revisedLater]);
        spec
          .given([planned, revisedLater])
          .when(dispatch({ dispatchedOn: EARLIER }))
          .thenThrows(MissionRules.dateBeforeAgreement);
      });

      it('is treated as a meeting held earlier and linked later: that too moves the agreement date back', () => {
        const linked: MissionEvent = {
          type: 'MissionSourceLinked',
          data: {
            missionId,
            source: havanaMeeting,
            targets: { temporaryOfficeBy: null, embassyBy: null },
            plannedOn: '2024-04-27',
            agreedOn: '2024-04-27',
            occurredOn: '2024-04-27',
          },
        };
        spec
          .given([planned])
          .when(
            plan({
              source: havanaMeeting,
              targets: {},
              plannedOn: '2024-04-27',
              agreedOn: '2024-04-27',
            }),
          )
          .then([linked]);
        const early = dispatch({ dispatchedOn: '2024-04-01' });
        spec.given([planned]).when(early).thenThrows(MissionRules.dateBeforeAgreement);
        spec
          .given([planned, linked])
          .when(early)
          .then([dispatched('diplomat-1', '2024-04-01')]);
      });
    });

    it('refuses a plan for another mission on this stream', () => {
      spec
        .given([planned])
        .when(
          plan({
            missionId: 'cu-kr-seoul',
            sendingState: 'CU',
            receivingState: 'KR',
            city: 'Seoul',
          }),
        )
        .thenThrows(MissionRules.missionIdMismatch, 'unprocessable');
    });

    it('refuses a re-targeting with a target before its agreement', () => {
      spec
        .given([planned])
        .when(
          plan({
            source: havanaMeeting,
            plannedOn: '2024-04-27',
            agreedOn: '2024-04-27',
            targets: { temporaryOfficeBy: '2024-04-01' },
          }),
        )
        .thenThrows(MissionRules.targetBeforeAgreement, 'unprocessable');
    });

    it('dispatches a diplomat', () => {
      spec.given([planned]).when(dispatch()).then([dispatched()]);
    });

    it('dispatches a diplomat expected to arrive in the future: an expectation is no fact', () => {
      spec
        .given([planned])
        .when(dispatch({ dispatchedOn: TODAY, expectedArrivalOn: '2025-07-15' }))
        .then([
          {
            type: 'DiplomatDispatched',
            data: {
              ...dispatched('diplomat-1', TODAY).data,
              expectedArrivalOn: '2025-07-15',
            },
          },
        ]);
    });

    it('refuses an expected arrival before the dispatch', () => {
      spec
        .given([planned])
        .when(dispatch({ expectedArrivalOn: '2024-06-12' }))
        .thenThrows(MissionRules.expectedArrivalBeforeDispatch, 'unprocessable');
    });

    it('refuses a dispatch dated more than a month before the mission was agreed', () => {
      spec
        .given([planned])
        .when(dispatch({ dispatchedOn: '2024-05-11' }))
        .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
    });

    it('dispatches an opening team sent ahead of the meeting that recorded the agreement', () => {
      spec
        .given([planned])
        .when(dispatch({ dispatchedOn: '2024-06-10' }))
        .then([
          expect.objectContaining({
            type: 'DiplomatDispatched',
            data: expect.objectContaining({ dispatchedOn: '2024-06-10' }),
          }),
        ]);
    });

    it('refuses premises opened before the mission was agreed, even with someone on post', () => {
      spec
        .given([planned, dispatched('diplomat-1', '2024-06-01'), arrived('2024-06-02')])
        .when(openTemporaryOffice('2024-06-05'))
        .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
    });

    it('refuses a dispatch dated in the future', () => {
      spec
        .given([planned])
        .when(dispatch({ dispatchedOn: '2025-07-02' }))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
    });

    it('refuses the arrival of a diplomat nobody dispatched', () => {
      spec
        .given([planned])
        .when(recordArrival())
        .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
    });

    it('refuses to open the temporary office while nobody is on post', () => {
      spec
        .given([planned, dispatched()])
        .when(openTemporaryOffice())
        .thenThrows(MissionRules.nobodyOnPost, 'conflict');
    });

    it('refuses to open the embassy while nobody is on post', () => {
      spec.given([planned]).when(openEmbassy()).thenThrows(MissionRules.nobodyOnPost, 'conflict');
    });

    it('suspends operations', () => {
      spec.given([planned]).when(suspend()).then([suspended()]);
    });

    it('refuses to resume operations that were never suspended', () => {
      spec.given([planned]).when(resume()).thenThrows(MissionRules.notSuspended, 'conflict');
    });

    it('closes the mission', () => {
      spec.given([planned]).when(close()).then([closed()]);
    });

    it('refuses a closure dated before the mission was agreed', () => {
      spec
        .given([planned])
        .when(close('2024-06-01'))
        .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
    });

    it('refuses a closure dated before the latest fact on its heads of mission, but takes that day', () => {
      const withHeads = (on: string) => {
        const command = close(on);
        return { ...command, metadata: { ...command.metadata, headsLatestOn: '2025-03-20' } };
      };
      spec
        .given([planned])
        .when(withHeads('2025-03-19'))
        .thenThrows(MissionRules.dateBeforeLatestMilestone, 'unprocessable');
      spec
        .given([planned])
        .when(withHeads('2025-03-20'))
        .then([closed('2025-03-20')]);
    });
  });

  describe('when the opening team is dispatched', () => {
    const given = [planned, dispatched()];

    it('records the arrival on post', () => {
      spec.given(given).when(recordArrival()).then([arrived()]);
    });

    it('records an arrival on the day of the dispatch', () => {
      spec
        .given(given)
        .when(recordArrival('2024-06-13'))
        .then([arrived('2024-06-13')]);
    });

    it('refuses an arrival before the dispatch', () => {
      spec
        .given([planned, dispatched('diplomat-1', '2024-06-20')])
        .when(recordArrival('2024-06-15'))
        .thenThrows(MissionRules.arrivalBeforeDispatch, 'unprocessable');
    });

    it('refuses an arrival dated in the future', () => {
      spec
        .given(given)
        .when(recordArrival('2025-07-02'))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
    });

    it('dispatches another diplomat', () => {
      spec
        .given(given)
        .when(dispatch({ diplomatId: 'diplomat-2' }))
        .then([dispatched('diplomat-2')]);
    });

    it('refuses to dispatch the same diplomat twice', () => {
      spec
        .given(given)
        .when(dispatch())
        .thenThrows(MissionRules.diplomatAlreadyDispatched, 'conflict');
    });
  });

  describe('when the opening team is on post', () => {
    it('opens the temporary office', () => {
      spec.given(onPost).when(openTemporaryOffice()).then([temporaryOfficeOpened()]);
    });

    it('opens the temporary office on the day the first diplomat arrived', () => {
      spec
        .given(onPost)
        .when(openTemporaryOffice('2024-06-15', null))
        .then([temporaryOfficeOpened('2024-06-15', null)]);
    });

    it('refuses a temporary office opened before anyone arrived', () => {
      spec
        .given(onPost)
        .when(openTemporaryOffice('2024-06-14'))
        .thenThrows(MissionRules.nobodyOnPost, 'conflict');
    });

    it('refuses a temporary office opened in the future', () => {
      spec
        .given(onPost)
        .when(openTemporaryOffice('2025-07-02'))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
    });

    it('opens the embassy without a temporary office and without an accredited head of mission', () => {
      spec.given(onPost).when(openEmbassy()).then([embassyOpened()]);
    });

    it('refuses a second arrival of the same diplomat', () => {
      spec
        .given(onPost)
        .when(recordArrival('2024-06-20'))
        .thenThrows(MissionRules.diplomatAlreadyArrived, 'conflict');
    });

    it('records an arrival recorded late, dated before another one', () => {
      spec
        .given([...onPost, dispatched('diplomat-2', '2024-06-13')])
        .when(recordArrival('2024-06-14', 'diplomat-2'))
        .then([arrived('2024-06-14', 'diplomat-2')]);
    });
  });

  describe('when the temporary office is open', () => {
    const given = [...onPost, temporaryOfficeOpened()];

    it('opens the embassy', () => {
      spec.given(given).when(openEmbassy()).then([embassyOpened()]);
    });

    it('opens the embassy on the day the temporary office opened (the office came first)', () => {
      spec
        .given([...onPost, temporaryOfficeOpened('2024-07-01')])
        .when(openEmbassy('2024-07-01'))
        .then([embassyOpened('2024-07-01')]);
    });

    it('refuses to open the temporary office twice', () => {
      spec
        .given(given)
        .when(openTemporaryOffice('2024-07-01'))
        .thenThrows(MissionRules.temporaryOfficeAlreadyOpen, 'conflict');
    });

    it('refuses an embassy opened before the temporary office', () => {
      spec
        .given(given)
        .when(openEmbassy('2024-06-20'))
        .thenThrows(MissionRules.embassyBeforeTemporaryOffice, 'unprocessable');
    });
  });

  describe('when the embassy is open', () => {
    const given = [...onPost, embassyOpened()];

    it('refuses to open the embassy twice', () => {
      spec
        .given(given)
        .when(openEmbassy('2025-02-01'))
        .thenThrows(MissionRules.embassyAlreadyOpen, 'conflict');
    });

    it('refuses a temporary office opened after the embassy', () => {
      spec
        .given(given)
        .when(openTemporaryOffice('2025-02-01'))
        .thenThrows(MissionRules.embassyAlreadyOpen, 'conflict');
    });

    it('refuses a temporary office opened on the day the embassy opened', () => {
      spec
        .given(given)
        .when(openTemporaryOffice('2025-01-17'))
        .thenThrows(MissionRules.embassyAlreadyOpen, 'conflict');
    });

    it('records, late, a temporary office that opened before the embassy', () => {
      spec
        .given(given)
        .when(openTemporaryOffice('2024-12-01'))
        .then([temporaryOfficeOpened('2024-12-01')]);
    });

    it('still dispatches staff', () => {
      spec
        .given(given)
        .when(dispatch({ diplomatId: 'diplomat-2', role: 'staff', dispatchedOn: '2025-02-01' }))
        .then([
          {
            type: 'DiplomatDispatched',
            data: { ...dispatched('diplomat-2', '2025-02-01').data, role: 'staff' },
          },
        ]);
    });
  });

  describe('when operations are suspended', () => {
    const given = [...onPost, embassyOpened(), suspended()];

    it('resumes operations', () => {
      spec.given(given).when(resume()).then([resumed()]);
    });

    it('closes the mission', () => {
      spec.given(given).when(close()).then([closed()]);
    });

    it.each<[string, MissionCommand]>([
      ['DispatchDiplomat', dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-03-02' })],
      ['RecordDiplomatArrival', recordArrival('2025-03-02')],
      ['OpenTemporaryOffice', openTemporaryOffice('2025-03-02')],
      ['OpenEmbassy', openEmbassy('2025-03-02')],
    ])('refuses %s dated after the suspension began, until operations resume', (_name, command) => {
      spec.given(given).when(command).thenThrows(MissionRules.suspended, 'conflict');
    });

    it('answers the arrival of a diplomat never dispatched with not-found, before the suspension refuses its date', () => {
      spec
        .given(given)
        .when(recordArrival('2025-03-02', 'diplomat-never-sent'))
        .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
    });

    it('takes a milestone dated on the day the suspension began, as it will once operations resume', () => {
      spec
        .given(given)
        .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-03-01' }))
        .then([dispatched('diplomat-2', '2025-03-01')]);
      spec
        .given([...onPost, suspended()])
        .when(openEmbassy('2025-03-01'))
        .then([embassyOpened('2025-03-01')]);
    });

    describe('and a milestone dated before the suspension is recorded late', () => {
      it('dispatches a diplomat', () => {
        spec
          .given(given)
          .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-02-01' }))
          .then([dispatched('diplomat-2', '2025-02-01')]);
      });

      it('records the arrival of a diplomat dispatched before it', () => {
        spec.given([planned, dispatched(), suspended()]).when(recordArrival()).then([arrived()]);
      });

      it('opens the temporary office', () => {
        spec.given(given).when(openTemporaryOffice()).then([temporaryOfficeOpened()]);
      });

      it('opens the embassy', () => {
        spec
          .given([...onPost, suspended()])
          .when(openEmbassy())
          .then([embassyOpened()]);
      });

      it('judges it by the same rules as on the operating mission', () => {
        spec
          .given([planned, dispatched('diplomat-1', '2024-07-01'), suspended()])
          .when(recordArrival('2024-06-20'))
          .thenThrows(MissionRules.arrivalBeforeDispatch, 'unprocessable');
        spec
          .given([planned, dispatched(), suspended()])
          .when(openTemporaryOffice())
          .thenThrows(MissionRules.nobodyOnPost, 'conflict');
        spec
          .given(given)
          .when(openEmbassy('2025-02-01'))
          .thenThrows(MissionRules.embassyAlreadyOpen, 'conflict');
        spec
          .given(given)
          .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2024-01-01' }))
          .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
        spec
          .given(given)
          .when(recordArrival('2024-06-20', 'diplomat-2'))
          .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
      });

      it('refuses one dated while an earlier suspension lasted', () => {
        spec
          .given([...onPost, suspended('2024-07-01'), resumed('2024-08-01'), suspended()])
          .when(openTemporaryOffice('2024-07-15'))
          .thenThrows(MissionRules.dateDuringSuspension, 'unprocessable');
      });
    });

    describe('and an agreement is recorded', () => {
      it('links a meeting that re-targets it, held before or during the suspension', () => {
        for (const on of ['2025-02-15', '2025-03-15']) {
          spec
            .given(given)
            .when(
              plan({
                source: havanaMeeting,
                targets: { embassyBy: '2025-12-31' },
                plannedOn: on,
                agreedOn: on,
              }),
            )
            .then([
              {
                type: 'MissionSourceLinked',
                data: {
                  missionId,
                  source: havanaMeeting,
                  targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
                  plannedOn: on,
                  agreedOn: on,
                  occurredOn: on,
                },
              },
            ]);
        }
      });

      it('revises its targets', () => {
        spec
          .given(given)
          .when(plan({ source: undefined, targets: { embassyBy: '2025-12-31' } }))
          .then([
            {
              type: 'MissionPlanRevised',
              data: {
                missionId,
                targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
                plannedOn: AGREED_ON,
                agreedOn: AGREED_ON,
                occurredOn: AGREED_ON,
              },
            },
          ]);
      });

      it('refuses targets out of order, as on the operating mission', () => {
        spec
          .given(given)
          .when(plan({ source: havanaMeeting, targets: { embassyBy: '2024-06-20' } }))
          .thenThrows(MissionRules.targetsOutOfOrder, 'unprocessable');
      });

      it('still links nothing when the same outcome is planned again', () => {
        spec.given(given).when(plan()).thenNothingHappens();
      });
    });

    it('refuses to suspend operations twice', () => {
      spec
        .given(given)
        .when(suspend('2025-03-05'))
        .thenThrows(MissionRules.alreadySuspended, 'conflict');
    });

    it('refuses a resumption dated before the suspension', () => {
      spec
        .given(given)
        .when(resume('2025-02-28'))
        .thenThrows(MissionRules.dateBeforeLatestMilestone, 'unprocessable');
    });

    it('refuses a resumption dated in the future', () => {
      spec
        .given(given)
        .when(resume('2025-07-02'))
        .thenThrows(MissionRules.dateInTheFuture, 'unprocessable');
    });
  });

  describe('when operations have resumed', () => {
    const given = [...onPost, suspended(), resumed()];

    it('dispatches a diplomat after the resumption', () => {
      spec
        .given(given)
        .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-04-02' }))
        .then([dispatched('diplomat-2', '2025-04-02')]);
    });

    it('records, late, a milestone that happened before the suspension', () => {
      spec.given(given).when(openTemporaryOffice()).then([temporaryOfficeOpened()]);
    });

    it('refuses a milestone dated while operations were suspended', () => {
      spec
        .given(given)
        .when(openTemporaryOffice('2025-03-15'))
        .thenThrows(MissionRules.dateDuringSuspension, 'unprocessable');
    });

    it('suspends operations again', () => {
      spec
        .given(given)
        .when(suspend('2025-05-01'))
        .then([suspended('2025-05-01')]);
    });
  });

  describe('when dates would run backwards', () => {
    it('refuses a suspension dated before the latest milestone, and accepts one on that day', () => {
      spec
        .given([...onPost, embassyOpened()])
        .when(suspend('2025-01-16'))
        .thenThrows(MissionRules.dateBeforeLatestMilestone, 'unprocessable');
      spec
        .given([...onPost, embassyOpened()])
        .when(suspend('2025-01-17'))
        .then([suspended('2025-01-17')]);
    });

    it('refuses a closure dated before the latest milestone', () => {
      spec
        .given([...onPost, embassyOpened()])
        .when(close('2025-01-01'))
        .thenThrows(MissionRules.dateBeforeLatestMilestone, 'unprocessable');
    });
  });

  describe('when it is closed', () => {
    const given = [...onPost, closed()];

    it.each<[string, MissionCommand]>([
      ['PlanMission from a source agreed before the closure', plan({ source: havanaMeeting })],
      ['PlanMission without a source, agreed before the closure', plan({ source: null })],
      ['DispatchDiplomat', dispatch({ diplomatId: 'diplomat-2' })],
      ['RecordDiplomatArrival', recordArrival()],
      ['OpenTemporaryOffice', openTemporaryOffice()],
      ['OpenEmbassy', openEmbassy()],
      ['SuspendOperations', suspend('2025-06-01')],
      ['ResumeOperations', resume('2025-06-01')],
      ['CloseMission', close('2025-06-01')],
    ])('refuses %s: a closed mission accepts nothing further', (_name, command) => {
      spec.given(given).when(command).thenThrows(MissionRules.closed, 'conflict');
    });

    it('answers the arrival of a diplomat never dispatched with not-found, before the closure refuses it', () => {
      spec
        .given(given)
        .when(recordArrival('2025-04-01', 'diplomat-never-sent'))
        .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
    });

    it('refuses the arrival of a diplomat it had, of this lifecycle or an earlier one, as closed', () => {
      spec
        .given([
          ...given,
          reestablished(),
          dispatched('diplomat-2', '2025-06-21'),
          closed('2025-06-25'),
        ])
        .when(recordArrival('2025-06-22', 'diplomat-2'))
        .thenThrows(MissionRules.closed, 'conflict');
      spec
        .given([...given, reestablished(), closed('2025-06-25')])
        .when(recordArrival('2025-06-22', 'diplomat-1'))
        .thenThrows(MissionRules.closed, 'conflict');
    });

    it('still links nothing when the same outcome is planned again', () => {
      spec.given(given).when(plan()).thenNothingHappens();
    });

    describe('and a client cites its own meeting again with a target the outcome left open', () => {
      /** The Seoul meeting behind the closed lifecycle, cited with the embassy target it left open. */
      const citingSeoul = (data: Parameters<typeof plan>[0]): MissionCommand => ({
        ...plan({ targets: { embassyBy: '2026-03-31' }, ...data }),
        metadata: {
          ...metadata,
          sourceAgreement: {
            heldOn: AGREED_ON_SEOUL,
            targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
          },
        },
      });

      it('refuses it, dated on the meeting’s day: the old meeting does not re-establish the mission', () => {
        spec.given(given).when(citingSeoul({})).thenThrows(MissionRules.closed, 'conflict');
      });

      it('refuses it when the mission closed on the meeting’s own day', () => {
        spec
          .given([planned, closed(AGREED_ON_SEOUL)])
          .when(citingSeoul({}))
          .thenThrows(MissionRules.closed, 'conflict');
      });

      it('refuses it dated on or after the closure too: stating a target does not make it a new agreement', () => {
        for (const agreedOn of ['2025-05-01', '2025-06-01']) {
          spec
            .given(given)
            .when(citingSeoul({ plannedOn: agreedOn, agreedOn }))
            .thenThrows(MissionRules.closed, 'conflict');
        }
      });

      it('records nothing when it states only what the outcome set', () => {
        spec
          .given(given)
          .when(citingSeoul({ targets: { temporaryOfficeBy: '2024-06-30' } }))
          .thenNothingHappens();
      });
    });

    it('records nothing when the process manager replays the meeting that planned it, closed on the meeting’s day or later', () => {
      for (const closure of [closed(AGREED_ON_SEOUL), closed('2025-05-01')]) {
        spec.given([planned, closure]).when(plan()).thenNothingHappens();
      }
    });

    it('refuses a closure even from a suspension', () => {
      spec
        .given([...onPost, suspended(), closed()])
        .when(resume('2025-06-01'))
        .thenThrows(MissionRules.closed, 'conflict');
    });
  });

  describe('when relations are restored after the closure', () => {
    const restoredMeeting = { meetingId: 'meeting-restored-2025-06-20', outcomeId: 'missions' };
    const reestablish = plan({
      source: restoredMeeting,
      plannedOn: '2025-06-20',
      agreedOn: '2025-06-20',
      targets: { embassyBy: '2025-12-31' },
    });
    const restored = reestablished({ source: restoredMeeting });
    const given = [...onPost, closed()];

    it('starts a new lifecycle from an agreement made on or after the closure', () => {
      spec.given(given).when(reestablish).then([restored]);
    });

    it('starts one from a plan made by hand as well', () => {
      spec
        .given(given)
        .when(plan({ source: null, plannedOn: '2025-05-01', agreedOn: '2025-05-01', targets: {} }))
        .then([
          {
            type: 'MissionReestablished',
            data: {
              ...restored.data,
              source: null,
              targets: { temporaryOfficeBy: null, embassyBy: null },
              plannedOn: '2025-05-01',
              agreedOn: '2025-05-01',
              occurredOn: '2025-05-01',
            },
          },
        ]);
    });

    it('counts lifecycles: a second closure and restoration starts the third', () => {
      spec
        .given([...given, restored, closed('2025-06-25')])
        .when(plan({ source: null, plannedOn: '2025-06-30', agreedOn: '2025-06-30', targets: {} }))
        .then([
          expect.objectContaining({
            type: 'MissionReestablished',
            data: expect.objectContaining({ lifecycle: 3, previousClosedOn: '2025-06-25' }),
          }),
        ]);
    });

    it('starts from nothing: the earlier diplomats are not on post, premises may open afresh', () => {
      spec
        .given([...given, restored])
        .when(openTemporaryOffice('2025-06-21'))
        .thenThrows(MissionRules.nobodyOnPost, 'conflict');
      spec
        .given([...given, restored])
        .when(recordArrival('2025-06-21', 'diplomat-never-sent'))
        .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
      spec
        .given([
          ...given,
          restored,
          dispatched('diplomat-2', '2025-06-21'),
          arrived('2025-06-22', 'diplomat-2'),
        ])
        .when(openEmbassy('2025-06-30'))
        .then([embassyOpened('2025-06-30')]);
    });

    it('records no arrival of a diplomat dispatched before the closure: that posting ended with it', () => {
      spec
        .given([...given, restored])
        .when(recordArrival('2025-06-21', 'diplomat-1'))
        .thenThrows(MissionRules.diplomatOfEarlierLifecycle, 'conflict');
      spec
        .given([...onPost, dispatched('diplomat-2', '2025-04-20'), closed(), restored])
        .when(recordArrival('2025-06-21', 'diplomat-2'))
        .thenThrows(MissionRules.diplomatOfEarlierLifecycle, 'conflict');
    });

    it('answers the arrival of a diplomat never dispatched in any lifecycle with not-found, even while suspended', () => {
      spec
        .given([...given, restored, suspended('2025-06-22')])
        .when(recordArrival('2025-06-23', 'diplomat-never-sent'))
        .thenThrows(MissionRules.diplomatNotDispatched, 'not-found');
      spec
        .given([...given, restored, suspended('2025-06-22')])
        .when(recordArrival('2025-06-23', 'diplomat-1'))
        .thenThrows(MissionRules.suspended, 'conflict');
    });

    it('refuses anything of the new lifecycle dated before the closure, even an opening team ahead of the agreement', () => {
      spec
        .given([...given, restored])
        .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-04-30' }))
        .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
      spec
        .given([...given, restored])
        .when(dispatch({ diplomatId: 'diplomat-2', dispatchedOn: '2025-05-25' }))
        .then([dispatched('diplomat-2', '2025-05-25')]);
    });

    it('refuses to link an agreement from before the closure to the new lifecycle', () => {
      spec
        .given([...given, restored])
        .when(plan({ source: havanaMeeting, plannedOn: '2024-04-27', agreedOn: '2024-04-27' }))
        .thenThrows(MissionRules.agreementBeforeClosure, 'unprocessable');
    });

    it('refuses a target an outcome of an earlier lifecycle left open, stated by a client citing it again, whatever its date', () => {
      const citingSeoul = (agreedOn: string): MissionCommand => ({
        ...plan({ targets: { embassyBy: '2026-03-31' }, plannedOn: agreedOn, agreedOn }),
        metadata: {
          ...metadata,
          sourceAgreement: {
            heldOn: AGREED_ON_SEOUL,
            targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
          },
        },
      });
      for (const agreedOn of [AGREED_ON_SEOUL, '2025-06-25']) {
        spec
          .given([...given, restored])
          .when(citingSeoul(agreedOn))
          .thenThrows(MissionRules.agreementBeforeClosure, 'unprocessable');
      }
    });

    it('links nothing again when a replay plans from an outcome of an earlier lifecycle', () => {
      spec
        .given([...given, restored])
        .when(plan())
        .thenNothingHappens();
      spec
        .given([...given, restored])
        .when(reestablish)
        .thenNothingHappens();
    });
  });

  describe('the seed case: a diplomat on post before the meeting that records the mission', () => {
    const cubanMission = {
      missionId: 'cu-kr-seoul',
      sendingState: 'CU',
      receivingState: 'KR',
      city: 'Seoul',
      targets: {},
      source: seoulMeeting,
      plannedOn: '2024-06-12',
    };
    const mario = {
      diplomatId: 'mario',
      name: 'Mario Alzugaray Rodríguez',
      title: 'Counsellor',
      role: 'head-of-office',
      dispatchedOn: '2024-05-10',
    } as const;
    const planCuban = (agreedOn: string) =>
      missionDecider.decide(
        { type: 'PlanMission', data: { ...cubanMission, agreedOn }, metadata },
        {
          status: 'unplanned',
        },
      );

    it('records the arrival when the mission was agreed earlier, in Havana in April', () => {
      spec
        .given(planCuban('2024-04-27'))
        .when({ type: 'DispatchDiplomat', data: mario, metadata })
        .then([
          {
            type: 'DiplomatDispatched',
            data: {
              missionId: 'cu-kr-seoul',
              ...mario,
              rank: { grade: 'counsellor', inferredFromTitle: true },
              expectedArrivalOn: null,
              occurredOn: '2024-05-10',
            },
          },
        ]);
    });

    it('refuses it when the mission counts as agreed only at the June meeting', () => {
      spec
        .given(planCuban('2024-06-12'))
        .when({ type: 'DispatchDiplomat', data: mario, metadata })
        .thenThrows(MissionRules.dateBeforeAgreement, 'unprocessable');
    });

    it('records it once the April agreement is linked', () => {
      spec
        .given([
          ...planCuban('2024-06-12'),
          {
            type: 'MissionSourceLinked',
            data: {
              missionId: 'cu-kr-seoul',
              source: havanaMeeting,
              targets: { temporaryOfficeBy: null, embassyBy: null },
              plannedOn: '2024-04-27',
              agreedOn: '2024-04-27',
              occurredOn: '2024-04-27',
            },
          },
        ])
        .when({ type: 'DispatchDiplomat', data: mario, metadata })
        .then([
          {
            type: 'DiplomatDispatched',
            data: {
              missionId: 'cu-kr-seoul',
              ...mario,
              rank: { grade: 'counsellor', inferredFromTitle: true },
              expectedArrivalOn: null,
              occurredOn: '2024-05-10',
            },
          },
        ]);
    });
  });
});
