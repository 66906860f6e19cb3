import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * A property that is a referenced schema or null, in a form OpenAPI 3.0 validators read as
 * such. @nestjs/swagger writes `{ nullable: true, allOf: [{ $ref }] }`, but `nullable` only
 * admits null beside a `type` in the same schema (OpenAPI 3.0.3), and the referenced schema
 * refuses null, so every such property returned as null failed a strict validator. It becomes
 * `anyOf: [{ $ref }, { type, nullable: true, enum: [null] }]`, its description and example kept.
 */
export function describeNullableReferences(document: OpenAPIObject): void {
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (!Array.isArray(value)) rewrite(value as Schema, components);
    for (const child of Object.values(value)) visit(child);
  };
  visit(document);
}

function rewrite(schema: Schema, components: Record<string, Schema>): void {
  const reference = referenceOf(schema);
  if (schema.nullable !== true || reference === undefined) return;
  const name = reference.slice(reference.lastIndexOf('/') + 1);
  const type = typeof components[name]?.type === 'string' ? components[name].type : 'object';
  delete schema.nullable;
  delete schema.allOf;
  delete schema.type;
  schema.anyOf = [{ $ref: reference }, { type, nullable: true, enum: [null] }];
}

/** The `$ref` of a schema that is only a wrapped reference (`allOf` of one `$ref`). */
function referenceOf(schema: Schema): string | undefined {
  const allOf = schema.allOf;
  if (!Array.isArray(allOf) || allOf.length !== 1) return undefined;
  const only = allOf[0] as Schema;
  return typeof only.$ref === 'string' && Object.keys(only).length === 1 ? only.$ref : undefined;
}
