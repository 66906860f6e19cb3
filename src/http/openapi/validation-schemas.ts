import type { Type } from '@nestjs/common';
import type { ParameterObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { CALENDAR_DATE, STATE_CODE } from './property-schemas.js';

/** class-validator constraints (by name) as JSON Schema keywords. */
const KEYWORDS: Readonly<Record<string, (constraints: unknown[]) => SchemaObject>> = {
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  isBoolean: () => ({ type: 'boolean' }),
  isString: () => ({ type: 'string' }),
  isUUID: () => ({ type: 'string', format: 'uuid' }),
  min: ([value]) => ({ minimum: Number(value) }),
  max: ([value]) => ({ maximum: Number(value) }),
  minLength: ([value]) => ({ minLength: Number(value) }),
  maxLength: ([value]) => ({ maxLength: Number(value) }),
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  isCountryCode: () => ({ ...STATE_CODE }),
  isCalendarDate: () => ({ ...CALENDAR_DATE }),
  isPositionText: () => ({ type: 'string', pattern: '^[0-9a-fA-F]{32}$' }),
};

/**
 * The query parameters a class-validator DTO accepts, read from its validation metadata
 * (inherited properties included): for routes whose DTO carries no @ApiProperty.
 */
export function queryParametersOf(dto: Type<unknown>): ParameterObject[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  const properties = new Map<string, { optional: boolean; schema: SchemaObject }>();
  for (const entry of metadata) {
    const property = properties.get(entry.propertyName) ?? { optional: false, schema: {} };
    if (entry.type === 'conditionalValidation') property.optional = true;
    const keywords = entry.name ? KEYWORDS[entry.name] : undefined;
    if (keywords) property.schema = { ...property.schema, ...keywords(entry.constraints ?? []) };
    properties.set(entry.propertyName, property);
  }
  return [...properties].map(([name, { optional, schema }]) => ({
    name,
    in: 'query',
    required: !optional,
    schema: { type: 'string', ...schema },
  }));
}
