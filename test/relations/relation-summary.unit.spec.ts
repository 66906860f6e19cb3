import { ProblemException } from '../../src/http/problem.js';
import type { MeetingRow } from '../../src/meetings/read-models/meeting-outcomes/meeting-outcomes.queries.js';
import type { MissionStatusView } from '../../src/missions/read-models/mission-status/mission-status.queries.js';
import { RelationPairPipe } from '../../src/relations/relation-pair.pipe.js';
import { countryName, inProse, relationSummary } from '../../src/relations/relation-summary.js';

const mission = (view: Partial<MissionStatusView>) =>
  ({ overdue: [], ...view }) as unknown as MissionStatusView;
const meeting = (heldOn: string, place: string | null) =>
  ({ heldOn, place }) as unknown as MeetingRow;

describe('Country names in a summary', () => {
  it.each([
    ['KR', 'South Korea'],
    ['CU', 'Cuba'],
    ['CD', 'Democratic Republic of the Congo'],
    ['CG', 'Republic of the Congo'],
    ['MD', 'Moldova'],
    ['FM', 'Micronesia'],
    ['TR', 'Türkiye'],
    ['CI', 'Côte d’Ivoire'],
    ['RE', 'Réunion'],
    ['AX', 'Åland Islands'],
    ['MK', 'North Macedonia'],
    ['TW', 'Taiwan'],
    ['IR', 'Iran'],
    ['CZ', 'Czechia'],
    ['GM', 'Gambia'],
    ['VA', 'Holy See'],
    ['RU', 'Russia'],
    ['US', 'United States'],
    ['KN', 'Saint Kitts and Nevis'],
    ['BA', 'Bosnia and Herzegovina'],
    ['PS', 'State of Palestine'],
    ['MM', 'Myanmar'],
    ['HK', 'Hong Kong'],
    ['XK', 'Kosovo'],
    ['VI', 'U.S. Virgin Islands'],
    ['MF', 'Saint Martin'],
    ['BL', 'Saint Barthélemy'],
  ])('calls %s %s', (code, name) => {
    expect(countryName(code)).toBe(name);
  });
});

describe('Relation summary', () => {
  it('says how often the states met and where each mission stands, in plain sentences', () => {
    expect(
      relationSummary(
        'CU',
        'KR',
        [
          mission({
            sendingState: 'KR',
            city: 'Havana',
            status: 'embassy-open',
            embassy: { openedOn: '2025-01-17', address: null },
          } as Partial<MissionStatusView>),
          mission({
            sendingState: 'CU',
            city: 'Seoul',
            status: 'opening-team-on-post',
            overdue: ['temporary-office', 'embassy'],
          } as Partial<MissionStatusView>),
        ],
        [meeting('2024-04-24', 'Havana'), meeting('2024-06-12', 'Seoul')],
      ),
    ).toBe(
      "Cuba and South Korea have met 2 times (latest 2024-06-12 in Seoul). South Korea's mission in Havana has been open since 2025-01-17; Cuba's mission in Seoul has its opening team on post, overdue on its temporary office and embassy targets.",
    );
  });

  it('gives a plural name the possessive of a plural', () => {
    expect(
      relationSummary(
        'AE',
        'IL',
        [
          mission({
            sendingState: 'AE',
            city: 'Tel Aviv',
            status: 'planned',
          } as Partial<MissionStatusView>),
        ],
        [],
      ),
    ).toMatch(/\. The United Arab Emirates' mission in Tel Aviv is planned\.$/);
  });

  it('gives a singular name ending in s the possessive of a singular', () => {
    expect(
      relationSummary(
        'BY',
        'CY',
        [mission({ sendingState: 'BY', city: 'Nicosia', status: 'planned' })],
        [],
      ),
    ).toMatch(/\. Belarus's mission in Nicosia is planned\.$/);
  });

  it.each([
    ['VC', "Saint Vincent and the Grenadines' mission"],
    ['HM', "Heard Island and McDonald Islands' mission"],
    ['KN', "Saint Kitts and Nevis's mission"],
  ])('gives %s, a pair of places, the possessive its last word takes', (code, possessive) => {
    expect(
      relationSummary(
        code,
        'CU',
        [mission({ sendingState: code, city: 'Havana', status: 'planned' })],
        [],
      ),
    ).toContain(`. ${possessive} in Havana is planned.`);
  });

  it('gives the article to the names that take it, capitalised where a sentence starts', () => {
    expect(
      relationSummary(
        'PS',
        'VA',
        [
          mission({ sendingState: 'PS', city: 'Rome', status: 'planned' }),
          mission({ sendingState: 'VA', city: 'Ramallah', status: 'planned' }),
        ],
        [],
      ),
    ).toBe(
      "The State of Palestine and the Holy See have no recorded meeting. The State of Palestine's mission in Rome is planned; the Holy See's mission in Ramallah is planned.",
    );
  });

  it.each([
    ['US', 'the United States'],
    ['GB', 'the United Kingdom'],
    ['NL', 'the Netherlands'],
    ['PH', 'the Philippines'],
    ['MH', 'the Marshall Islands'],
    ['CD', 'the Democratic Republic of the Congo'],
    ['CG', 'the Republic of the Congo'],
    ['CF', 'the Central African Republic'],
    ['KY', 'the Cayman Islands'],
    ['IO', 'the British Indian Ocean Territory'],
    ['TF', 'the French Southern Territories'],
    ['BQ', 'the Caribbean Netherlands'],
    ['HM', 'Heard Island and McDonald Islands'],
    ['GS', 'South Georgia and the South Sandwich Islands'],
    ['KR', 'South Korea'],
    ['CZ', 'Czechia'],
    ['KZ', 'Kazakhstan'],
  ])('writes %s as "%s" in a sentence', (code, prose) => {
    expect(inProse(code)).toBe(prose);
  });

  it('speaks of one overdue target in the singular, and of no meeting at all', () => {
    expect(
      relationSummary(
        'FR',
        'VN',
        [
          mission({
            sendingState: 'FR',
            city: 'Hanoi',
            status: 'planned',
            overdue: ['embassy'],
          } as Partial<MissionStatusView>),
        ],
        [],
      ),
    ).toMatch(
      /have no recorded meeting\. France's mission in Hanoi is planned, overdue on its embassy target\.$/,
    );
  });
});

describe('Relation pair', () => {
  const pipe = new RelationPairPipe();
  const refusal = (value: string) => {
    try {
      pipe.transform(value);
      return undefined;
    } catch (error) {
      if (error instanceof ProblemException) return error.problem;
      throw error;
    }
  };

  it('reads two codes in either order and any case', () => {
    expect(pipe.transform('kr-cu')).toEqual({ a: 'KR', b: 'CU' });
    expect(pipe.transform('CU-kr')).toEqual({ a: 'CU', b: 'KR' });
  });

  it.each([
    ['kr_cu', /not two codes joined by a hyphen/],
    ['\u212Ar-cu', /not two codes joined by a hyphen/],
    ['kr-c\u0131', /not two codes joined by a hyphen/],
    ['kor-cub', /not two codes joined by a hyphen/],
    ['uk-fr', /UK is not an assigned code \(use GB \(United Kingdom\) for UK\)/],
    ['el-uk', /EL and UK are not assigned codes \(use GR \(Greece\) for EL, use GB/],
    ['xx-yy', /XX and YY are not assigned codes/],
    ['fr-fr', /no relation with itself/],
  ])('names no relation for %s, and says why', (value, reason) => {
    expect(refusal(value)).toMatchObject({ status: 404, detail: expect.stringMatching(reason) });
  });
});
