import { echoedName } from './echoed-name.js';
import type { FieldError } from './problem.js';

/**
 * The query parameters of a URL whose name or value is not percent-encoded UTF-8 (`%FF`, an
 * encoded surrogate `%ED%A0%80`, `%zz`): Fastify's parser keeps those as they were sent, so a
 * route would read `%FF` as text. Each is named (by its name as sent, when that is what is
 * wrong), as a path with such bytes is refused.
 */
export function badlyEncodedParameters(url: string): FieldError[] {
  const start = url.indexOf('?');
  if (start === -1 || !url.includes('%', start)) return [];
  const errors: FieldError[] = [];
  for (const pair of url.slice(start + 1).split('&')) {
    if (decoded(pair) !== undefined) continue;
    const raw = pair.split('=', 1)[0];
    const decodedName = decoded(raw);
    const name = echoedName(decodedName ?? raw);
    errors.push(
      decodedName === undefined
        ? { path: name, message: 'the parameter name must be percent-encoded UTF-8' }
        : { path: name, message: `${name} must be percent-encoded UTF-8` },
    );
  }
  return errors;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
