import type { IsoDate } from './iso-date.js';

/**
 * What every command carries besides its data: the caller's "now", so that decisions stay
 * pure (a recorded milestone dated after `today` is refused).
 */
export type CommandMetadata = {
  /** The date "now" as seen by the caller, 'YYYY-MM-DD'. */
  readonly today: IsoDate;
};

/** An intention, named in the imperative (`DispatchDiplomat`). */
export type Command<Type extends string, Data, Metadata = CommandMetadata> = {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: Metadata;
};
