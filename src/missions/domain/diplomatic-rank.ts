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

/**
 * Most specific first: "Minister-Counsellor" is not a minister, "Ambassador-designate" is an
 * ambassador. Nuncios (pro-nuncios too) are of the ambassadors' class and internuncios of the
 * ministers' (VCDR art. 14); a High Commissioner, a Commonwealth country's head of mission in
 * another, is an ambassador (a deputy or assistant one is not; an acting one is, as an acting
 * ambassador is).
 */
const TITLE_PATTERNS: readonly (readonly [RegExp, DiplomaticGrade])[] = [
  [/\bminister[\s-]+counsell?or\b/, 'minister-counsellor'],
  [
    /\bambassador|(?<![\w-])(?:pro-?)?nuncio\b|(?<!\b(?:deputy|assistant)[\s-]+)(?<![\w-])high[\s-]+commissioner\b/,
    'ambassador',
  ],
  [/\b(envoy|minister|inter-?nuncio)\b/, 'minister'],
  [/\bcounsell?or\b/, 'counsellor'],
  [/\b(first|1st)\s+secretary\b/, 'first-secretary'],
  [/\b(second|2nd)\s+secretary\b/, 'second-secretary'],
  [/\b(third|3rd)\s+secretary\b/, 'third-secretary'],
  [/\battache\b/, 'attache'],
];

/**
 * A word after which the rest of a part names someone or something else; not inside a
 * hyphenated word ("Officer-in-Charge", "Ambassador-at-Large" are the holder's own).
 */
const GOVERNING = /(?<![\w-])(?:to|of|for|at|in|with|by|from|under|on)(?![\w-])/;
/** Where a title's parts part: commas, semicolons, slashes, brackets, spaced dashes. */
const PART_BREAK = /[,;/()[\]]|\s[-\u2013\u2014]+\s/u;
/**
 * An "and" not followed by an article: it may start another of the holder's titles ("Head of
 * Mission and Ambassador"), or go on with the ranks a word before it governs ("Assistant to
 * the Ambassador and Minister"); which, ownWordsOf tells.
 */
const AND = /\s+and\s+(?!(?:the|his|her|their|its)\b)/u;
/** A possessive ("Ambassador's", "Ministers'"): the words before it name someone else. */
const POSSESSIVE = /(?:'s|s')(?=\s|$)/;

/**
 * The rank a free-text title names for its holder ("Counsellor", "First Secretary"), or null.
 * Only the words that name the holder count: each part of the title (parts are set apart by
 * commas, semicolons, spaced dashes, slashes, brackets, or an "and" that starts another of the
 * holder's titles: "Head of Mission and Ambassador", unless what comes before it governs a
 * rank: "Assistant to Ambassador and Minister") up to its first "to", "of", "for",
 * "at", "in", "with", "by", "from", "under" or "on", and after its last possessive. "Personal
 * Assistant to the Ambassador", "Ambassador's Driver", "Driver, Office of the Minister" name
 * someone else's rank, not their holder's: null. "Deputy Head of Mission, Minister-Counsellor"
 * and "Ambassador of Ireland to France" name their holder's. "with the (personal) rank of"
 * starts a part of its own ("Consul-General with the personal rank of Ambassador").
 */
export function gradeFromTitle(title: string): DiplomaticGrade | null {
  const own = ownWordsOf(title);
  return TITLE_PATTERNS.find(([pattern]) => own.some((part) => pattern.test(part)))?.[1] ?? null;
}

/** The parts of a title that describe its holder, lower case, accents off. */
function ownWordsOf(title: string): string[] {
  // Accents off, so "Attaché" reads as "attache"; one apostrophe for all.
  const text = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/gu, "'")
    .replace(/\b(?:with\s+)?(?:the\s+)?(?:personal\s+)?rank\s+of\b/g, ',');
  return text.split(PART_BREAK).flatMap(ownWordsOfPart);
}

/**
 * The holder's words in one part. Its "and"s start another of the holder's titles, unless
 * what a word before governs names a rank: then the ranks after the "and" are governed too
 * ("Assistant to Ambassador and Minister" names two principals; "Permanent Representative to
 * the UN and Ambassador" names the holder an ambassador).
 */
function ownWordsOfPart(part: string): string[] {
  const own: string[] = [];
  for (const segment of part.split(AND)) {
    const governing = GOVERNING.exec(segment);
    own.push((governing ? segment.slice(0, governing.index) : segment).split(POSSESSIVE).at(-1)!);
    const governed = governing ? segment.slice(governing.index) : '';
    if (TITLE_PATTERNS.some(([pattern]) => pattern.test(governed))) break;
  }
  return own;
}

/** The rank as stated, or read from the title when none was stated. */
export function rankOf(title: string, stated: DiplomaticGrade | null | undefined): DiplomaticRank {
  return stated == null
    ? { grade: gradeFromTitle(title), inferredFromTitle: true }
    : { grade: stated, inferredFromTitle: false };
}
