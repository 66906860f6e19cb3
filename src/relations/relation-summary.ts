import countries from 'i18n-iso-countries';
import type { MissionStatusView } from '../missions/read-models/mission-status/mission-status.queries.js';
import type { MeetingRow } from '../meetings/read-models/meeting-outcomes/meeting-outcomes.queries.js';

const STATUS_PHRASES: Record<string, (m: MissionStatusView) => string> = {
  planned: () => 'is planned',
  'opening-team-dispatched': () => 'has its opening team on the way',
  'opening-team-on-post': () => 'has its opening team on post',
  'temporary-office-open': (m) =>
    `works from a temporary office since ${m.temporaryOffice?.openedOn ?? 'an unknown date'}`,
  'embassy-open': (m) => `is open since ${m.embassy?.openedOn ?? 'an unknown date'}`,
  suspended: (m) => `has suspended operations since ${m.suspension?.since ?? 'an unknown date'}`,
  closed: (m) => `closed on ${m.closure?.closedOn ?? 'an unknown date'}`,
};

export function countryName(code: string): string {
  return (
    countries.getName(code, 'en', { select: 'alias' }) ?? countries.getName(code, 'en') ?? code
  );
}

/** One or two sentences a minister could read aloud. */
export function relationSummary(
  a: string,
  b: string,
  missions: readonly MissionStatusView[],
  meetings: readonly MeetingRow[],
): string {
  const names = `${countryName(a)} and ${countryName(b)}`;
  const met =
    meetings.length === 0
      ? 'have no recorded meeting'
      : `have met ${meetings.length === 1 ? 'once' : `${meetings.length} times`} (latest ${meetings[meetings.length - 1].heldOn}${
          meetings[meetings.length - 1].place ? ` in ${meetings[meetings.length - 1].place}` : ''
        })`;
  const missionLines = missions.map((m) => {
    const phrase = STATUS_PHRASES[m.status]?.(m) ?? `is ${m.status}`;
    const overdue =
      m.overdue.length > 0 ? `, overdue on its ${m.overdue.join(' and ')} target` : '';
    return `${countryName(m.sendingState)}'s mission in ${m.city} ${phrase}${overdue}`;
  });
  const missionsText =
    missionLines.length === 0 ? 'No mission is planned.' : `${missionLines.join('; ')}.`;
  return `${names} ${met}. ${missionsText}`;
}
