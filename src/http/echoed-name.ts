/** The longest name taken from a request that an answer echoes whole. */
export const ECHOED_NAME_LENGTH = 64;

/**
 * A field or parameter name taken from the request, as an answer names it: whole up to
 * ECHOED_NAME_LENGTH characters (code points); a longer one cut there, with an ellipsis and
 * how long it was (`kkkk… (900000 characters)`), so that no name sent makes an answer large.
 */
export function echoedName(name: string): string {
  if (name.length <= ECHOED_NAME_LENGTH) return name;
  let end = 0;
  let characters = 0;
  for (const character of name) {
    if (characters++ < ECHOED_NAME_LENGTH) end += character.length;
  }
  if (characters <= ECHOED_NAME_LENGTH) return name;
  return `${name.slice(0, end)}… (${characters} characters)`;
}
