/**
 * Whether a name is one every plain object answers to (`Object.prototype`'s own: `__proto__`,
 * `constructor`, `toString`, `valueOf`, `hasOwnProperty`, `__defineGetter__`, …) or
 * `prototype`, which reaches one through `constructor.prototype`. No field or query parameter
 * of this API has such a name, and class-transformer drops them before a DTO's whitelist could
 * see them (an instance already answers to them), so they are refused by name wherever they
 * are sent.
 */
export function isObjectPropertyName(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}
