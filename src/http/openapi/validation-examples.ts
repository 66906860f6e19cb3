import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemTypes } from '../problem.js';
import type { FieldError } from '../problem.js';
import { operationsOf } from './every-response.js';

/**
 * Each operation's 400 validation-failed example names one of its own fields: the first
 * required field of its body, else its first whole-number or position query parameter, else the unknown
 * query parameter it refuses (a route that reads none).
 */
export function describeValidationExamples(document: OpenAPIObject): void {
  for (const { operation } of operationsOf(document)) {
    const response = operation.responses[400] as ResponseObject | undefined;
    const examples = response?.content?.[PROBLEM_CONTENT_TYPE]?.examples;
    const example = examples?.[ProblemTypes.validation.slug];
    if (!example || !('value' in example)) continue;
    const error = fieldErrorOf(document, operation);
    example.value = {
      ...(example.value as object),
      detail: `The request has invalid fields: ${error.path}: ${error.message}`,
      errors: [error],
    };
  }
}

function fieldErrorOf(document: OpenAPIObject, operation: OperationObject): FieldError {
  const body = operation.requestBody;
  const bodySchema =
    body && 'content' in body ? body.content['application/json']?.schema : undefined;
  const required = resolve(document, bodySchema)?.required?.[0];
  if (required) return { path: required, message: `${required} is required` };
  for (const parameter of operation.parameters ?? []) {
    if (!('in' in parameter) || parameter.in !== 'query') continue;
    const message = queryMessageOf(resolve(document, parameter.schema));
    if (message) return { path: parameter.name, message: `${parameter.name} ${message}` };
  }
  return { path: 'x', message: 'property x should not exist' };
}

/** What validation says of a bad whole number or position in a query string. */
function queryMessageOf(schema: SchemaObject | undefined): string | undefined {
  if (schema?.type === 'integer') return 'must be a whole number written in decimal digits';
  if (schema?.pattern?.endsWith('{32}$')) return 'must be a position the API returned';
  return undefined;
}

function resolve(
  document: OpenAPIObject,
  schema: SchemaObject | ReferenceObject | undefined,
): SchemaObject | undefined {
  if (!schema || !('$ref' in schema)) return schema;
  const found = document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
  return found && !('$ref' in found) ? found : undefined;
}
