import type { Type } from '@nestjs/common';
import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

/** Types a property may name that are no request DTO of ours. */
const NOT_DTOS: ReadonlySet<unknown> = new Set([String, Number, Boolean, Object, Array, Date]);

/**
 * An optional body field (class-validator's @IsOptional) sent as null is read as left out;
 * the document says so with `nullable` on each, in the request DTOs and those nested in them
 * (a reference becomes `allOf` of it, nullable, for describeNullableReferences to finish).
 * Fields only some requests take (a meeting outcome's `missions`, by its kind) are not
 * optional in that sense, and refuse null.
 */
export function describeNullableOptionals(
  document: OpenAPIObject,
  bodies: readonly Type<unknown>[],
): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<Type<unknown>>();
  const visit = (dto: Type<unknown>): void => {
    if (seen.has(dto)) return;
    seen.add(dto);
    const properties = schemas[dto.name]?.properties ?? {};
    for (const entry of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
      if (entry.type !== 'conditionalValidation' || entry.name !== 'isOptional') continue;
      const property = properties[entry.propertyName];
      if (property !== undefined) properties[entry.propertyName] = nullable(property);
    }
    for (const name of Object.keys(properties)) {
      const nested = nestedDtoOf(dto, name);
      if (nested !== undefined) visit(nested);
    }
  };
  bodies.forEach(visit);
}

function nullable(property: Record<string, unknown>): Record<string, unknown> {
  if (typeof property.$ref !== 'string') return { ...property, nullable: true };
  const { $ref, ...rest } = property;
  return { ...rest, nullable: true, allOf: [{ $ref }] };
}

/** The DTO class a property holds (or lists), as its @ApiProperty names it. */
function nestedDtoOf(dto: Type<unknown>, property: string): Type<unknown> | undefined {
  const metadata = Reflect.getMetadata(
    DECORATORS.API_MODEL_PROPERTIES,
    dto.prototype as object,
    property,
  ) as { type?: unknown } | undefined;
  let type = metadata?.type;
  // A lazy `() => Dto` has no prototype; a class has one.
  if (typeof type === 'function' && !('prototype' in type && type.prototype)) {
    type = (type as () => unknown)();
  }
  if (Array.isArray(type)) type = type[0];
  return typeof type === 'function' && !NOT_DTOS.has(type) ? (type as Type<unknown>) : undefined;
}
