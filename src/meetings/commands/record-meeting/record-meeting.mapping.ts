import type { MeetingOutcomeInput, RecordMeeting } from '../../domain/meeting.commands.js';
import type { OutcomeRequest, RecordMeetingRequest } from './record-meeting.request.js';

/** The validated body as the domain's command. */
export function toRecordMeeting(
  meetingId: string,
  body: RecordMeetingRequest,
  today: string,
): RecordMeeting {
  const outcomeIds = numberOutcomes(body.outcomes);
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
      outcomes: body.outcomes.map((outcome, i) => toOutcome(outcome, outcomeIds[i])),
    },
    metadata: { today },
  };
}

/**
 * Each outcome's id: its own, or `outcome-<its number>` when left out, skipping numbers the
 * meeting's own ids already use (a meeting naming its second outcome `outcome-1` does not
 * make its first one clash with it).
 */
function numberOutcomes(outcomes: readonly OutcomeRequest[]): string[] {
  const taken = new Set(outcomes.flatMap((o) => (o.outcomeId == null ? [] : [o.outcomeId])));
  let next = 1;
  return outcomes.map((outcome, i) => {
    if (outcome.outcomeId != null) return outcome.outcomeId;
    next = Math.max(next, i + 1);
    while (taken.has(`outcome-${next}`)) next += 1;
    const outcomeId = `outcome-${next}`;
    taken.add(outcomeId);
    return outcomeId;
  });
}

function toOutcome(outcome: OutcomeRequest, outcomeId: string): MeetingOutcomeInput {
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
