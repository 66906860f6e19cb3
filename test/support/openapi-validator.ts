import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** ajv-formats is CommonJS: its default export arrives as the module or under `default`. */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

interface OpenApiDocument {
  components: { schemas: Record<string, unknown> };
}

/** Keywords OpenAPI 3.0 schemas carry that say nothing about validity. */
const ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'];

/** `#/components/schemas/X` → `X`, the id each component is registered under. */
function localRefs(schema: unknown): unknown {
  return JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, '"$1"'),
  ) as unknown;
}

/**
 * Validates values against the document's schemas as a strict OpenAPI 3.0 validator does:
 * `nullable` only with a `type` beside it (ajv refuses the schema otherwise), unknown keywords
 * refused, formats checked.
 */
export function openApiValidator(document: OpenApiDocument) {
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATIONS);
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema({ ...(localRefs(schema) as object), $id: name });
  }
  return (schema: unknown, value: unknown): string[] => {
    const validate = ajv.compile(localRefs(schema) as object);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
  };
}
