export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON object: not null, not a list, not a primitive. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` if it is a string, else `fallback`: a field of stored JSON read without trusting it. */
export function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

/**
 * JSON text read as an object, or why it cannot be: the parser's message for text that is no
 * JSON, or (`json` true) what the JSON is instead of an object.
 */
export type ParsedJsonObject =
  | { readonly value: JsonObject; readonly problem?: undefined; readonly json?: undefined }
  | { readonly value?: undefined; readonly problem: string; readonly json: boolean };

export function parseJsonObject(text: string): ParsedJsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error), json: false };
  }
  if (isJsonObject(parsed)) return { value: parsed };
  const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
  return { problem: kind, json: true };
}

/** Why stored JSON text (an event's `data` or `metadata`) cannot be read as an object. */
export function unreadableJson(
  part: string,
  parsed: Extract<ParsedJsonObject, { problem: string }>,
): string {
  return parsed.json
    ? `its ${part} is JSON but not an object: ${parsed.problem}`
    : `its ${part} is not valid JSON (${parsed.problem})`;
}
