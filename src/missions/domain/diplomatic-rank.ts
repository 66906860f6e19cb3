/**
 * The diplomatic ranks, most senior first: the classes of heads of mission (VCDR art. 14:
 * ambassadors, envoys and ministers; chargés d'affaires hold a function, not a rank) and
 * the customary ranks of diplomatic staff.
 */
export const DIPLOMATIC_GRADES = [
  'ambassador',
  'minister',
  'minister-counsellor',
  'counsellor',
  'first-secretary',
  'second-secretary',
  'third-secretary',
  'attache',
] as const;

export type DiplomaticGrade = (typeof DIPLOMATIC_GRADES)[number];

/** A dispatched diplomat's rank: stated when recorded, or read from the title. */
export type DiplomaticRank = {
  /** null when the title names no rank this service knows. */
  readonly grade: DiplomaticGrade | null;
  /** true when no rank was stated and `grade` was read from the free-text title. */
  readonly inferredFromTitle: boolean;
};

/** Most specific first: "Minister-Counsellor" is not a minister, "Ambassador-designate" is an ambassador. */
const TITLE_PATTERNS: readonly (readonly [RegExp, DiplomaticGrade])[] = [
  [/\bminister[\s-]+counsell?or\b/, 'minister-counsellor'],
  [/\bambassador/, 'ambassador'],
  [/\b(envoy|minister)\b/, 'minister'],
  [/\bcounsell?or\b/, 'counsellor'],
  [/\b(first|1st)\s+secretary\b/, 'first-secretary'],
  [/\b(second|2nd)\s+secretary\b/, 'second-secretary'],
  [/\b(third|3rd)\s+secretary\b/, 'third-secretary'],
  [/\battache\b/, 'attache'],
];

/** The rank a free-text title names ("Counsellor", "First Secretary"), or null. */
export function gradeFromTitle(title: string): DiplomaticGrade | null {
  // Accents off, so "Attaché" reads as "attache".
  const text = title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return TITLE_PATTERNS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** The rank as stated, or read from the title when none was stated. */
export function rankOf(title: string, stated: DiplomaticGrade | null | undefined): DiplomaticRank {
  return stated == null
    ? { grade: gradeFromTitle(title), inferredFromTitle: true }
    : { grade: stated, inferredFromTitle: false };
}
