import { invalidFields, type FieldError } from '../../../http/problem.js';
import type { MeetingOutcomeInput, RecordMeeting } from '../../domain/meeting.commands.js';
import type { OutcomeRequest, RecordMeetingRequest } from './record-meeting.request.js';

/** The validated body as the domain's command; outcome fields must fit the outcome's kind. */
export function toRecordMeeting(
  meetingId: string,
  body: RecordMeetingRequest,
  today: string,
): RecordMeeting {
  const errors = body.outcomes.flatMap((outcome, i) => kindErrors(outcome, `outcomes[${i}]`));
  if (errors.length > 0) throw invalidFields(errors);
  return {
    type: 'RecordMeeting',
    data: {
      meetingId,
      title: body.title,
      heldOn: body.heldOn,
      place: body.place ?? null,
      parties: [body.parties[0], body.parties[1]],
      participants: (body.participants ?? []).map((p) => ({
        name: p.name,
        title: p.title,
        state: p.state,
      })),
      outcomes: body.outcomes.map(toOutcome),
    },
    metadata: { today },
  };
}

function toOutcome(outcome: OutcomeRequest, index: number): MeetingOutcomeInput {
  const outcomeId = outcome.outcomeId ?? `outcome-${index + 1}`;
  switch (outcome.kind) {
    case 'establish-missions':
      return {
        outcomeId,
        kind: outcome.kind,
        summary: outcome.summary,
        missions: (outcome.missions ?? []).map((m) => ({
          sendingState: m.sendingState,
          receivingState: m.receivingState,
          city: m.city,
          targets: { ...m.targets },
        })),
      };
    case 'cooperation':
      return {
        outcomeId,
        kind: outcome.kind,
        summary: outcome.summary,
        areas: outcome.areas ?? [],
      };
    case 'other':
      return { outcomeId, kind: outcome.kind, summary: outcome.summary };
  }
}

function kindErrors(outcome: OutcomeRequest, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const needsMissions = outcome.kind === 'establish-missions';
  const needsAreas = outcome.kind === 'cooperation';
  if (needsMissions !== (outcome.missions !== undefined)) {
    errors.push({
      path: `${path}.missions`,
      message: needsMissions
        ? 'an establish-missions outcome lists the missions to open'
        : `a ${outcome.kind} outcome has no missions`,
    });
  }
  if (needsAreas !== (outcome.areas !== undefined)) {
    errors.push({
      path: `${path}.areas`,
      message: needsAreas
        ? 'a cooperation outcome lists its areas'
        : `a ${outcome.kind} outcome has no areas`,
    });
  }
  return errors;
}
