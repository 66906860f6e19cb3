import countries from 'i18n-iso-countries';
import type { MissionStatusView } from '../missions/read-models/mission-status/mission-status.queries.js';
import type { MeetingRow } from '../meetings/read-models/meeting-outcomes/meeting-outcomes.queries.js';

const STATUS_PHRASES: Record<string, (m: MissionStatusView) => string> = {
  planned: () => 'is planned',
  'opening-team-dispatched': () => 'has its opening team on the way',
  'opening-team-on-post': () => 'has its opening team on post',
  'temporary-office-open': (m) =>
    `has worked from a temporary office since ${m.temporaryOffice?.openedOn ?? 'an unknown date'}`,
  'embassy-open': (m) => `has been open since ${m.embassy?.openedOn ?? 'an unknown date'}`,
  suspended: (m) => `has suspended operations since ${m.suspension?.since ?? 'an unknown date'}`,
  closed: (m) => `closed on ${m.closure?.closedOn ?? 'an unknown date'}`,
};

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * Where diplomacy names the party otherwise than a map does: relations are held, and nuncios
 * sent, by the Holy See (VA), not by Vatican City State.
 */
const DIPLOMATIC_NAMES: Readonly<Record<string, string>> = { VA: 'Holy See' };

/** CLDR's marks of a label rather than a name: 'St. Kitts & Nevis', 'Congo - Kinshasa', … */
const LABEL_MARKS = /&| - |\(|\bSt\. |U\.S\.|SAR China|Territories$/;

/**
 * A state's English short name as a sentence can use it: CLDR's (the names Unicode keeps up
 * to date for display: 'Czechia', 'North Macedonia', 'Côte d’Ivoire', 'Türkiye'), except where
 * CLDR writes a label ('St. Kitts & Nevis', 'Congo - Kinshasa', 'Palestinian Territories'),
 * which takes the ISO list's name instead ('Saint Kitts and Nevis', 'Democratic Republic of
 * the Congo', 'State of Palestine'), a leading 'The' dropped as it would be mid-sentence, or,
 * where that name is qualified too ('Saint Martin (French part)'), CLDR's with 'St.' spelt out.
 * The Holy See is called so (DIPLOMATIC_NAMES).
 */
export function countryName(code: string): string {
  const diplomatic = DIPLOMATIC_NAMES[code];
  if (diplomatic !== undefined) return diplomatic;
  const cldr = REGION_NAMES.of(code);
  const listed = countries.getName(code, 'en', { select: 'official' })?.replace(/^The /, '');
  if (cldr === undefined || cldr === code) return listed ?? code;
  // The ISO list's name only where it reads as a name itself, not inverted or qualified.
  const readable = listed !== undefined && !/[,(]/.test(listed);
  if (!LABEL_MARKS.test(cldr)) return cldr;
  return readable ? listed : cldr.replace(/^St\. /, 'Saint ');
}

/**
 * Names English prose gives the definite article: the United States, the Holy See, the
 * Netherlands, the Marshall Islands, the British Indian Ocean Territory, …; not a pair of
 * places whose first is singular (Heard Island and McDonald Islands, South Georgia and the
 * South Sandwich Islands).
 */
const TAKES_THE =
  /^(United |Holy See$|State of |Republic of |Democratic Republic |(Central African|Czech|Dominican) Republic$|(Philippines|Bahamas|Gambia|Comoros|Maldives|Seychelles)$|Isle of )|(Netherlands|Islands|Territory|Territories)$/;
const SINGULAR_FIRST = /^(Heard Island|South Georgia) and /;

/** A state's name as it reads in a sentence: "the Holy See", "Cuba". */
export function inProse(code: string): string {
  const name = countryName(code);
  return TAKES_THE.test(name) && !SINGULAR_FIRST.test(name) ? `the ${name}` : name;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One or two sentences a minister could read aloud. */
export function relationSummary(
  a: string,
  b: string,
  missions: readonly MissionStatusView[],
  meetings: readonly MeetingRow[],
): string {
  const names = sentence(`${inProse(a)} and ${inProse(b)}`);
  const met =
    meetings.length === 0
      ? 'have no recorded meeting'
      : `have met ${meetings.length === 1 ? 'once' : `${meetings.length} times`} (latest ${meetings[meetings.length - 1].heldOn}${
          meetings[meetings.length - 1].place ? ` in ${meetings[meetings.length - 1].place}` : ''
        })`;
  const missionLines = missions.map((m) => {
    const phrase = STATUS_PHRASES[m.status]?.(m) ?? `is ${m.status}`;
    const overdue =
      m.overdue.length > 0
        ? `, overdue on its ${m.overdue.map((target) => target.replace('-', ' ')).join(' and ')} target${m.overdue.length > 1 ? 's' : ''}`
        : '';
    return `${possessive(inProse(m.sendingState))} mission in ${m.city} ${phrase}${overdue}`;
  });
  const missionsText =
    missionLines.length === 0 ? 'No mission is planned.' : sentence(`${missionLines.join('; ')}.`);
  return `${names} ${met}. ${missionsText}`;
}

/** Names whose last word is a plural, whatever comes before it. */
const PLURAL_LAST_WORD = /(Islands|Grenadines|Territories)$/;

/**
 * "Cuba's" and "Belarus's", but "the United Arab Emirates'", "the Philippines'" and "Saint
 * Vincent and the Grenadines'": only a plural name (one that takes the article, or ends in a
 * plural) takes the apostrophe alone.
 */
function possessive(name: string): string {
  const plural = (name.startsWith('the ') && name.endsWith('s')) || PLURAL_LAST_WORD.test(name);
  return plural ? `${name}'` : `${name}'s`;
}
