import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemTypes, problemTypeUri } from '../problem.js';
import { CORRELATION_ID_RESPONSE_HEADER } from './headers.js';
import { problemResponse } from './problem-responses.js';

const SHUTTING_DOWN = problemTypeUri(ProblemTypes.shuttingDown.slug);

/** Every operation of the document, with its path. */
export function operationsOf(
  document: OpenAPIObject,
): { path: string; method: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter((entry): entry is [string, OperationObject] => isOperation(entry[1]))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

function isOperation(value: unknown): value is OperationObject {
  return typeof value === 'object' && value !== null && 'responses' in value;
}

/**
 * What every answer of every route has, documented or not: `X-Correlation-Id`, and the 503 of
 * a node shutting down (the onRequest hook answers it before anything else, public routes
 * included). A route that documents a 503 of its own keeps it, with the problem beside it.
 */
export function describeEveryResponse(document: OpenAPIObject): void {
  for (const { path, operation } of operationsOf(document)) {
    const responses = operation.responses;
    const own = responses[503] as ResponseObject | undefined;
    const draining = problemResponse(503, { examplePath: path });
    if (!own) responses[503] = draining;
    else if (!JSON.stringify(own).includes(SHUTTING_DOWN)) mergeShuttingDown(own, draining);
    for (const response of Object.values(responses)) {
      if (!response || !('description' in response)) continue;
      response.headers = { ...CORRELATION_ID_RESPONSE_HEADER, ...response.headers };
    }
  }
}

/** A route's own 503 and, beside it, the problem a node shutting down answers with. */
function mergeShuttingDown(own: ResponseObject, draining: ResponseObject): void {
  own.description = `${own.description}\n\nWhile the node is shutting down, whatever the route: application/problem+json. ${draining.description}`;
  own.headers = { ...draining.headers, ...own.headers };
  const problem = draining.content?.[PROBLEM_CONTENT_TYPE];
  const ownProblem = own.content?.[PROBLEM_CONTENT_TYPE];
  own.content = {
    ...own.content,
    [PROBLEM_CONTENT_TYPE]: {
      ...problem,
      examples: { ...ownProblem?.examples, ...problem?.examples },
    },
  };
}
