import { HeadOfMissionRules as R } from '../../heads-of-mission/domain/head-of-mission.rules.js';
import { FACT_DATE, type Refusals } from './mission-refusals.js';

/**
 * The domain rules each head-of-mission command may be refused by, per status: the
 * `/problems/<rule>` types its 404, 409 and 422 answers can have.
 */

/**
 * A step of a nominee's track: the nominee must exist on this mission, be under way and of its
 * current lifecycle, the mission open.
 */
const STEP = {
  notFound: [R.missionNotPlanned, R.notNominated],
  conflicts: [R.missionClosed, R.nomineeOfEarlierLifecycle, R.agrementRefused, R.functionsEnded],
  unprocessable: [...FACT_DATE, R.dateBeforePreviousStep],
};

export const HeadOfMissionRefusals = {
  nominateHeadOfMission: {
    notFound: [R.missionNotPlanned],
    conflicts: [R.missionClosed, R.nomineeInProgress],
    unprocessable: [
      ...FACT_DATE,
      R.dateBeforeAgreement,
      R.onPreviousClosureDay,
      R.dateBeforePreviousStep,
    ],
  },
  requestAgrement: { ...STEP, conflicts: [...STEP.conflicts, R.agrementAlreadyRequested] },
  grantAgrement: {
    ...STEP,
    conflicts: [...STEP.conflicts, R.agrementNotRequested, R.agrementAlreadyGranted],
  },
  refuseAgrement: {
    ...STEP,
    conflicts: [...STEP.conflicts, R.agrementNotRequested, R.agrementAlreadyGranted],
  },
  appointHeadOfMission: {
    ...STEP,
    conflicts: [...STEP.conflicts, R.agrementNotGranted, R.alreadyAppointed],
  },
  recordHeadOfMissionArrival: {
    ...STEP,
    conflicts: [...STEP.conflicts, R.notAppointed, R.alreadyArrived],
  },
  presentCopyOfCredentials: {
    ...STEP,
    conflicts: [...STEP.conflicts, R.notArrived, R.copyOfCredentialsAlreadyPresented],
    unprocessable: [...STEP.unprocessable, R.copyAfterCredentials],
  },
  presentCredentials: {
    ...STEP,
    conflicts: [
      ...STEP.conflicts,
      R.agrementNotGranted,
      R.notArrived,
      R.credentialsAlreadyPresented,
      R.chargeDAffairesLater,
      R.anotherHeadInOffice,
    ],
  },
  endFunctions: {
    ...STEP,
    conflicts: [R.agrementRefused, R.functionsEnded],
    unprocessable: [...STEP.unprocessable, R.endAfterClosure],
  },
  designateChargeDAffaires: {
    notFound: [R.missionNotPlanned],
    conflicts: [R.missionClosed, R.headOfMissionInOffice],
    unprocessable: [...FACT_DATE, R.dateBeforeAgreement, R.onPreviousClosureDay],
  },
} as const satisfies Record<string, Refusals>;
