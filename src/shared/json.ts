export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON object: not null, not a list, not a primitive. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text read as an object, or why it cannot be (the parser's message, or what it is instead). */
export type ParsedJsonObject =
  | { readonly value: JsonObject; readonly problem?: undefined }
  | { readonly value?: undefined; readonly problem: string };

export function parseJsonObject(text: string): ParsedJsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
  return isJsonObject(parsed) ? { value: parsed } : { problem: 'not an object' };
}
