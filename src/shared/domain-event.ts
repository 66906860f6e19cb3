import type { JsonObject } from './json.js';

/**
 * A fact, named in the past tense (`DiplomatDispatched`). Its data is plain JSON so it can be
 * appended to the event store as it is: absent values are `null`, never `undefined`.
 */
export type DomainEvent<Type extends string, Data extends JsonObject> = {
  readonly type: Type;
  readonly data: Data;
};
