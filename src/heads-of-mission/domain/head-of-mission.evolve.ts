import type { HeadOfMissionEvent } from './head-of-mission.events.js';
import {
  stageOf,
  type HeadOfMissionRecord,
  type HeadOfMissionState,
} from './head-of-mission.state.js';

/** Folds one event into the nominee's state. Events a state cannot take leave it unchanged. */
export function evolveHeadOfMission(
  state: HeadOfMissionState,
  event: HeadOfMissionEvent,
): HeadOfMissionState {
  if (event.type === 'HeadOfMissionNominated') {
    if (state.stage !== 'not-nominated') return state;
    const { data } = event;
    return withRecord({
      headOfMissionId: data.headOfMissionId,
      missionId: data.missionId,
      name: data.name,
      title: data.title,
      nominatedOn: data.nominatedOn,
      agrementRequestedOn: null,
      agrementGrantedOn: null,
      agrementRefusal: null,
      appointedOn: null,
      arrivedOn: null,
      copyOfCredentialsPresentedOn: null,
      credentialsPresentedOn: null,
      functionsEnded: null,
    });
  }
  if (state.stage === 'not-nominated') return state;
  const { stage: _stage, ...record } = state;
  switch (event.type) {
    case 'AgrementRequested':
      return withRecord({ ...record, agrementRequestedOn: event.data.requestedOn });
    case 'AgrementGranted':
      return withRecord({ ...record, agrementGrantedOn: event.data.grantedOn });
    case 'AgrementRefused':
      return withRecord({
        ...record,
        agrementRefusal: { refusedOn: event.data.refusedOn, reason: event.data.reason },
      });
    case 'HeadOfMissionAppointed':
      return withRecord({ ...record, appointedOn: event.data.appointedOn });
    case 'HeadOfMissionArrived':
      return withRecord({ ...record, arrivedOn: event.data.arrivedOn });
    case 'CopyOfCredentialsPresented':
      return withRecord({ ...record, copyOfCredentialsPresentedOn: event.data.presentedOn });
    case 'CredentialsPresented':
      return withRecord({ ...record, credentialsPresentedOn: event.data.presentedOn });
    case 'FunctionsEnded':
      return withRecord({
        ...record,
        functionsEnded: {
          endedOn: event.data.endedOn,
          reason: event.data.reason,
          note: event.data.note,
        },
      });
    default:
      return unknownEvent(event, state);
  }
}

function withRecord(record: HeadOfMissionRecord): HeadOfMissionState {
  return { ...record, stage: stageOf(record) };
}

/** An event type this code does not know (a newer writer): the state is left as it was. */
function unknownEvent(_event: never, state: HeadOfMissionState): HeadOfMissionState {
  return state;
}
